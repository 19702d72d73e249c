package io.capstan.e2e.bench;

import io.capstan.e2e.Fleet;

import io.capstan.e2e.ServiceProcess;
import io.capstan.model.Topics;
import io.capstan.model.event.Json;
import io.capstan.model.status.Conditions;
import io.capstan.model.status.StatusEvent;
import io.capstan.sandbox.junit.Sandbox;
import io.capstan.sandbox.junit.SandboxCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark harness for the full path "cluster change -> status published", not part of the default test run (the
 * class name ends neither in IT nor in Test). Run with {@code ./mvnw -B -pl e2e -Pbench verify} (see e2e/README.md).
 *
 * <p>The packaged orchestrator, cluster-watcher and storage run as child processes against the sandbox (real Kafka
 * broker, real PostgreSQL, fabric8 CRUD mock API server), exactly as in {@code BackboneIT}. One run measures:
 * <ol>
 *   <li>raw Kafka on the same broker: {@code bench.objects} 1 KB records, acks=all, one producer, one consumer, sent
 *   as a burst (throughput, per-record latency under that burst) and {@code bench.changes} records one at a time
 *   (latency of a lone record);</li>
 *   <li>cold path: {@code bench.objects} PersistentVolumeClaims pre-created in a sandbox cluster (not timed; created
 *   by {@code bench.threads} threads), then the cluster registered over REST; time from the POST to every claim's
 *   {@code resource.changed} record on {@code capstan.resources}, to every claim's status entry on
 *   {@code capstan.status}, and to the storage component's {@code Ready=True};</li>
 *   <li>warm path: {@code bench.changes} claims deleted in a steady stream ({@code bench.rate} per second), latency from
 *   the delete call returning to the status tombstone of that claim on {@code capstan.status}.</li>
 * </ol>
 * Before starting, it waits (up to {@code bench.load.wait} seconds, polling every 30 s) for the 1-minute load average
 * to fall below {@code bench.load.max} (3), again before the warm path (at most {@code bench.load.wait.warm}, 180 s,
 * since the cold path loads the machine itself), and prints {@code /proc/loadavg} at every phase.
 */
class PipelineBenchmark {

    static final int N = Integer.getInteger("bench.objects", 10_000);
    static final int CHANGES = Integer.getInteger("bench.changes", 500);
    static final int THREADS = Integer.getInteger("bench.threads", 8);
    static final double RATE = Double.parseDouble(System.getProperty("bench.rate", "10"));
    static final double LOAD_MAX = Double.parseDouble(System.getProperty("bench.load.max", "3"));
    static final int LOAD_WAIT_S = Integer.getInteger("bench.load.wait", 600);
    static final int WARM_LOAD_WAIT_S = Integer.getInteger("bench.load.wait.warm", 180);
    static final Duration PHASE_TIMEOUT = Duration.ofSeconds(Integer.getInteger("bench.timeout", 600));

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CLUSTER = "bench-pvc";
    private static final String NS = "bench";
    private static final String RES_PREFIX = CLUSTER + "/core/PersistentVolumeClaim/" + NS + "/";
    private static final String STATUS_PREFIX = CLUSTER + "/storage/PersistentVolumeClaim/" + NS + "/";
    private static final String COMPONENT_KEY = CLUSTER + "/storage";

    private static final List<AutoCloseable> CLOSE = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> report = new ArrayList<>();

    /** One figure: a duration, a rate and per-record latency percentiles (NaN when not applicable). */
    record Row(String what, long count, double seconds, double perSecond, double p50Ms, double p99Ms) {
        String line() {
            return String.format("| %-58s | %6d | %9.2f | %9.1f | %10s | %10s |", what, count, seconds, perSecond,
                    ms(p50Ms), ms(p99Ms));
        }

        private static String ms(double v) {
            return Double.isNaN(v) ? "-" : String.format("%.1f", v);
        }
    }

