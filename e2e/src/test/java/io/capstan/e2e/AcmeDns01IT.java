package io.capstan.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.sandbox.acme.PebbleServer;
import io.capstan.sandbox.junit.TopicRecorder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 4's ACME acceptance through the real chain: a Certificate in the sandbox cluster {@code alpha} whose
 * issuerRef names the fleet ACME issuer {@code pebble} (profile {@code sandbox-acme}: the repository's sandbox profile
 * plus that issuer) is issued by Pebble ({@link PebbleServer}, resolving through the sandbox BIND 9) with the DNS-01
 * challenge TXT record published and removed by the packaged <b>dns</b> service (rfc2136 with the sandbox TSIG key),
 * asked by the packaged <b>certificates</b> service over {@code capstan.requests} (DNS01Challenge) and answered on
 * {@code capstan.status}. Runs orchestrator, cluster-watcher, dns and certificates as processes (FleetStack).
 */
class AcmeDns01IT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = "acme.alpha.sandbox.capstan.test";
    private static final String TXT_NAME = "_acme-challenge." + NAME;
    private static final String NS = "acme-e2e";
    private static FleetStack fleet;
    private static PebbleServer pebble;
    private static TopicRecorder requests;
    private static TopicRecorder status;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/named")), "BIND 9 is not installed (Debian package bind9)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/pebble")), "Pebble is not installed (Debian package pebble)");
        fleet = new FleetStack("acme", "256m", List.of("orchestrator", "cluster-watcher", "dns", "certificates"));
        pebble = PebbleServer.start(fleet.root().resolve("e2e/target/acme-pebble"), fleet.sandbox.dnsServer());
        requests = new TopicRecorder(fleet.kafkaBootstrap(), "capstan.requests");
        status = new TopicRecorder(fleet.kafkaBootstrap(), "capstan.status");

        // the issuer's trustSecretName: a management Secret whose ca.crt is the root of Pebble's HTTPS certificate
        try (KubernetesClient m = fleet.sandbox.managementClient()) {
            m.secrets().inNamespace(fleet.sandbox.managementNamespace()).resource(new SecretBuilder()
                    .withNewMetadata().withName("pebble-trust").endMetadata()
                    .addToStringData("ca.crt", pebble.tlsRootPem()).build()).create();
        }
        ObjectNode profile = (ObjectNode) JSON.readTree(fleet.profile("sandbox"));
        assertThat(profile.path("spec").path("dns").path("provider").path("type").asText()).isEqualTo("rfc2136");
        ObjectNode acme = ((ArrayNode) profile.path("spec").path("certificates").path("issuers")).addObject();
        acme.put("name", "pebble");
        acme.putObject("acme").put("server", pebble.directoryUrl()).put("email", "ops@sandbox.capstan.test")
                .put("accountKeySecretName", "pebble-account").put("trustSecretName", "pebble-trust");
        expect2xx(fleet.call("PUT", "/api/v1/profiles/sandbox-acme", profile.toString()));
        ObjectNode body = JSON.createObjectNode();
        body.put("name", "alpha");
        body.put("infrastructure", "standalone");
        body.put("profile", "sandbox-acme");
        body.put("site", "sandbox");
        body.put("kubeconfig", fleet.clusters.get("alpha").kubeconfig());
        expect2xx(fleet.call("POST", "/api/v1/clusters", body.toString()));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[]{requests, status, pebble, fleet}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("AcmeDns01IT: close " + c.getClass().getSimpleName() + ": " + e);
                }
            }
        }
    }

    @Test
    void anAcmeCertificateIsIssuedByPebbleWithTheChallengeTxtPublishedAndRemovedByTheDnsService() throws Exception {
        KubernetesClient alpha = fleet.kube("alpha");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode view = fleet.get("/api/v1/clusters/alpha");
            assertThat(view.path("phase").asText()).as(FleetStack.summary(view)).isEqualTo("Ready");
        });
        fleet.apply("alpha", """
                apiVersion: v1
                kind: Namespace
                metadata: {name: %s}
                ---
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: acme, namespace: %s}
                spec:
                  secretName: acme-tls
                  dnsNames: [%s]
                  issuerRef: {name: pebble, kind: ClusterIssuer}
                  privateKey: {algorithm: ECDSA, size: 256}
                """.formatted(NS, NS, NAME));

        // while the order is pending, BIND may serve the challenge TXT (the dns service's UPDATE); it can be quick
        Set<String> servedTxt = ConcurrentHashMap.newKeySet();
        String certKey = "alpha/certificates/Certificate/" + NS + "/acme";
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            servedTxt.addAll(txt(TXT_NAME));
            // latest(key) is null until the key was read, an empty Optional after a tombstone
            java.util.Optional<String> latest = status.latest(certKey);
            assertThat(latest).as("status of %s", certKey).isNotNull().isPresent();
            String v = latest.get();
            JsonNode ready = condition(JSON.readTree(v), "Ready");
            assertThat(ready.path("status").asText()).as("%s", ready).isEqualTo("True");
        });

        // the request and the dns service's answer on the topics
        List<TopicRecorder.Rec> asked = requests.all().stream()
                .filter(r -> r.value() != null && "io.capstan.request.submitted.v1".equals(r.headers().get("ce_type")))
                .filter(r -> fqdn(r).equals(TXT_NAME)).toList();
        assertThat(asked).as("DNS01Challenge requests for %s", TXT_NAME).isNotEmpty();
        JsonNode request = JSON.readTree(asked.get(0).value());
        assertThat(request.path("kind").asText()).isEqualTo("DNS01Challenge");
        assertThat(request.path("from").asText()).isEqualTo("certificates");
        assertThat(request.path("cluster").asText()).isEqualTo("alpha");
        String value = request.path("spec").path("value").asText();
        String answerKey = "alpha/dns/DNS01Challenge/_/" + request.path("id").asText();
        List<TopicRecorder.Rec> answers = status.all().stream().filter(r -> r.key().equals(answerKey)).toList();
        assertThat(answers).as("answers under %s", answerKey).anySatisfy(r -> {
            assertThat(r.value()).isNotNull();
            JsonNode ready = condition(JSON.readTree(r.value()), "Ready");
            assertThat(ready.path("status").asText()).isEqualTo("True");
            assertThat(ready.path("reason").asText()).isEqualTo("Published");
        });
        System.out.printf("AcmeDns01IT: TXT %s seen served by BIND while pending: %s%n", TXT_NAME,
                servedTxt.contains(value) ? "yes" : "no (the order was quicker than the 200 ms poll)");
        if (!servedTxt.isEmpty()) {
            assertThat(servedTxt).contains(value);
        }

        // the Secret: Pebble's chain, verified against Pebble's issuing root from its management API
        Secret tls = alpha.secrets().inNamespace(NS).withName("acme-tls").get();
        assertThat(tls).isNotNull();
        assertThat(tls.getType()).isEqualTo("kubernetes.io/tls");
        String chainPem = new String(Base64.getDecoder().decode(tls.getData().get("tls.crt")), StandardCharsets.US_ASCII);
        assertThat(chainPem).contains("BEGIN CERTIFICATE");
        Path dir = fleet.root().resolve("e2e/target/acme-verify");
        Files.createDirectories(dir);
        Path chain = Files.writeString(dir.resolve("tls.crt"), chainPem);
        Path root = Files.writeString(dir.resolve("pebble-root.pem"), pebble.issuingRootPem());
        Process verify = new ProcessBuilder("openssl", "verify", "-CAfile", root.toString(), "-untrusted", chain.toString(),
                chain.toString()).redirectErrorStream(true).start();
        assertThat(verify.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.exitValue()).as("openssl verify: %s", out).isZero();
        Process text = new ProcessBuilder("openssl", "x509", "-noout", "-ext", "subjectAltName", "-in", chain.toString())
                .redirectErrorStream(true).start();
        assertThat(text.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(text.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("DNS:" + NAME);

        // afterwards: the request withdrawn, the TXT gone from BIND, the answer tombstoned
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(requests.all()).anySatisfy(r -> {
                assertThat(r.headers().get("ce_type")).isEqualTo("io.capstan.request.withdrawn.v1");
                assertThat(r.key()).isEqualTo(asked.get(0).key());
            });
            assertThat(txt(TXT_NAME)).as("TXT %s served by BIND", TXT_NAME).isEmpty();
            assertThat(status.all().stream().filter(r -> r.key().equals(answerKey)).toList())
                    .as("records under %s", answerKey).last().satisfies(r -> {
                        assertThat(r.value()).as("tombstone").isNull();
                        assertThat(r.headers().get("ce_type")).isEqualTo("io.capstan.status.removed.v1");
                    });
        });
        // the ACME account key stays in the management cluster
        assertThat(alpha.secrets().inAnyNamespace().list().getItems()).extracting(s -> s.getMetadata().getName())
                .doesNotContain("pebble-account");
    }

    private static String fqdn(TopicRecorder.Rec r) {
        try {
            return JSON.readTree(r.value()).path("spec").path("fqdn").asText().replaceAll("\\.$", "");
        } catch (Exception e) {
            return "";
        }
    }

    private static JsonNode condition(JsonNode statusEvent, String type) {
        for (JsonNode c : statusEvent.path("conditions")) {
            if (c.path("type").asText().equals(type)) {
                return c;
            }
        }
        return JSON.createObjectNode();
    }

    private static void expect2xx(HttpResponse<String> r) {
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(r.request().method() + " " + r.request().uri().getPath() + ": "
                    + r.statusCode() + " " + r.body());
        }
    }

    /** The TXT strings BIND serves for a name (dnsjava, UDP, no recursion); empty for NXDOMAIN or none. */
    private static List<String> txt(String name) throws Exception {
        String server = fleet.sandbox.dnsServer();
        int colon = server.lastIndexOf(':');
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(server.substring(0, colon),
                Integer.parseInt(server.substring(colon + 1))));
        resolver.setTimeout(Duration.ofSeconds(3));
        Message answer = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.TXT, DClass.IN)));
        List<String> out = new ArrayList<>();
        if (answer.getRcode() == Rcode.NOERROR) {
            for (Record r : answer.getSection(Section.ANSWER)) {
                if (r instanceof TXTRecord t) {
                    out.add(String.join("", t.getStrings()));
                }
            }
        }
        return out;
    }
}
