package io.capstan.dns.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.dns.reconcile.Bind;
import io.capstan.model.Topics;
import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.cluster.Profile;
import io.capstan.model.event.CloudEventHeaders;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.kafka.ClusterPartitioner;
import io.capstan.model.resource.ResourceEvent;
import io.capstan.sandbox.dns.DnsZone;
import io.capstan.sandbox.junit.Sandbox;
import io.capstan.sandbox.junit.SandboxResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark (only with {@code -Pbench}): records applied per second through the whole dns service (ResourceEvents on
 * the sandbox's Kafka broker in, A records served by a real BIND 9 out, every hop real: consumer, cache, planner with
 * the TXT registry, RFC 2136 UPDATE with TSIG, status published) against {@code nsupdate} and the raw provider on a
 * BIND of the same machine in the same run ({@link Rfc2136RawBench}), and the latency from a changed object to its
 * new address being served (polled with dnsjava queries back to back, no sleep), p50 and p99. Figures printed and written to
 * {@code target/dns-bench/service.txt}.
 */
@QuarkusTest
@QuarkusTestResource(SandboxResource.class)
class DnsBenchmark {

    static final String ZONE = "bench.example.com";

    @Test
    void recordsPerSecondThroughTheServiceAgainstNsupdateAndChangeToServedLatency() throws Exception {
        int n = Integer.getInteger("capstan.bench.records", 2000);
        int changes = Integer.getInteger("capstan.bench.changes", 100);
        Path dir = Path.of("target", "dns-bench");
        Files.createDirectories(dir);
        Rfc2136RawBench.Result raw = Rfc2136RawBench.run(dir, 3, 500, 5000);

        Sandbox sandbox = Sandbox.shared();
        try (Bind bind = Bind.start("bench", DnsZone.of(ZONE)); KafkaProducer<String, String> producer = producer(sandbox)) {
            try (KubernetesClient m = sandbox.managementClient()) {
                String ns = sandbox.managementNamespace();
                m.secrets().inNamespace(ns).withName("dns-tsig-bench").delete();
                m.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("dns-tsig-bench")
                        .withNamespace(ns).endMetadata().addToData("secret", Base64.getEncoder()
                                .encodeToString(bind.secret().getBytes(StandardCharsets.UTF_8))).build()).create();
            }
            String profile = """
                    {"dns": {"zones": ["%s"], "extraDomains": ["%s"], "provider": {"type": "rfc2136", "server": "%s",
                      "tsig": {"keyName": "%s", "secretRef": {"name": "dns-tsig-bench", "key": "secret"}}}}}"""
                    .formatted(ZONE, ZONE, bind.server(), Bind.KEY);
            ClusterEvent c = new ClusterEvent("bench", Infrastructure.STANDALONE, "bench", Map.of(),
                    new Profile("bench", Json.read(profile, JsonNode.class), 1), 1, false, null);
            send(producer, Topics.CLUSTERS, "bench", EventTypes.CLUSTER_REGISTERED, Json.write(c));
            SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1",
                    Integer.parseInt(bind.server().substring(bind.server().lastIndexOf(':') + 1))));
            resolver.setTimeout(Duration.ofSeconds(2));

            // warm-up: one record through the whole path
            service(producer, "warm", "192.0.2.1");
            waitServed(resolver, "warm." + ZONE, "192.0.2.1", Duration.ofSeconds(120));

            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                service(producer, "svc-" + i, address(i));
            }
            producer.flush();
            long sent = System.nanoTime();
            for (int i = n - 1; i >= 0; i -= Math.max(1, n / 50)) {
                waitServed(resolver, "svc-" + i + "." + ZONE, address(i), Duration.ofMinutes(5));
            }
            waitServed(resolver, "svc-0." + ZONE, address(0), Duration.ofMinutes(5));
            long served = System.nanoTime();
            double perSecond = n / ((served - t0) / 1e9);

            List<Long> latencies = new ArrayList<>();
            for (int k = 0; k < changes; k++) {
                String name = "svc-" + (k % n);
                String ip = "198.51.100." + (1 + k % 250);
                long s = System.nanoTime();
                service(producer, name, ip);
                waitServed(resolver, name + "." + ZONE, ip, Duration.ofSeconds(60));
                latencies.add(System.nanoTime() - s);
            }
            latencies.sort(null);
            double p50 = latencies.get(latencies.size() / 2) / 1e6;
            double p99 = latencies.get(Math.min(latencies.size() - 1, (int) Math.ceil(latencies.size() * 0.99) - 1)) / 1e6;
            String report = raw.report() + String.format(Locale.ROOT, """
                    dns service (Kafka ResourceEvents -> cache -> planner + TXT registry -> RFC 2136 UPDATE -> served by BIND)
                      %d records (one LoadBalancer Service each, A + ownership TXT): %.0f records/s end to end (%.1f s; sent in %.1f s)
                      ratio service / nsupdate (batch 100): %.2f   service / nsupdate (batch 1): %.2f   service / raw provider (batch 100): %.2f
                      change -> new address served (%d changes, one at a time): p50 %.1f ms   p99 %.1f ms
                    """, n, perSecond, (served - t0) / 1e9, (sent - t0) / 1e9, perSecond / raw.nsupdateBatch100(),
                    perSecond / raw.nsupdateBatch1(), perSecond / raw.providerBatch100(), changes, p50, p99);
            System.out.println(report);
            Files.writeString(dir.resolve("service.txt"), report, StandardCharsets.UTF_8);
            assertThat(perSecond).isPositive();
        }
    }

    static String address(int i) {
        return "10." + (i / 65536 % 256) + "." + (i / 256 % 256) + "." + (i % 256);
    }

    static KafkaProducer<String, String> producer(Sandbox sandbox) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.kafkaBootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, ClusterPartitioner.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(p);
    }

    static void service(KafkaProducer<String, String> producer, String name, String ip) {
        JsonNode o = Json.read("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"%s","namespace":"bench",
                 "annotations":{"external-dns.alpha.kubernetes.io/hostname":"%s.%s"}},
                 "spec":{"type":"LoadBalancer"},"status":{"loadBalancer":{"ingress":[{"ip":"%s"}]}}}"""
                .formatted(name, name, ZONE, ip), JsonNode.class);
        ResourceEvent ev = new ResourceEvent("bench", "v1", "Service", "bench", name, null, null, 0, Instant.now(), o);
        send(producer, Topics.RESOURCES, ev.key().toKey(), EventTypes.RESOURCE_CHANGED, Json.write(ev));
    }

    static void send(KafkaProducer<String, String> producer, String topic, String key, String type, String value) {
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, value);
        CloudEventHeaders.of("/capstan/bench", type, key, Instant.now(), value == null).toKafkaHeaders()
                .forEach((k, v) -> r.headers().add(k, v));
        producer.send(r);
    }

    static void waitServed(SimpleResolver resolver, String name, String ip, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Record q = Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN);
        while (System.nanoTime() < deadline) {
            Message answer = resolver.send(Message.newQuery(q));
            if (answer.getRcode() == Rcode.NOERROR) {
                for (Record r : answer.getSection(Section.ANSWER)) {
                    if (r instanceof ARecord a && a.getAddress().getHostAddress().equals(ip)) {
                        return;
                    }
                }
            }
        }
        throw new AssertionError(name + " A " + ip + " not served within " + within);
    }
}