    @AfterAll
    static synchronized void stopAll() throws Exception {
        for (int i = CLOSE.size() - 1; i >= 0; i--) {
            CLOSE.remove(i).close();
        }
    }

    @Test
    void clusterChangeToStatusPublished() throws Exception {
        Sandbox sandbox = Sandbox.shared();
        String bootstrap = sandbox.kafkaBootstrap();
        String token = "bench-" + UUID.randomUUID();
        ServiceProcess orchestrator = startFleet(sandbox, token);

        // setup, not timed: the claims exist before the cluster is registered
        SandboxCluster cluster = sandbox.cluster(CLUSTER);
        KubernetesClient kube = cluster.client();
        CLOSE.add(kube);
        log("setup: creating " + N + " PVCs with " + THREADS + " threads, load " + loadavg());
        Row setup = createClaims(kube);
        log(String.format("setup: %d PVCs created in %.1f s (%.0f /s), load %s", N, setup.seconds(), setup.perSecond(), loadavg()));
        putProfile(orchestrator, token);

        // every measured phase runs back to back on a quiet machine
        String loadBefore = waitForQuietMachine();

        // (1) baseline: raw Kafka on the same broker
        log("phase 1: raw Kafka baseline, load " + loadavg());
        Row rawBurst = rawKafkaBurst(bootstrap);
        Row rawOne = rawKafkaOneAtATime(bootstrap);

        // (2) cold path
        Collector resources = new Collector(bootstrap, Topics.RESOURCES, k -> k.startsWith(RES_PREFIX));
        Collector status = new Collector(bootstrap, Topics.STATUS, k -> k.startsWith(STATUS_PREFIX) || k.equals(COMPONENT_KEY));
        CLOSE.add(resources);
        CLOSE.add(status);
        String loadCold = loadavg();
        log("phase 2: cold path, registering " + CLUSTER + " over REST, load " + loadCold);
        long post = System.nanoTime();
        HttpResponse<String> created = call(orchestrator, token, "POST", "/api/v1/clusters", registration(cluster));
        assertThat(created.statusCode()).as("POST /api/v1/clusters: %s", created.body()).isEqualTo(201);
        long postReturned = System.nanoTime();
        boolean resourcesDone = waitFor(() -> resources.changedCount() >= N, "resource.changed records");
        boolean statusDone = waitFor(() -> status.changedCount(STATUS_PREFIX) >= N && status.readyAt(COMPONENT_KEY) > 0,
                "PVC status entries and Ready=True");
        Row coldResources = arrivals("cold: POST -> resource.changed on capstan.resources", post, resources.firstChanged(RES_PREFIX));
        Row coldStatus = arrivals("cold: POST -> PVC status on capstan.status", post, status.firstChanged(STATUS_PREFIX));
        long ready = status.readyAt(COMPONENT_KEY);
        Map<String, Integer> reasons = status.readyReasons(STATUS_PREFIX);
        String storagePasses = metric(storageUrl, "capstan_reconcile_seconds");
        log("cold path: resources " + resources.changedCount() + "/" + N + ", status " + status.changedCount(STATUS_PREFIX)
                + "/" + N + ", PVC Ready reasons " + reasons + ", storage passes " + storagePasses);

        // (3) warm path: deletes in a steady stream
        Row warm = null;
        // the cold path loads the machine itself: let it settle before the latency phase
        String loadWarm = waitForQuietMachine(WARM_LOAD_WAIT_S).split("\\|")[1];
        if (resourcesDone && statusDone) {
            log("phase 3: warm path, " + CHANGES + " deletes at " + RATE + "/s, load " + loadWarm);
            warm = warmDeletes(kube, status);
        }
        String passesAfter = metric(storageUrl, "capstan_reconcile_seconds");
        String loadAfter = loadavg();

        report.add("");
        report.add("=== Capstan pipeline benchmark: cluster change -> status published (" + N + " objects, "
                + CHANGES + " warm changes) ===");
        report.add("load after setup (before waiting): " + loadBefore.split("\\|")[0] + "  measured phases started at: " + loadBefore.split("\\|")[1]);
        report.add("load at cold start: " + loadCold + "  at warm start: " + loadWarm + "  at end: " + loadAfter);
        report.add(String.format("setup (not timed): %d PVCs created with %d threads in %.1f s (%.0f /s, the mock API server's create rate)",
                N, THREADS, setup.seconds(), setup.perSecond()));
        report.add(String.format("POST /api/v1/clusters returned after %.1f ms", (postReturned - post) / 1e6));
        report.add("| what                                                       |  count |   total s |  per s     |    p50 ms  |   p99 ms   |");
        report.add("|------------------------------------------------------------|--------|-----------|------------|------------|------------|");
        report.add(rawBurst.line());
        report.add(rawOne.line());
        report.add(coldResources.line());
        report.add(coldStatus.line());
        report.add(String.format("| %-58s | %6d | %9.2f | %9s | %10s | %10s |", "cold: POST -> storage component Ready=True", 1,
                ready > 0 ? (ready - post) / 1e9 : Double.NaN, "-", "-", "-"));
        if (warm != null) {
            report.add(warm.line());
        }
        report.add(String.format("ratio cold status throughput / raw burst throughput: %.4f (raw is %.0fx faster)",
                coldStatus.perSecond() / rawBurst.perSecond(), rawBurst.perSecond() / coldStatus.perSecond()));
        report.add(String.format("ratio cold total time (POST -> last PVC status) / raw burst total time: %.1fx",
                coldStatus.seconds() / rawBurst.seconds()));
        if (warm != null) {
            report.add(String.format("ratio warm latency / raw one-at-a-time latency: p50 %.1fx, p99 %.1fx",
                    warm.p50Ms() / rawOne.p50Ms(), warm.p99Ms() / rawOne.p99Ms()));
            report.add(String.format("ratio warm latency / raw burst latency: p50 %.2fx, p99 %.2fx",
                    warm.p50Ms() / rawBurst.p50Ms(), warm.p99Ms() / rawBurst.p99Ms()));
        }
        report.add("PVC status Ready reasons (cold): " + reasons);
        report.add("storage reconcile passes after cold path: " + storagePasses);
        report.add("storage reconcile passes after warm path: " + passesAfter);
        report.add("");
        String text = String.join("\n", report);
        System.out.println(text);
        Path out = Path.of("target", "bench-report.txt");
        Files.writeString(out, text + "\n", StandardCharsets.UTF_8);
        assertThat(resourcesDone).as("every PVC reached capstan.resources within " + PHASE_TIMEOUT).isTrue();
        assertThat(statusDone).as("every PVC status reached capstan.status within " + PHASE_TIMEOUT).isTrue();
        assertThat(warm).isNotNull();
        assertThat(warm.count()).as("every warm change got its status tombstone").isEqualTo(CHANGES);
    }

