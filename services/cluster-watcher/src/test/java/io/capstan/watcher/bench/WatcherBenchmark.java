package io.capstan.watcher.bench;

import io.capstan.model.Topics;
import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.event.CloudEventHeaders;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.kafka.ClusterPartitioner;
import io.capstan.model.status.Conditions;
import io.capstan.model.status.StatusEvent;
import io.capstan.sandbox.junit.Sandbox;
import io.capstan.sandbox.junit.SandboxCluster;
import io.capstan.sandbox.junit.SandboxResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Benchmark harness, not part of the default test run (surefire excludes {@code **}{@code /bench/**}). Run with
 * {@code ./mvnw -B -pl services/cluster-watcher -Pbench verify}.
 *
 * <p>Measures, against the sandbox (real Kafka broker; fabric8 CRUD mock API server, an emulator), the time from
 * creating {@value #N} Services through the fabric8 client to their {@code io.capstan.resource.changed.v1} records
 * being consumed from {@code capstan.resources} (throughput and per-object p50/p99 latency), and beside it raw Kafka
 * produce to consume of {@value #N} 1 KB records on the same broker in the same run, and prints the ratio.
 */
@QuarkusTest
@WithTestResource(SandboxResource.class)
class WatcherBenchmark {

    static final int N = Integer.getInteger("bench.objects", 10_000);
    static final int CREATE_THREADS = Integer.getInteger("bench.threads", 8);

    record Figures(String what, double seconds, double perSecond, double p50Ms, double p99Ms) {
        @Override
        public String toString() {
            return String.format("%-44s %8.2f s %10.0f /s  p50 %8.2f ms  p99 %8.2f ms", what, seconds, perSecond, p50Ms, p99Ms);
        }
    }

    @Test
    void servicesCreatedInAClusterReachCapstanResources() throws Exception {
        String bootstrap = Sandbox.shared().kafkaBootstrap();
        Figures raw = rawKafka(bootstrap, false);
        Figures rawSync = rawKafka(bootstrap, true);
        Figures[] watcher = watcher(bootstrap);
        String report = String.join("\n",
                "",
                "=== cluster-watcher benchmark (" + N + " objects, " + CREATE_THREADS + " creating threads) ===",
                raw.toString(),
                rawSync.toString(),
                watcher[0].toString(),
                watcher[1].toString(),
                watcher[2].toString(),
                String.format("ratio watcher/raw burst: throughput %.3f", watcher[0].perSecond / raw.perSecond),
                String.format("ratio watcher (from create returned)/raw sync: p50 latency %.1fx, p99 latency %.1fx",
                        watcher[1].p50Ms / rawSync.p50Ms, watcher[1].p99Ms / rawSync.p99Ms),
                "");
        System.out.println(report);
        assertThat(watcher[0].perSecond).isPositive();
    }

    /**
     * Raw Kafka on the same broker: {@code sync=false} sends all records at once (throughput, latency under burst);
     * {@code sync=true} sends from {@link #CREATE_THREADS} threads, each waiting for its ack, like the creating
     * threads of the watcher run (latency at comparable concurrency).
     */
    private Figures rawKafka(String bootstrap, boolean sync) throws Exception {
        String prefix = "bench-raw-" + System.nanoTime() + "/";
        byte[] payload = new byte[1024];
        Arrays.fill(payload, (byte) 'x');
        String value = new String(payload, StandardCharsets.US_ASCII);
        Map<String, Long> sent = new ConcurrentHashMap<>();
        Map<String, Long> got = new ConcurrentHashMap<>();
        try (Collector collector = new Collector(bootstrap, Topics.REQUESTS, k -> k.startsWith(prefix), got);
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.LINGER_MS_CONFIG, 5,
                     ProducerConfig.PARTITIONER_CLASS_CONFIG, ClusterPartitioner.class.getName()),
                     new StringSerializer(), new StringSerializer())) {
            long start = System.nanoTime();
            if (sync) {
                ExecutorService pool = Executors.newFixedThreadPool(CREATE_THREADS);
                for (int t = 0; t < CREATE_THREADS; t++) {
                    int first = t;
                    pool.submit(() -> {
                        for (int i = first; i < N; i += CREATE_THREADS) {
                            String key = prefix + i;
                            sent.put(key, System.nanoTime());
                            producer.send(new ProducerRecord<>(Topics.REQUESTS, key, value)).get();
                        }
                        return null;
                    });
                }
                pool.shutdown();
                assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
            } else {
                for (int i = 0; i < N; i++) {
                    String key = prefix + i;
                    sent.put(key, System.nanoTime());
                    producer.send(new ProducerRecord<>(Topics.REQUESTS, key, value));
                }
            }
            producer.flush();
            await().atMost(Duration.ofMinutes(2)).until(() -> got.size() >= N);
            return figures(sync ? "raw Kafka, " + CREATE_THREADS + " threads send().get() (1 KB)"
                    : "raw Kafka, burst (1 KB, acks=all)", start, sent, got);
        }
    }

    /** @return [latency from create request, latency from create returned, creation alone] */
    private Figures[] watcher(String bootstrap) throws Exception {
        String name = "bench";
        SandboxCluster cluster = Sandbox.shared().cluster(name);
        register(bootstrap, cluster);
        String prefix = name + "/core/Service/bench/";
        Map<String, Long> sent = new ConcurrentHashMap<>();
        Map<String, Long> created = new ConcurrentHashMap<>();
        Map<String, Long> got = new ConcurrentHashMap<>();
        try (Collector ready = new Collector(bootstrap, Topics.STATUS, k -> k.equals(name + "/cluster-watcher"), null);
             KubernetesClient client = cluster.client()) {
            await().atMost(Duration.ofMinutes(1)).until(() -> ready.latest != null
                    && Conditions.isTrue(Json.read(ready.latest, StatusEvent.class).conditions(), Conditions.READY));
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("bench").endMetadata().build()).create();
            try (Collector collector = new Collector(bootstrap, Topics.RESOURCES, k -> k.startsWith(prefix), got)) {
                ExecutorService pool = Executors.newFixedThreadPool(CREATE_THREADS);
                long start = System.nanoTime();
                for (int t = 0; t < CREATE_THREADS; t++) {
                    int first = t;
                    pool.submit(() -> {
                        for (int i = first; i < N; i += CREATE_THREADS) {
                            String svc = "svc-" + i;
                            sent.put(prefix + svc, System.nanoTime());
                            client.services().inNamespace("bench").resource(new ServiceBuilder().withNewMetadata()
                                    .withName(svc).endMetadata().withNewSpec().addNewPort().withPort(80).endPort()
                                    .endSpec().build()).create();
                            created.put(prefix + svc, System.nanoTime());
                        }
                    });
                }
                pool.shutdown();
                assertThat(pool.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
                await().atMost(Duration.ofMinutes(5)).until(() -> got.size() >= N);
                return new Figures[] {
                        figures("watcher, create sent -> consumed (Service)", start, sent, got),
                        figures("watcher, create returned -> consumed", start, created, got),
                        figures("API server alone: create sent -> returned", start, sent, created)};
            }
        }
    }

    private static void register(String bootstrap, SandboxCluster cluster) throws Exception {
        try (KubernetesClient mgmt = Sandbox.shared().managementClient()) {
            mgmt.secrets().inNamespace("capstan-system").resource(new SecretBuilder().withNewMetadata()
                    .withName(ClusterEvent.kubeconfigSecretName(cluster.name())).endMetadata()
                    .addToData(ClusterEvent.KUBECONFIG_KEY, Base64.getEncoder().encodeToString(
                            cluster.kubeconfig().getBytes(StandardCharsets.UTF_8))).build()).createOr(r -> r.update());
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.PARTITIONER_CLASS_CONFIG, ClusterPartitioner.class.getName()),
                new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> r = new ProducerRecord<>(Topics.CLUSTERS, cluster.name(), Json.write(
                    new ClusterEvent(cluster.name(), Infrastructure.STANDALONE, null, Map.of(), null, 1, false, null)));
            CloudEventHeaders.of("/capstan/bench", EventTypes.CLUSTER_REGISTERED, cluster.name(), Instant.now(), false)
                    .toKafkaHeaders().forEach((n, v) -> r.headers().add(n, v));
            producer.send(r).get();
        }
    }

    private static Figures figures(String what, long start, Map<String, Long> sent, Map<String, Long> got) {
        List<Double> latencies = new ArrayList<>();
        long last = start;
        for (var e : got.entrySet()) {
            Long s = sent.get(e.getKey());
            if (s != null) {
                latencies.add((e.getValue() - s) / 1e6);
                last = Math.max(last, e.getValue());
            }
        }
        latencies.sort(Double::compare);
        double seconds = (last - start) / 1e9;
        return new Figures(what, seconds, latencies.size() / seconds, percentile(latencies, 0.50), percentile(latencies, 0.99));
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /** Consumes a topic from its end (resources, requests) or beginning (status) and stamps first arrivals. */
    private static final class Collector implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final Thread thread;
        volatile String latest;

        Collector(String bootstrap, String topic, Predicate<String> keys, Map<String, Long> arrivals) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                    new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> tps = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(tps);
            if (arrivals == null) {
                consumer.seekToBeginning(tps);
            } else {
                consumer.seekToEnd(tps);
                tps.forEach(consumer::position); // resolve the end offsets now, before anything is produced
            }
            thread = new Thread(() -> {
                try {
                    while (!closed.get()) {
                        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                            if (r.key() != null && keys.test(r.key()) && r.value() != null) {
                                if (arrivals != null) {
                                    arrivals.putIfAbsent(r.key(), System.nanoTime());
                                } else {
                                    latest = r.value();
                                }
                            }
                        }
                    }
                } catch (org.apache.kafka.common.errors.WakeupException e) {
                    // closing
                } finally {
                    consumer.close();
                }
            }, "bench-collector-" + topic);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            closed.set(true);
            consumer.wakeup();
            thread.join(5000);
        }
    }
}
