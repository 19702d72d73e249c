package io.capstan.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.e2e.FleetStack;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark of the main job (only with {@code -Pbench}: {@code ./mvnw -B -pl e2e -Pbench verify
 * -Dbench.test=MainJobBenchmark}): N applications, each an HTTPRoute on the edge Gateway plus a cert-manager
 * Certificate for its hostname, created as a burst across alpha (standalone) and beta (openstack), against the
 * whole fleet of packaged services and the sandbox with BIND 9 and the sandbox CA. Per application, from the create
 * call returning: time until the sandbox DNS server answers the hostname with the edge address, until the
 * certificate's Secret is present in the cluster, and until the status API shows both Ready (DNS record Published
 * in {@code /api/v1/dns/records}, certificate ready in {@code /api/v1/certificates}). Printed with p50 and p99
 * beside the raw Kafka round trip (1 KB, acks=all, one record at a time) measured on the same broker in the same
 * run. Knobs: {@code -Dbench.routes=40} (total, split across both clusters), {@code -Dbench.timeout=600} (s).
 *
 * <p>beta is an OpenStack cluster: its edge Service's address comes from the cloud controller (Octavia), which the
 * sandbox does not run, so the harness plays it once, writing 203.0.113.10 (RFC 5737) into that Service's status.
 */
class MainJobBenchmark {

    static final int ROUTES = Integer.getInteger("bench.routes", 40);
    static final Duration TIMEOUT = Duration.ofSeconds(Integer.getInteger("bench.timeout", 600));
    static final String ZONE = "sandbox.capstan.test";
    static final String NS = "bench-apps";

    /** One measured figure. */
    record Row(String what, int count, double p50Ms, double p99Ms, double maxMs) {
        String line() {
            return String.format("| %-62s | %5d | %10.1f | %10.1f | %10.1f |", what, count, p50Ms, p99Ms, maxMs);
        }
    }

    @Test
    void applicationsCreatedAcrossBothClustersToDnsAnswerSecretAndReady() throws Exception {
        List<String> report = new ArrayList<>();
        try (FleetStack fleet = new FleetStack("bench-mainjob", "384m")) {
            fleet.registerClusters();
            for (String c : List.of("alpha", "beta")) {
                fleet.apply(c, fleet.demo(c));
            }
            long readyStart = System.nanoTime();
            waitUntil(() -> {
                for (String c : List.of("alpha", "beta")) {
                    if (!"Ready".equals(fleet.get("/api/v1/clusters/" + c).path("phase").asText())) {
                        playCloudController(fleet.kube("beta"));
                        return false;
                    }
                }
                return true;
            }, "both clusters Ready");
            report.add(String.format("fleet: alpha and beta Ready %.1f s after registration", (System.nanoTime() - readyStart) / 1e9));
            Row kafka = rawKafkaOneAtATime(fleet.kafkaBootstrap(), 300);

            // the applications
            Map<String, String> clusterOf = new LinkedHashMap<>();
            Map<String, Long> created = new HashMap<>();
            for (String c : List.of("alpha", "beta")) {
                fleet.kube(c).namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
            }
            long burst = System.nanoTime();
            for (int i = 0; i < ROUTES; i++) {
                String c = i % 2 == 0 ? "alpha" : "beta";
                String host = "app" + i + "." + c + "." + ZONE;
                fleet.apply(c, application("app" + i, host));
                created.put(host, System.nanoTime());
                clusterOf.put(host, c);
            }
            double burstS = (System.nanoTime() - burst) / 1e9;
            Map<String, Long> dnsAt = new HashMap<>();
            Map<String, Long> secretAt = new HashMap<>();
            Map<String, Long> readyAt = new HashMap<>();
            Map<String, String> edge = new HashMap<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (readyAt.size() < ROUTES || dnsAt.size() < ROUTES || secretAt.size() < ROUTES) {
                if (System.nanoTime() > deadline) {
                    break;
                }
                long now = System.nanoTime();
                for (String c : List.of("alpha", "beta")) {
                    edge.put(c, fleet.edgeAddress(c));
                    for (var s : fleet.kube(c).secrets().inNamespace(NS).list().getItems()) {
                        String host = s.getMetadata().getName().replace("-tls", "") + "." + c + "." + ZONE;
                        if (created.containsKey(host)) {
                            secretAt.putIfAbsent(host, now);
                        }
                    }
                    JsonNode records = fleet.get("/api/v1/dns/records?cluster=" + c);
                    JsonNode certs = fleet.get("/api/v1/certificates?cluster=" + c);
                    for (String host : clusterOf.keySet()) {
                        if (!clusterOf.get(host).equals(c) || readyAt.containsKey(host)) {
                            continue;
                        }
                        boolean published = false;
                        for (JsonNode r : records.path("items")) {
                            published |= host.equals(r.path("hostname").asText()) && "Published".equals(r.path("state").asText());
                        }
                        boolean issued = false;
                        for (JsonNode r : certs.path("items")) {
                            issued |= NS.equals(r.path("namespace").asText()) && host.equals(r.path("name").asText())
                                    && r.path("ready").asBoolean();
                        }
                        if (published && issued) {
                            readyAt.put(host, now);
                        }
                    }
                }
                for (String host : clusterOf.keySet()) {
                    String want = edge.get(clusterOf.get(host));
                    if (!dnsAt.containsKey(host) && want != null && fleet.dig(host).equals(List.of(want))) {
                        dnsAt.put(host, System.nanoTime());
                    }
                }
                playCloudController(fleet.kube("beta"));
                Thread.sleep(200); // a polling harness, not a test wait
            }
            report.add(String.format("%d applications (HTTPRoute + Certificate) created in %.2f s across alpha and beta", ROUTES, burstS));
            report.add(String.format("| %-62s | %5s | %10s | %10s | %10s |", "what", "count", "p50 ms", "p99 ms", "max ms"));
            report.add(kafka.line());
            report.add(latencies("create -> DNS answers with the edge address (dig, BIND)", created, dnsAt).line());
            report.add(latencies("create -> certificate Secret present in the cluster", created, secretAt).line());
            report.add(latencies("create -> status API: DNS Published and certificate Ready", created, readyAt).line());
            report.add(String.format("load average at the end: %s", Files.readString(Path.of("/proc/loadavg")).trim()));
            report.forEach(System.out::println);
            Files.write(fleet.root().resolve("e2e/target/bench-mainjob-report.txt"), report);
            assertThat(readyAt).as("applications that reached Ready within %s", TIMEOUT).hasSize(ROUTES);
        }
    }