    // ---------------------------------------------------------------------------------------------------- fleet

    private static String storageUrl;

    private static ServiceProcess startFleet(Sandbox sandbox, String token) {
        Path repo = repoRoot();
        Path logs = repo.resolve("e2e/target/bench-logs");
        // run private copies of the packaged services: other engineers rebuild services/*/target while this runs,
        // and a fast-jar whose lib/ changes under a running JVM fails with NoSuchMethodError
        Path root = repo.resolve("e2e/target/bench-apps");
        for (String svc : List.of("orchestrator", "cluster-watcher", "storage")) {
            copyTree(repo.resolve("services").resolve(svc).resolve("target/quarkus-app"),
                    root.resolve("services").resolve(svc).resolve("target/quarkus-app"));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(PipelineBenchmark::stopQuietly));
        Map<String, String> common = Fleet.serviceEnv(sandbox);
        Map<String, String> orchestratorEnv = Fleet.orchestratorEnv(sandbox, token);
        ServiceProcess orchestrator = new ServiceProcess(root, "orchestrator", logs, orchestratorEnv).start();
        CLOSE.add(orchestrator);
        CLOSE.add(new ServiceProcess(root, "cluster-watcher", logs, common).start());
        ServiceProcess storage = new ServiceProcess(root, "storage", logs, common).start();
        CLOSE.add(storage);
        storageUrl = storage.url();
        return orchestrator;
    }

