package io.capstan.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.sandbox.gateway.GatewayStandIn;
import io.capstan.sandbox.kafka.KafkaBroker;
import io.capstan.sandbox.kube.CapstanCrds;
import io.capstan.sandbox.kube.KubeCluster;
import io.capstan.sandbox.postgres.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running sandbox: Kafka, PostgreSQL, the management API server and the workload API servers, and the
 * {@code sandbox.json} that describes them. Thread-safe; cluster operations come from the control API.
 */
public final class Sandbox implements AutoCloseable {

    /** Namespace of Capstan on the management cluster. */
    public static final String MANAGEMENT_NAMESPACE = "capstan-system";
    /** RFC 1123 label, as Kubernetes validates names (DNS-1123 label, at most 63 characters). */
    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path stateDir;
    private final PortBook ports;
    private KafkaBroker kafka;
    private PostgresServer postgres;
    private KubeCluster management;
    private final Map<String, KubeCluster> clusters = new TreeMap<>();
    private final Map<String, GatewayStandIn> gatewayStandIns = new TreeMap<>();
    private volatile String controlUrl;
    private io.capstan.sandbox.fleet.SandboxFleet fleet;

    /**
     * @param stateDir the state directory (absolute)
     * @param ports    port book of this sandbox
     */
    public Sandbox(Path stateDir, PortBook ports) {
        this.stateDir = stateDir.toAbsolutePath();
        this.ports = ports;
    }