    /** Plays the OpenStack cloud controller for beta's edge Service: an address in its status, once. */
    private static void playCloudController(KubernetesClient beta) {
        for (Service s : beta.services().inNamespace("capstan-gateways").list().getItems()) {
            if (!"LoadBalancer".equals(s.getSpec().getType())) {
                continue;
            }
            if (s.getStatus() != null && s.getStatus().getLoadBalancer() != null
                    && s.getStatus().getLoadBalancer().getIngress() != null && !s.getStatus().getLoadBalancer().getIngress().isEmpty()) {
                continue;
            }
            if (s.getStatus() == null) {
                s.setStatus(new io.fabric8.kubernetes.api.model.ServiceStatus());
            }
            s.getStatus().setLoadBalancer(new io.fabric8.kubernetes.api.model.LoadBalancerStatus(
                    List.of(new LoadBalancerIngressBuilder().withIp("203.0.113.10").build())));
            try {
                beta.services().inNamespace("capstan-gateways").resource(s).updateStatus();
            } catch (RuntimeException e) {
                // a 409 (the gateways service wrote first): the next pass reads again
            }
        }
    }

    private static String application(String name, String host) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: %1$s, namespace: %3$s}
                spec:
                  parentRefs: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: capstan-gateways, name: edge}]
                  hostnames: [%2$s]
                  rules: [{backendRefs: [{name: %1$s, port: 80}]}]
                ---
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: %2$s, namespace: %3$s}
                spec:
                  secretName: %1$s-tls
                  dnsNames: [%2$s]
                  issuerRef: {group: cert-manager.io, kind: ClusterIssuer, name: sandbox-ca}
                """.formatted(name, host, NS);
    }

    private static Row latencies(String what, Map<String, Long> start, Map<String, Long> end) {
        List<Double> ms = new ArrayList<>();
        end.forEach((k, t) -> ms.add((t - start.get(k)) / 1e6));
        ms.sort(Double::compareTo);
        return new Row(what + (end.size() < start.size() ? " (" + (start.size() - end.size()) + " missing)" : ""),
                ms.size(), percentile(ms, 0.50), percentile(ms, 0.99), ms.isEmpty() ? Double.NaN : ms.get(ms.size() - 1));
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /** Raw Kafka on the sandbox broker: send one 1 KB record (acks=all), wait until consumed, next. */
    private static Row rawKafkaOneAtATime(String bootstrap, int n) throws Exception {
        String topic = "bench.mainjob.raw." + System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        byte[] kb = new byte[1024];
        Arrays.fill(kb, (byte) 'x');
        String value = new String(kb, StandardCharsets.US_ASCII);
        List<Double> ms = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                     bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "bench-" + System.nanoTime(),
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, "k" + i, value));
                boolean got = false;
                while (!got) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                        got |= r.key().equals("k" + i);
                    }
                    if (System.nanoTime() - t0 > 30_000_000_000L) {
                        throw new IllegalStateException("raw Kafka record not consumed within 30 s");
                    }
                }
                ms.add((System.nanoTime() - t0) / 1e6);
            }
        }
        ms.sort(Double::compareTo);
        return new Row("raw Kafka one at a time, 1 KB, acks=all (send -> consumed)", n, percentile(ms, 0.5),
                percentile(ms, 0.99), ms.get(ms.size() - 1));
    }

    interface Check {
        boolean done() throws Exception;
    }

    private static void waitUntil(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!check.done()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " not reached within " + TIMEOUT);
            }
            Thread.sleep(500); // a polling harness, not a test wait
        }
    }
}