    private static void stopQuietly() {
        try {
            stopAll();
        } catch (Exception e) {
            // the JVM is ending
        }
    }

    private static void copyTree(Path from, Path to) {
        try {
            if (Files.exists(to)) {
                try (var old = Files.walk(to)) {
                    old.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
            try (var files = Files.walk(from)) {
                for (Path f : files.toList()) {
                    Path target = to.resolve(from.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target);
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot copy " + from, e);
        }
    }

    private static void putProfile(ServiceProcess orchestrator, String token) throws Exception {
        HttpResponse<String> r = call(orchestrator, token, "PUT", "/api/v1/profiles/bench", Fleet.storageProfile());
        assertThat(r.statusCode()).as("PUT profile: %s", r.body()).isIn(200, 201);
    }

    private static String registration(SandboxCluster cluster) {
        return Fleet.registration(CLUSTER, "bench", "bench", cluster.kubeconfig());
    }

    private static HttpResponse<String> call(ServiceProcess orchestrator, String token, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(orchestrator.url() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The Prometheus lines of one metric family (count and sum), or what went wrong. */
    private static String metric(String baseUrl, String family) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            List<String> lines = r.body().lines()
                    .filter(l -> l.startsWith(family + "_count") || l.startsWith(family + "_sum") || l.startsWith(family + "_max"))
                    .toList();
            return String.join("; ", lines);
        } catch (Exception e) {
            return "metrics unavailable: " + e.getMessage();
        }
    }

    // ---------------------------------------------------------------------------------------------------- phases

    /** Raw Kafka, burst: N 1 KB records sent as fast as one producer can (acks=all), one consumer. */
    private static Row rawKafkaBurst(String bootstrap) throws Exception {
        String topic = rawTopic(bootstrap, "bench.raw.burst");
        String value = kilobyte();
        try (Collector consumer = new Collector(bootstrap, topic, k -> true);
             KafkaProducer<String, String> producer = producer(bootstrap)) {
            Map<String, Long> sent = new ConcurrentHashMap<>();
            long start = System.nanoTime();
            for (int i = 0; i < N; i++) {
                String key = "r" + i;
                sent.put(key, System.nanoTime());
                producer.send(new ProducerRecord<>(topic, key, value));
            }
            producer.flush();
            assertThat(waitFor(() -> consumer.changedCount() >= N, "raw burst")).isTrue();
            return latencies("raw Kafka burst, 1 KB, acks=all (send -> consumed)", start, sent, consumer.firstChanged(""));
        }
    }

    /** Raw Kafka, one record at a time: send, wait until consumed, next ({@link #CHANGES} records). */
    private static Row rawKafkaOneAtATime(String bootstrap) throws Exception {
        String topic = rawTopic(bootstrap, "bench.raw.single");
        String value = kilobyte();
        try (Collector consumer = new Collector(bootstrap, topic, k -> true);
             KafkaProducer<String, String> producer = producer(bootstrap)) {
            Map<String, Long> sent = new ConcurrentHashMap<>();
            long start = System.nanoTime();
            for (int i = 0; i < CHANGES; i++) {
                String key = "s" + i;
                sent.put(key, System.nanoTime());
                producer.send(new ProducerRecord<>(topic, key, value));
                int want = i + 1;
                assertThat(waitFor(() -> consumer.changedCount() >= want, "raw single")).isTrue();
            }
            return latencies("raw Kafka one at a time, 1 KB, acks=all (send -> consumed)", start, sent, consumer.firstChanged(""));
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new StringSerializer());
    }

    private static String rawTopic(String bootstrap, String prefix) throws Exception {
        String topic = prefix + "." + System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return topic;
    }

    private static String kilobyte() {
        byte[] payload = new byte[1024];
        Arrays.fill(payload, (byte) 'x');
        return new String(payload, StandardCharsets.US_ASCII);
    }

    private static Row createClaims(KubernetesClient kube) throws Exception {
        kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            int first = t;
            pool.submit(() -> {
                for (int i = first; i < N; i += THREADS) {
                    try {
                        kube.persistentVolumeClaims().inNamespace(NS).resource(claim("pvc-" + i)).create();
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.MINUTES)).isTrue();
        assertThat(failures.get()).as("PVC creations that failed").isZero();
        double s = (System.nanoTime() - start) / 1e9;
        return new Row("setup: create PVCs", N, s, N / s, Double.NaN, Double.NaN);
    }

    private static PersistentVolumeClaim claim(String name) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce")
                .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources()
                .endSpec().build();
    }

    /**
     * Deletes {@link #CHANGES} claims at {@link #RATE} per second from one thread; latency = delete call returned ->
     * status tombstone of that claim consumed from capstan.status.
     */
    private Row warmDeletes(KubernetesClient kube, Collector status) {
        Map<String, Long> returned = new ConcurrentHashMap<>();
        long intervalNs = (long) (1e9 / RATE);
        long start = System.nanoTime();
        for (int i = 0; i < CHANGES; i++) {
            long due = start + i * intervalNs;
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(due - now);
            }
            String name = "pvc-" + (N - 1 - i); // from the end, so the earliest created claims stay
            kube.persistentVolumeClaims().inNamespace(NS).withName(name).delete();
            returned.put(STATUS_PREFIX + name, System.nanoTime());
        }
        waitFor(() -> returned.keySet().stream().allMatch(k -> status.tombstoneAt(k) > 0), "warm status tombstones");
        Map<String, Long> got = new TreeMap<>();
        for (String k : returned.keySet()) {
            long at = status.tombstoneAt(k);
            if (at > 0) {
                got.put(k, at);
            }
        }
        return latencies(String.format("warm: delete returned -> status tombstone (%.0f/s)", RATE), start, returned, got);
    }

    // ---------------------------------------------------------------------------------------------------- figures

    /** Arrivals all measured from one start (cold path): p50/p99 = time until half / 99 % had arrived. */
    private static Row arrivals(String what, long start, Map<String, Long> got) {
        List<Double> ms = new ArrayList<>();
        got.values().forEach(t -> ms.add((t - start) / 1e6));
        ms.sort(Double::compare);
        double seconds = ms.isEmpty() ? Double.NaN : ms.get(ms.size() - 1) / 1e3;
        return new Row(what, ms.size(), seconds, ms.size() / seconds, percentile(ms, 0.50), percentile(ms, 0.99));
    }

    /** Per-record latency (arrival - sent of the same key); total = start -> last arrival. */
    private static Row latencies(String what, long start, Map<String, Long> sent, Map<String, Long> got) {
        List<Double> ms = new ArrayList<>();
        long last = start;
        for (var e : got.entrySet()) {
            Long s = sent.get(e.getKey());
            if (s != null) {
                ms.add((e.getValue() - s) / 1e6);
                last = Math.max(last, e.getValue());
            }
        }
        ms.sort(Double::compare);
        double seconds = (last - start) / 1e9;
        return new Row(what, ms.size(), seconds, ms.size() / seconds, percentile(ms, 0.50), percentile(ms, 0.99));
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    // ---------------------------------------------------------------------------------------------------- machine

    /** Waits until the 1-minute load is below {@link #LOAD_MAX} (polling every 30 s, at most {@link #LOAD_WAIT_S}). */
    private static String waitForQuietMachine() {
        return waitForQuietMachine(LOAD_WAIT_S);
    }

    private static String waitForQuietMachine(int maxSeconds) {
        String first = loadavg();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        while (load1() >= LOAD_MAX && System.nanoTime() < deadline) {
            log("load " + loadavg() + " >= " + LOAD_MAX + ", waiting 30 s");
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(30));
        }
        String at = loadavg();
        log("running at load " + at + (load1() >= LOAD_MAX ? " (still above " + LOAD_MAX + " after waiting)" : ""));
        return first + "|" + at;
    }

    private static String loadavg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "n/a";
        }
    }

    private static double load1() {
        try {
            return Double.parseDouble(loadavg().split(" ")[0]);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static boolean waitFor(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                log("timed out waiting for " + what);
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return true;
    }

    private static void log(String line) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + line);
    }

    private static Path repoRoot() {
        String p = System.getProperty("capstan.repo.root");
        Path dir = p != null ? Path.of(p) : Path.of("").toAbsolutePath().getParent();
        return dir.toAbsolutePath().normalize();
    }

    // ---------------------------------------------------------------------------------------------------- consumer

    /**
     * Reads a topic from its end (positions resolved before anything is produced) on a thread of its own and stamps,
     * per key, the first non-null value and the first tombstone ({@link System#nanoTime()}), and keeps the last value.
     */
    static final class Collector implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final Thread thread;
        private final Map<String, Long> firstChanged = new ConcurrentHashMap<>();
        private final Map<String, Long> firstTombstone = new ConcurrentHashMap<>();
        private final Map<String, String> lastValue = new ConcurrentHashMap<>();
        private final Map<String, Long> readyAt = new ConcurrentHashMap<>();
        private final AtomicLong changed = new AtomicLong();

        Collector(String bootstrap, String topic, java.util.function.Predicate<String> keys) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10),
                    new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> tps = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(tps);
            consumer.seekToEnd(tps);
            tps.forEach(consumer::position);
            thread = new Thread(() -> {
                try {
                    while (!closed.get()) {
                        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                            long now = System.nanoTime();
                            if (r.key() == null || !keys.test(r.key())) {
                                continue;
                            }
                            if (r.value() == null) {
                                firstTombstone.putIfAbsent(r.key(), now);
                            } else {
                                if (firstChanged.putIfAbsent(r.key(), now) == null) {
                                    changed.incrementAndGet();
                                }
                                lastValue.put(r.key(), r.value());
                                if (r.key().equals(COMPONENT_KEY) && !readyAt.containsKey(r.key()) && ready(r.value())) {
                                    readyAt.put(r.key(), now);
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

        private static boolean ready(String value) {
            try {
                return Conditions.isTrue(Json.read(value, StatusEvent.class).conditions(), Conditions.READY);
            } catch (RuntimeException e) {
                return false;
            }
        }

        long changedCount() {
            return changed.get();
        }

        long changedCount(String prefix) {
            return firstChanged.keySet().stream().filter(k -> k.startsWith(prefix)).count();
        }

        Map<String, Long> firstChanged(String prefix) {
            Map<String, Long> out = new java.util.HashMap<>();
            firstChanged.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    out.put(k, v);
                }
            });
            return out;
        }

        long tombstoneAt(String key) {
            return firstTombstone.getOrDefault(key, 0L);
        }

        long readyAt(String key) {
            return readyAt.getOrDefault(key, 0L);
        }

        /** Count of the Ready condition's reasons over the last values of the keys with that prefix. */
        Map<String, Integer> readyReasons(String prefix) {
            Map<String, Integer> out = new TreeMap<>();
            lastValue.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    String reason;
                    try {
                        reason = Conditions.find(Json.read(v, StatusEvent.class).conditions(), Conditions.READY)
                                .map(c -> c.status() + " " + c.reason()).orElse("no Ready");
                    } catch (RuntimeException e) {
                        reason = "unreadable";
                    }
                    out.merge(reason, 1, Integer::sum);
                }
            });
            return out;
        }

        @Override
        public void close() throws InterruptedException {
            closed.set(true);
            consumer.wakeup();
            thread.join(5000);
        }
    }
}
