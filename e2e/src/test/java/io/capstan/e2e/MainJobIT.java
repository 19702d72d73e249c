package io.capstan.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The main job, end to end: every packaged service as a process against the sandbox started with its fleet servers
 * (real Kafka, PostgreSQL, BIND 9, the sandbox CA; fabric8 mock API servers, an emulator where no pod runs), the
 * clusters alpha (standalone) and beta (openstack) registered with the repository's sandbox profiles, and Capstan's
 * demo workload (deploy/sandbox/demo) applied to both. Everything is checked from outside, as a person would: the
 * REST API, the sandbox DNS server, the workload clusters' objects and {@code openssl verify}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MainJobIT {

    private static final String ZONE = "sandbox.capstan.test";
    private static final String PORTAL = "portal.alpha." + ZONE;
    private static final String DATASETS = "datasets.alpha." + ZONE;
    private static final String OUTSIDE = "outside.alpha." + ZONE;
    private static final String NS = "research-portal";
    private static FleetStack fleet;
    private static long registeredAt;

    @BeforeAll
    static void startFleet() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/named")),
                "BIND 9 is not installed (Debian package bind9; .ci/prepare installs it)");
        fleet = new FleetStack("mainjob", "256m");
        fleet.registerClusters();
        registeredAt = System.nanoTime();
        fleet.apply("alpha", fleet.demo("alpha"));
        fleet.apply("beta", fleet.demo("beta"));
    }

    @AfterAll
    static void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    @Order(1)
    void bothClustersReachReadyWithEveryComponentInDependencyOrderWithin3Minutes() throws Exception {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String c : FleetStack.CLUSTERS.keySet()) {
                JsonNode view = fleet.get("/api/v1/clusters/" + c);
                assertThat(view.path("phase").asText()).as("%s: %s", c, FleetStack.summary(view)).isEqualTo("Ready");
            }
        });
        System.out.printf("MainJobIT: alpha and beta Ready %.1f s after registration%n",
                (System.nanoTime() - registeredAt) / 1e9);
        JsonNode alpha = fleet.get("/api/v1/clusters/alpha");
        List<String> names = new ArrayList<>();
        alpha.path("components").fieldNames().forEachRemaining(names::add);
        assertThat(names).containsSubsequence("cluster-watcher", "storage", "gateways", "dns", "certificates");
    }

    @Test
    @Order(2)
    void alphaHostnamesAnswerFromBindWithTheAllocatedAddressesAndThePortalSecretVerifiesAgainstTheSandboxRoot()
            throws Exception {
        KubernetesClient alpha = fleet.kube.get("alpha");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            String datasets = address(alpha.services().inNamespace(NS).withName("datasets").get());
            assertThat(datasets).as("address of the datasets Service").startsWith("192.0.2.");
            assertThat(fleet.dig(DATASETS)).containsExactly(datasets);
            String edge = fleet.edgeAddress("alpha");
            assertThat(edge).as("address of the edge Gateway").startsWith("192.0.2.");
            assertThat(fleet.dig(PORTAL)).containsExactly(edge);
        });
        JsonNode records = fleet.get("/api/v1/dns/records?cluster=alpha");
        for (String host : List.of(PORTAL, DATASETS)) {
            assertThat(items(records, "hostname", host)).as("DNS record of %s", host)
                    .singleElement().satisfies(r -> assertThat(r.path("state").asText()).isEqualTo("Published"));
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(alpha.secrets().inNamespace(NS).withName("portal-tls").get()).isNotNull());
        Secret tls = alpha.secrets().inNamespace(NS).withName("portal-tls").get();
        assertThat(tls.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(tls.getData()).containsKeys("tls.crt", "tls.key", "ca.crt");
        Path chain = Files.createTempFile(fleet.root.resolve("e2e/target"), "portal-tls", ".pem");
        Files.write(chain, Base64.getDecoder().decode(tls.getData().get("tls.crt")));
        Process verify = new ProcessBuilder("openssl", "verify", "-CAfile", fleet.sandbox.caBundle().toString(),
                "-untrusted", chain.toString(), chain.toString()).redirectErrorStream(true).start();
        assertThat(verify.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.exitValue()).as("openssl verify: %s", out).isZero();
        assertThat(out).contains(": OK");

        JsonNode certs = fleet.get("/api/v1/certificates?cluster=alpha");
        assertThat(items(certs, "name", "portal")).singleElement().satisfies(c -> {
            assertThat(c.path("ready").asBoolean()).isTrue();
            assertThat(c.path("notAfter").asText()).isNotBlank();
            assertThat(c.path("dnsNames").toString()).contains(PORTAL);
        });
    }

    @Test
    @Order(3)
    void betaNamesOutsideItsSubdomainAreDeniedAndNothingIsPublishedOrIssued() throws Exception {
        fleet.apply("beta", """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: outside, namespace: research-portal}
                spec:
                  secretName: outside-tls
                  dnsNames: [%s]
                  issuerRef: {group: cert-manager.io, kind: ClusterIssuer, name: sandbox-ca}
                ---
                apiVersion: externaldns.k8s.io/v1alpha1
                kind: DNSEndpoint
                metadata: {name: outside, namespace: research-portal}
                spec:
                  endpoints:
                    - dnsName: %s
                      recordType: A
                      targets: [198.51.100.9]
                """.formatted(OUTSIDE, OUTSIDE));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode cert = items(fleet.get("/api/v1/certificates?cluster=beta"), "name", "outside").stream().findFirst()
                    .orElseThrow(() -> new AssertionError("no certificate entry for beta/outside yet"));
            assertThat(cert.path("ready").asBoolean()).isFalse();
            assertThat(cert.path("reason").asText()).isEqualTo("Denied");
            JsonNode rec = items(fleet.get("/api/v1/dns/records?cluster=beta"), "hostname", OUTSIDE).stream().findFirst()
                    .orElseThrow(() -> new AssertionError("no DNS entry for beta's " + OUTSIDE + " yet"));
            assertThat(rec.path("ready").asBoolean()).isFalse();
            assertThat(rec.path("state").asText()).isEqualTo("Error");
            assertThat(rec.path("reason").asText()).isEqualTo("Denied");
        });
        assertThat(fleet.dig(OUTSIDE)).as("nothing published for a denied name").isEmpty();
        assertThat(fleet.kube.get("beta").secrets().inNamespace(NS).withName("outside-tls").get()).isNull();
        JsonNode audit = fleet.get("/api/v1/audit?cluster=beta");
        assertThat(audit.toString()).contains("policy.denied");
    }

    @Test
    @Order(4)
    void stoppingDnsTurnsItUnknownWithinTheStaleLimitAndStartingItReturnsTheFleetToReadyWithNoDuplicate()
            throws Exception {
        KubernetesClient alpha = fleet.kube.get("alpha");
        String datasets = address(alpha.services().inNamespace(NS).withName("datasets").get());
        String edge = fleet.edgeAddress("alpha");
        String crt = alpha.secrets().inNamespace(NS).withName("portal-tls").get().getData().get("tls.crt");

        ServiceProcess dns = fleet.services.get("dns");
        dns.close();
        long stopped = System.nanoTime();
        // stale limit 30 s (heartbeat 10 s), plus the time the orchestrator takes to read
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode view = fleet.get("/api/v1/clusters/alpha");
            assertThat(FleetStack.ready(view, "dns")).as(FleetStack.summary(view)).isEqualTo("Unknown");
            assertThat(view.path("phase").asText()).isNotEqualTo("Ready");
        });
        System.out.printf("MainJobIT: dns Unknown %.1f s after it stopped%n", (System.nanoTime() - stopped) / 1e9);

        dns.start(FleetStack.START_TIMEOUT);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String c : FleetStack.CLUSTERS.keySet()) {
                JsonNode view = fleet.get("/api/v1/clusters/" + c);
                assertThat(view.path("phase").asText()).as("%s: %s", c, FleetStack.summary(view)).isEqualTo("Ready");
            }
        });
        assertThat(fleet.dig(PORTAL)).containsExactly(edge);
        assertThat(fleet.dig(DATASETS)).containsExactly(datasets);
        JsonNode records = fleet.get("/api/v1/dns/records?cluster=alpha");
        assertThat(items(records, "hostname", PORTAL)).hasSize(1);
        assertThat(items(records, "hostname", DATASETS)).hasSize(1);
        assertThat(address(alpha.services().inNamespace(NS).withName("datasets").get())).isEqualTo(datasets);
        assertThat(alpha.secrets().inNamespace(NS).withName("portal-tls").get().getData().get("tls.crt"))
                .as("the portal certificate is not issued again").isEqualTo(crt);
        assertThat(items(fleet.get("/api/v1/certificates?cluster=alpha"), "name", "portal")).hasSize(1);
    }

    @Test
    @Order(5)
    void theTsigSecretAndTheKubeconfigTokensAppearInNoApiAnswerAndNoServiceLog() throws Exception {
        String tsig;
        try (KubernetesClient management = fleet.sandbox.managementClient()) {
            tsig = new String(Base64.getDecoder().decode(management.secrets().inNamespace(fleet.sandbox.managementNamespace())
                    .withName("sandbox-dns-tsig").get().getData().get("secret")), StandardCharsets.US_ASCII).trim();
        }
        List<String> secrets = new ArrayList<>(List.of(tsig, fleet.token));
        for (var c : fleet.clusters.values()) {
            var m = java.util.regex.Pattern.compile("token:\\s*\"?([A-Za-z0-9._-]+)").matcher(c.kubeconfig());
            assertThat(m.find()).isTrue();
            secrets.add(m.group(1));
        }
        for (String answer : fleet.answers) {
            for (String secret : secrets) {
                assertThat(answer.contains(secret)).as("an API answer contains secret material").isFalse();
            }
        }
        for (ServiceProcess s : fleet.services.values()) {
            String log = Files.readString(s.log());
            for (String secret : secrets) {
                assertThat(log.contains(secret)).as("%s contains secret material", s.log()).isFalse();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static String address(Service s) {
        if (s == null || s.getStatus() == null || s.getStatus().getLoadBalancer() == null) {
            return null;
        }
        List<LoadBalancerIngress> ingress = s.getStatus().getLoadBalancer().getIngress();
        return ingress == null || ingress.isEmpty() ? null : ingress.get(0).getIp();
    }

    private static List<JsonNode> items(JsonNode page, String field, String value) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode i : page.path("items")) {
            if (value.equals(i.path(field).asText())) {
                out.add(i);
            }
        }
        return out;
    }
}
