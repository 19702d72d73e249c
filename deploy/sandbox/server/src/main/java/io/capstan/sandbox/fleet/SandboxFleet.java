package io.capstan.sandbox.fleet;

import io.capstan.sandbox.PortBook;
import io.capstan.sandbox.dns.BindServer;
import io.capstan.sandbox.dns.DnsZone;
import io.capstan.sandbox.kube.KubeCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet-level servers of the main job's sandbox, beside Kafka, PostgreSQL and the API servers: a real BIND 9
 * serving the sandbox's base zone and the RFC 2606 documentation zones, and the sandbox institutional CA. Both are
 * handed to the services the way a platform team would: as Secrets in the management cluster's namespace
 * ({@value #TSIG_SECRET} with key {@code secret}, the TSIG secret; {@value #CA_SECRET} of type
 * {@code kubernetes.io/tls} with {@code tls.crt} the intermediate, {@code tls.key} its key and {@code ca.crt} the
 * root) and as paths a person can use with {@code dig -k}, {@code nsupdate -k} and {@code openssl verify}.
 *
 * <p>Without BIND installed, only the CA is made (and a warning says the DNS service falls back to memory).
 *
 * <p>Files under {@code <state>/dns} (BIND's config, zones, key file) are rewritten at each start; the CA under
 * {@code <state>/pki} is made once and kept.
 */
public final class SandboxFleet implements AutoCloseable {

    /** The sandbox's base zone: cluster {@code c} may use {@code c.sandbox.capstan.test}. */
    public static final String BASE_ZONE = "sandbox.capstan.test";
    /** Zones the sandbox DNS server is authoritative for: the base zone and the RFC 2606 documentation zones. */
    public static final List<String> ZONES = List.of(BASE_ZONE, "example.com", "example.net", "example.org");
    /** TSIG key name. */
    public static final String KEY_NAME = "capstan-sandbox";
    /** TSIG algorithm (RFC 8945 / RFC 4635). */
    public static final String KEY_ALGORITHM = "hmac-sha256";
    /** Management Secret holding the TSIG secret (key {@code secret}). */
    public static final String TSIG_SECRET = "sandbox-dns-tsig";
    /** Management Secret holding the institutional CA (fleet issuer {@code sandbox-ca}). */
    public static final String CA_SECRET = "sandbox-ca";

    private static final Logger LOG = LoggerFactory.getLogger(SandboxFleet.class);

    private final Path stateDir;
    private final PortBook ports;
    private BindServer bind;
    private SandboxCa ca;

    /**
     * @param stateDir the sandbox's state directory
     * @param ports    its port book (role {@code dns})
     */
    public SandboxFleet(Path stateDir, PortBook ports) {
        this.stateDir = stateDir;
        this.ports = ports;
    }

    /**
     * Makes or loads the CA, starts BIND, and stores both Secrets in the management cluster.
     *
     * @param management the management API server, started, with its namespace
     * @param namespace  the management namespace
     * @throws IOException when named cannot start (not installed: {@code .ci/prepare} or {@code ./capstan} install
     *                     it) or a file cannot be written
     */
    public void start(KubeCluster management, String namespace) throws IOException {
        long t0 = System.nanoTime();
        ca = SandboxCa.loadOrCreate(stateDir.resolve("pki"));
        if (bindInstalled()) {
            List<DnsZone> zones = ZONES.stream().map(DnsZone::of).toList();
            bind = new BindServer(stateDir.resolve("dns"), zones, KEY_NAME, KEY_ALGORITHM, ports.port("dns")).start();
            ports.record("dns", bind.port());
            management.create("/api/v1/namespaces/" + namespace + "/secrets", secret(TSIG_SECRET, namespace,
                    "Opaque", Map.of("secret", bind.secret())));
        } else {
            LOG.warn("BIND 9 is not installed (/usr/sbin/named; Debian package bind9): no sandbox DNS server, the DNS"
                    + " service keeps records in its in-memory provider and nothing answers dig");
        }
        management.create("/api/v1/namespaces/" + namespace + "/secrets", secret(CA_SECRET, namespace,
                "kubernetes.io/tls", Map.of("tls.crt", ca.intermediate(), "tls.key", ca.intermediateKey(),
                        "ca.crt", ca.root())));
        LOG.info("fleet servers up after {} ms: {}, sandbox CA {}", (System.nanoTime() - t0) / 1_000_000,
                bind == null ? "no DNS server" : "BIND 9 on " + bind.host() + ":" + bind.port() + " for " + ZONES
                        + " (TSIG key " + KEY_NAME + ", " + KEY_ALGORITHM + ")", ca.rootFile());
    }

    private static Map<String, Object> secret(String name, String namespace, String type, Map<String, String> data) {
        Map<String, String> encoded = new LinkedHashMap<>();
        data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return Map.of("apiVersion", "v1", "kind", "Secret", "type", type,
                "metadata", Map.of("name", name, "namespace", namespace,
                        "labels", Map.of("app.kubernetes.io/part-of", "capstan-sandbox")),
                "data", encoded);
    }

    /**
     * The {@code dns} and {@code pki} sections of sandbox.json: server, zones, key name, algorithm, key file and the
     * Secret names; the root CA path. No secret value.
     */
    public Map<String, Object> describe() {
        Map<String, Object> doc = new LinkedHashMap<>();
        if (bind != null) {
            Map<String, Object> dns = new LinkedHashMap<>();
            dns.put("server", bind.host() + ":" + bind.port());
            dns.put("zones", ZONES);
            dns.put("baseZone", BASE_ZONE);
            dns.put("keyName", KEY_NAME);
            dns.put("keyAlgorithm", KEY_ALGORITHM);
            dns.put("keyFile", bind.keyFile().toString());
            dns.put("secretRef", Map.of("name", TSIG_SECRET, "key", "secret"));
            doc.put("dns", dns);
        }
        if (ca != null) {
            doc.put("pki", Map.of("caBundle", ca.rootFile().toString(), "issuerSecret", CA_SECRET));
        }
        return doc;
    }

    /** Stops BIND; files stay. */
    @Override
    public void close() {
        if (bind != null) {
            bind.close();
        }
    }

    /** Whether the BIND 9 server binary is installed. */
    public static boolean bindInstalled() {
        return Files.isExecutable(Path.of("/usr/sbin/named"));
    }
}