    /**
     * Starts Kafka, PostgreSQL, the management cluster and the named workload clusters.
     *
     * @param clusterNames workload clusters to start
     * @throws Exception when a component fails to start
     */
    public void start(List<String> clusterNames) throws Exception {
        long t0 = System.nanoTime();
        kafka = new KafkaBroker(stateDir.resolve("kafka"), ports.port("kafka"), ports.port("kafka-controller"));
        postgres = new PostgresServer(stateDir, ports.port("postgres"));
        // PostgreSQL (unpack, initdb, start: the slow part) starts beside Kafka
        CompletableFuture<Void> pg = CompletableFuture.runAsync(() -> {
            try {
                postgres.start();
                LOG.info("postgres up after {} ms", (System.nanoTime() - t0) / 1_000_000);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, runnable -> {
            Thread t = new Thread(runnable, "sandbox-postgres-start");
            t.setDaemon(true);
            t.start();
        });
        kafka.start();
        LOG.info("kafka up after {} ms", (System.nanoTime() - t0) / 1_000_000);
        try {
            pg.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
        management = new KubeCluster("management", stateDir.resolve("management").resolve("kubeconfig"),
            ports.port("management"), MANAGEMENT_NAMESPACE);
        management.start();
        management.createNamespace(MANAGEMENT_NAMESPACE);
        management.createNamespace("default");
        for (String name : clusterNames) {
            ensureCluster(name);
        }
        LOG.info("sandbox up after {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Starts the fleet-level servers of the main job (BIND 9 and the sandbox CA, see
     * {@link io.capstan.sandbox.fleet.SandboxFleet}) after {@link #start}; sandbox.json then has {@code dns} and
     * {@code pki} sections.
     *
     * @throws java.io.IOException when named cannot start
     */
    public synchronized void startFleet() throws java.io.IOException {
        fleet = new io.capstan.sandbox.fleet.SandboxFleet(stateDir, ports);
        fleet.start(management, MANAGEMENT_NAMESPACE);
    }

    /**
     * @param name candidate cluster name
     * @return whether it is a DNS-1123 label other than {@code management}
     */
    public static boolean validClusterName(String name) {
        return name != null && DNS_1123_LABEL.matcher(name).matches() && !"management".equals(name);
    }

    /**
     * Starts a workload cluster when it does not exist yet.
     *
     * @param name DNS-1123 label
     * @return true when created, false when it existed already
     * @throws IllegalArgumentException when the name is not a DNS-1123 label
     */
    public synchronized boolean ensureCluster(String name) {
        if (!validClusterName(name)) {
            throw new IllegalArgumentException("cluster name must be a DNS-1123 label (lowercase alphanumerics and "
                + "'-', at most 63 characters, not 'management'): " + name);
        }
        if (clusters.containsKey(name)) {
            return false;
        }
        KubeCluster cluster = new KubeCluster(name, stateDir.resolve("clusters").resolve(name).resolve("kubeconfig"),
            ports.port("cluster/" + name), "default");
        cluster.start();
        cluster.createNamespace("default");
        cluster.createNamespace("kube-system");
        for (Map<String, Object> crd : CapstanCrds.all()) {
            cluster.create("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd);
        }
        clusters.put(name, cluster);
        // no gateway controller runs in a sandbox cluster: the sandbox stands in for it (GatewayStandIn)
        GatewayStandIn standIn = new GatewayStandIn(name, cluster.url(), Clock.systemUTC());
        standIn.start();
        gatewayStandIns.put(name, standIn);
        writeState();
        return true;
    }

    /**
     * @param name cluster name
     * @return the workload cluster, or null
     */
    public synchronized KubeCluster cluster(String name) {
        return clusters.get(name);
    }

    /**
     * Stops and forgets a workload cluster and its kubeconfig.
     *
     * @param name cluster name
     * @return whether it existed
     */
    public synchronized boolean deleteCluster(String name) {
        KubeCluster cluster = clusters.remove(name);
        if (cluster == null) {
            return false;
        }
        GatewayStandIn standIn = gatewayStandIns.remove(name);
        if (standIn != null) {
            standIn.close();
        }
        cluster.stop();
        ports.forget("cluster/" + name);
        try {
            Files.deleteIfExists(cluster.kubeconfig());
        } catch (IOException e) {
            LOG.warn("cannot delete kubeconfig of {}", name, e);
        }
        writeState();
        return true;
    }

    /** @return the port book of this sandbox */
    public PortBook ports() {
        return ports;
    }

    /** @param url the control API base URL, written into sandbox.json */
    public void controlUrl(String url) {
        this.controlUrl = url;
    }

    /** @return path of sandbox.json */
    public Path stateFile() {
        return stateDir.resolve("sandbox.json");
    }

    /** @return the sandbox.json document (contains secrets: the PostgreSQL password) */
    public synchronized Map<String, Object> describe() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kafkaBootstrap", kafka.bootstrap());
        Map<String, Object> pg = new LinkedHashMap<>();
        pg.put("jdbcUrl", postgres.jdbcUrl());
        pg.put("username", postgres.username());
        pg.put("password", postgres.password());
        doc.put("postgres", pg);
        Map<String, Object> mgmt = new LinkedHashMap<>();
        mgmt.put("url", management.url());
        mgmt.put("kubeconfig", management.kubeconfig().toString());
        mgmt.put("namespace", MANAGEMENT_NAMESPACE);
        doc.put("management", mgmt);
        Map<String, Object> cl = new LinkedHashMap<>();
        for (KubeCluster c : clusters.values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("url", c.url());
            entry.put("kubeconfig", c.kubeconfig().toString());
            entry.put("running", c.running());
            cl.put(c.name(), entry);
        }
        doc.put("clusters", cl);
        doc.put("controlUrl", controlUrl);
        if (fleet != null) {
            doc.putAll(fleet.describe());
        }
        return doc;
    }

    /**
     * Writes sandbox.json atomically with mode 0600.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public synchronized void writeState() {
        if (kafka == null || postgres == null || management == null || controlUrl == null) {
            return;
        }
        try {
            Path tmp = stateDir.resolve("sandbox.json.tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), describe());
            Files.move(tmp, stateFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sandbox.json", e);
        }
    }

    /** Stops everything: API servers, Kafka, PostgreSQL. Errors are logged, not thrown. */
    @Override
    public synchronized void close() {
        gatewayStandIns.values().forEach(GatewayStandIn::close);
        gatewayStandIns.clear();
        if (fleet != null) {
            fleet.close();
        }
        for (KubeCluster c : clusters.values()) {
            c.stop();
        }
        if (management != null) {
            management.stop();
        }
        if (kafka != null) {
            try {
                kafka.close();
            } catch (RuntimeException e) {
                LOG.warn("Kafka shutdown failed", e);
            }
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("PostgreSQL shutdown failed", e);
            }
        }
    }
}
