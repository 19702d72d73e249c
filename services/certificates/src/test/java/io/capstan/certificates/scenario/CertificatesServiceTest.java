package io.capstan.certificates.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.certificates.pki.Pem;
import io.capstan.certificates.reconcile.CertificatesRuntime;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.event.Json;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.Conditions;
import io.capstan.model.status.StatusEvent;
import io.capstan.sandbox.junit.SandboxCluster;
import io.capstan.sandbox.junit.SandboxResource;
import io.capstan.sandbox.junit.TopicRecorder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The certificates service against the real sandbox: a real Kafka broker and fabric8 CRUD mock API servers (an
 * emulator: no cert-manager, no controllers; the service reads and writes it as it would a kube-apiserver), real X.509
 * checked with {@code openssl verify}. The test plays the orchestrator (kubeconfig Secret, the fleet CA Secret,
 * ClusterEvents) and the cluster watcher (ResourceEvents).
 */
@QuarkusTest
@QuarkusTestResource(SandboxResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CertificatesServiceTest {

    static final ResourceDefinitionContext CERTIFICATES = new ResourceDefinitionContext.Builder().withGroup("cert-manager.io")
            .withVersion("v1").withKind("Certificate").withPlural("certificates").withNamespaced(true).build();

    static Fleet fleet;
    static TestPki fleetCa;
    static SandboxCluster alpha;

    @Inject
    CertificatesRuntime runtime;

    @TestHTTPResource("/q/metrics")
    URI metrics;

    @BeforeAll
    static void start() {
        fleet = new Fleet();
        fleetCa = new TestPki("capstan test fleet");
        fleet.managementSecret("sandbox-ca", "kubernetes.io/tls", fleetCa.caSecretData());
        alpha = fleet.cluster("alpha");
        fleet.register(Fleet.event("alpha", Infrastructure.STANDALONE, Fleet.sandboxProfile("sandbox.json"), 1, false));
    }

    @AfterAll
    static void stop() {
        fleet.close();
    }

    static StatusEvent entry(String cluster, String ns, String name) {
        return fleet.status(cluster + "/certificates/Certificate/" + ns + "/" + name).orElse(null);
    }

    static Condition ready(StatusEvent e) {
        return e == null ? null : Conditions.find(e.conditions(), Conditions.READY).orElse(null);
    }

    static Secret secret(SandboxCluster c, String ns, String name) {
        try (KubernetesClient k = c.client()) {
            return k.secrets().inNamespace(ns).withName(name).get();
        }
    }

    static GenericKubernetesResource certificate(SandboxCluster c, String ns, String name) {
        try (KubernetesClient k = c.client()) {
            return k.genericKubernetesResources(CERTIFICATES).inNamespace(ns).withName(name).get();
        }
    }

    static String data(Secret s, String key) {
        return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.US_ASCII);
    }

    static JsonNode status(GenericKubernetesResource r) {
        return Json.MAPPER.valueToTree(r.getAdditionalProperties().get("status"));
    }

    @Test
    @Order(1)
    void aCertificateOfTheFleetCaGetsAVerifiedChainItsStatusAndAnExpiryMetric() throws Exception {
        fleet.apply(alpha, """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: web, namespace: default}
                spec:
                  secretName: web-tls
                  dnsNames: [web.alpha.sandbox.capstan.test]
                  issuerRef: {name: sandbox-ca, kind: ClusterIssuer}
                  privateKey: {algorithm: ECDSA, size: 256}
                """);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(ready(entry("alpha", "default", "web"))).isNotNull()
                    .satisfies(c -> assertThat(c.status()).as(c.reason() + ": " + c.message()).isEqualTo(ConditionStatus.True));
        });
        Secret s = secret(alpha, "default", "web-tls");
        assertThat(s.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(s.getMetadata().getAnnotations()).containsEntry("cert-manager.io/certificate-name", "web")
                .containsEntry("cert-manager.io/issuer-name", "sandbox-ca")
                .containsEntry("cert-manager.io/issuer-kind", "ClusterIssuer")
                .containsEntry("cert-manager.io/alt-names", "web.alpha.sandbox.capstan.test");
        List<X509Certificate> chain = Pem.parseCertificates(data(s, "tls.crt"));
        assertThat(chain).hasSize(2);
        assertThat(chain.get(1)).isEqualTo(fleetCa.intermediate);
        assertThat(Pem.parseCertificates(data(s, "ca.crt"))).containsExactly(fleetCa.root);
        assertThat(TestPki.opensslVerify(data(s, "tls.crt"), data(s, "ca.crt"), Path.of("target/openssl/web"))).contains("OK");

        JsonNode st = status(certificate(alpha, "default", "web"));
        assertThat(st.path("revision").asInt()).isEqualTo(1);
        assertThat(st.path("notAfter").asText()).isEqualTo(chain.get(0).getNotAfter().toInstant().toString());
        Instant renewal = Instant.parse(st.path("renewalTime").asText());
        Instant notBefore = chain.get(0).getNotBefore().toInstant();
        Instant notAfter = chain.get(0).getNotAfter().toInstant();
        // default renewal at 2/3 of the real lifetime
        assertThat(Duration.between(renewal, notAfter)).isBetween(Duration.between(notBefore, notAfter).dividedBy(3).minusSeconds(2),
                Duration.between(notBefore, notAfter).dividedBy(3).plusSeconds(2));

        StatusEvent e = entry("alpha", "default", "web");
        assertThat(e.details().path("secretName").asText()).isEqualTo("web-tls");
        assertThat(e.details().path("issuer").path("name").asText()).isEqualTo("sandbox-ca");
        assertThat(e.details().path("notAfter").asText()).isEqualTo(notAfter.toString());
        assertThat(e.details().path("serialNumber").asText()).isEqualTo(chain.get(0).getSerialNumber().toString(16));

        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(body).contains("capstan_certificate_expiration_timestamp_seconds{cluster=\"alpha\",issuer=\"sandbox-ca\",name=\"web\",namespace=\"default\"}");
    }

    @Test
    @Order(2)
    void aNameOutsideTheAllowedDomainsIsDeniedAndNothingIsIssued() {
        fleet.apply(alpha, """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: foreign, namespace: default}
                spec:
                  secretName: foreign-tls
                  dnsNames: [www.beta.sandbox.capstan.test]
                  issuerRef: {name: sandbox-ca, kind: ClusterIssuer}
                """);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ready(entry("alpha", "default", "foreign"))).isNotNull()
                        .satisfies(c -> assertThat(c.reason()).isEqualTo("Denied")));
        assertThat(ready(entry("alpha", "default", "foreign")).message()).contains("www.beta.sandbox.capstan.test");
        assertThat(secret(alpha, "default", "foreign-tls")).isNull();
        JsonNode st = status(certificate(alpha, "default", "foreign"));
        assertThat(st.path("conditions").get(0).path("reason").asText()).isEqualTo("Denied");
    }

    static SandboxCluster cases;

    /** A cluster whose profile also allows example.test and example.com, for the five cases. */
    static SandboxCluster cases() throws Exception {
        if (cases == null) {
            cases = fleet.cluster("cases");
            fleet.register(Fleet.event("cases", Infrastructure.STANDALONE, Json.MAPPER.readTree("""
                    {"certificates": {"baseZone": "sandbox.capstan.test", "allowedDomains": ["example.test", "example.com"],
                      "issuers": [{"name": "sandbox-ca", "ca": {"secretName": "sandbox-ca"}}]}}"""), 1, false));
        }
        return cases;
    }

    static Condition awaitReady(String cluster, String ns, String name, ConditionStatus status, String reason) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Condition c = ready(entry(cluster, ns, name));
            assertThat(c).as("status entry of " + ns + "/" + name).isNotNull();
            assertThat(c.status()).as(c.reason() + ": " + c.message()).isEqualTo(status);
            if (reason != null) {
                assertThat(c.reason()).as(c.message()).isEqualTo(reason);
            }
        });
        return ready(entry(cluster, ns, name));
    }

    static long records(String key) {
        return fleet.status.all().stream().filter(r -> r.key().equals(key)).count();
    }

    @Test
    @Order(3)
    void anUnknownIssuerIsReadyFalseWithAClearReasonAndNoLoop() {
        fleet.apply(alpha, """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: orphan, namespace: default}
                spec:
                  secretName: orphan-tls
                  dnsNames: [orphan.alpha.sandbox.capstan.test]
                  issuerRef: {name: no-such-issuer, kind: ClusterIssuer}
                """);
        Condition c = awaitReady("alpha", "default", "orphan", ConditionStatus.False, "IssuerNotFound");
        assertThat(c.message()).contains("no-such-issuer");
        String key = "alpha/certificates/Certificate/default/orphan";
        String rv = certificate(alpha, "default", "orphan").getMetadata().getResourceVersion();
        long before = records(key);
        // more passes of the cluster (another Certificate issued) change nothing for it: no retry loop, no churn
        fleet.apply(alpha, """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: after-orphan, namespace: default}
                spec:
                  secretName: after-orphan-tls
                  dnsNames: [after.alpha.sandbox.capstan.test]
                  issuerRef: {name: sandbox-ca, kind: ClusterIssuer}
                """);
        awaitReady("alpha", "default", "after-orphan", ConditionStatus.True, "Ready");
        assertThat(records(key)).isEqualTo(before);
        assertThat(certificate(alpha, "default", "orphan").getMetadata().getResourceVersion()).isEqualTo(rv);
        assertThat(secret(alpha, "default", "orphan-tls")).isNull();
    }

    @Test
    @Order(4)
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextRecordFlows() {
        fleet.send(io.capstan.model.Topics.RESOURCES, "alpha/cert-manager.io/Certificate/default/poison",
                io.capstan.model.event.EventTypes.RESOURCE_CHANGED, "{not json");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(fleet.dlq.all())
                .anySatisfy(r -> assertThat(r.key()).isEqualTo("alpha/cert-manager.io/Certificate/default/poison")));
        fleet.apply(alpha, """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: after-poison, namespace: default}
                spec:
                  secretName: after-poison-tls
                  dnsNames: [next.alpha.sandbox.capstan.test]
                  issuerRef: {name: sandbox-ca, kind: ClusterIssuer}
                """);
        awaitReady("alpha", "default", "after-poison", ConditionStatus.True, "Ready");
    }

    @Test
    @Order(5)
    void case1InvalidDurationsAreRefusedNamingTheFieldAndAnAcceptedOneRenewsAtNotAfterMinusRenewBefore() throws Exception {
        SandboxCluster c = cases();
        Map<String, String> rows = Map.of(
                "d24h-rb25h", "duration: 24h\n  renewBefore: 25h",
                "rb2200h", "renewBefore: 2200h",
                "d30m", "duration: 30m",
                "rb4m", "renewBefore: 4m");
        rows.forEach((name, fields) -> fleet.apply(c, """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: %s, namespace: default}
                spec:
                  secretName: %s-tls
                  %s
                  dnsNames: [%s.example.test]
                  issuerRef: {name: sandbox-ca, kind: ClusterIssuer}
                """.formatted(name, name, fields.replace("\\n", "\n"), name)));
        fleet.apply(c, """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: d24h-rb8h, namespace: default}
                spec:
                  secretName: d24h-rb8h-tls
                  duration: 24h
                  renewBefore: 8h
                  dnsNames: [ok.example.test]
                  issuerRef: {name: sandbox-ca, kind: ClusterIssuer}
                """);
        Map<String, String> field = Map.of("d24h-rb25h", "spec.renewBefore", "rb2200h", "spec.renewBefore",
                "d30m", "spec.duration", "rb4m", "spec.renewBefore");
        for (String name : rows.keySet()) {
            Condition r = awaitReady("cases", "default", name, ConditionStatus.False, "InvalidSpec");
            assertThat(r.message()).as(name).contains(field.get(name));
            assertThat(secret(c, "default", name + "-tls")).as(name).isNull();
        }
        awaitReady("cases", "default", "d24h-rb8h", ConditionStatus.True, "Ready");
        JsonNode st = status(certificate(c, "default", "d24h-rb8h"));
        assertThat(Instant.parse(st.path("renewalTime").asText()))
                .isEqualTo(Instant.parse(st.path("notAfter").asText()).minus(Duration.ofHours(8)));
    }

    @Test
    @Order(6)
    void case2UpperCaseNamesAreIssuedLowerCaseAndNotReissuedOnTheNextPass() throws Exception {
        SandboxCluster c = cases();
        fleet.apply(c, """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: mixed-case, namespace: default}
                spec:
                  secretName: mixed-case-tls
                  commonName: App.Example.Test
                  dnsNames: [App.Example.Test, www.example.test]
                  issuerRef: {name: sandbox-ca, kind: ClusterIssuer}
                """);
        Condition r = awaitReady("cases", "default", "mixed-case", ConditionStatus.True, "Ready");
        Secret s = secret(c, "default", "mixed-case-tls");
        X509Certificate leaf = Pem.parseCertificates(data(s, "tls.crt")).get(0);
        assertThat(leaf.getSubjectAlternativeNames().stream().map(l -> String.valueOf(l.get(1))).toList()).containsExactlyInAnyOrder("app.example.test", "www.example.test");
        // later passes (an event for the object, another Certificate) do not issue again
        fleet.resourceChanged("cases", certificate(c, "default", "mixed-case"));
        fleet.apply(c, """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: mixed-case-witness, namespace: default}
                spec:
                  secretName: mixed-case-witness-tls
                  dnsNames: [witness.example.test]
                  issuerRef: {name: sandbox-ca, kind: ClusterIssuer}
                """);
        awaitReady("cases", "default", "mixed-case-witness", ConditionStatus.True, "Ready");
        assertThat(status(certificate(c, "default", "mixed-case")).path("revision").asInt()).isEqualTo(1);
        assertThat(secret(c, "default", "mixed-case-tls").getMetadata().getResourceVersion()).isEqualTo(s.getMetadata().getResourceVersion());
    }

    @Test
    @Order(7)
    void case4AForeignRsaSecretWithRotationNeverIsLeftUntouchedUntilRotationAlways() throws Exception {
        SandboxCluster c = cases();
        java.security.KeyPair rsa = io.capstan.certificates.pki.PrivateKeys.generate(io.capstan.certificates.pki.KeySpec.RSA_2048);
        X509Certificate foreign = io.capstan.certificates.pki.Signer.selfSign(io.capstan.certificates.pki.Csrs.build(
                io.capstan.certificates.pki.CsrSpec.ofDnsNames("app.example.test", List.of("app.example.test")), rsa),
                rsa.getPrivate(), Duration.ofDays(30), Instant.now()).certificate();
        try (KubernetesClient k = c.client()) {
            k.secrets().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
                    .withName("app-tls").withNamespace("default").endMetadata().withType("kubernetes.io/tls")
                    .addToData("tls.crt", Base64.getEncoder().encodeToString(Pem.encode(foreign).getBytes(StandardCharsets.US_ASCII)))
                    .addToData("tls.key", Base64.getEncoder().encodeToString(io.capstan.certificates.pki.PrivateKeys
                            .toPem(rsa.getPrivate(), io.capstan.certificates.pki.KeyEncoding.PKCS1).getBytes(StandardCharsets.US_ASCII)))
                    .build()).create();
        }
        Secret before = secret(c, "default", "app-tls");
        fleet.apply(c, """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: app, namespace: default}
                spec:
                  secretName: app-tls
                  dnsNames: [app.example.test]
                  issuerRef: {name: sandbox-ca, kind: ClusterIssuer}
                  privateKey: {algorithm: ECDSA, size: 256, rotationPolicy: Never}
                """);
        Condition r = awaitReady("cases", "default", "app", ConditionStatus.False, null);
        assertThat(r.message()).contains("Never");
        assertThat(secret(c, "default", "app-tls").getData()).isEqualTo(before.getData());

        fleet.apply(c, """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: app, namespace: default}
                spec:
                  secretName: app-tls
                  dnsNames: [app.example.test]
                  issuerRef: {name: sandbox-ca, kind: ClusterIssuer}
                  privateKey: {algorithm: ECDSA, size: 256, rotationPolicy: Always}
                """);
        awaitReady("cases", "default", "app", ConditionStatus.True, "Ready");
        Secret after = secret(c, "default", "app-tls");
        java.security.KeyPair key = io.capstan.certificates.pki.PrivateKeys.parsePem(data(after, "tls.key"));
        assertThat(key.getPublic().getAlgorithm()).isIn("EC", "ECDSA");
        X509Certificate leaf = Pem.parseCertificates(data(after, "tls.crt")).get(0);
        assertThat(leaf.getPublicKey()).isEqualTo(key.getPublic());
        assertThat(TestPki.opensslVerify(data(after, "tls.crt"), data(after, "ca.crt"), Path.of("target/openssl/case4"))).contains("OK");
    }

    @Test
    @Order(8)
    void case5ALocalCaIssuerWithRootBeforeIntermediateGivesLeafThenIntermediateAndTheRootAsCa() throws Exception {
        SandboxCluster c = cases();
        TestPki local = new TestPki("local issuer");
        try (KubernetesClient k = c.client()) {
            k.secrets().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
                    .withName("local-ca").withNamespace("default").endMetadata().withType("kubernetes.io/tls")
                    .addToData("tls.crt", Base64.getEncoder().encodeToString(TestPki.bytes(local.rootPem() + local.intermediatePem())))
                    .addToData("tls.key", Base64.getEncoder().encodeToString(TestPki.bytes(local.intermediateKeyPem())))
                    .build()).create();
        }
        fleet.apply(c, """
                apiVersion: cert-manager.io/v1
                kind: Issuer
                metadata: {name: local-ca, namespace: default}
                spec:
                  ca: {secretName: local-ca}
                """);
        fleet.apply(c, """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: local-leaf, namespace: default}
                spec:
                  secretName: local-leaf-tls
                  dnsNames: [leaf.example.test]
                  issuerRef: {name: local-ca}
                """);
        awaitReady("cases", "default", "local-leaf", ConditionStatus.True, "Ready");
        Secret s = secret(c, "default", "local-leaf-tls");
        List<X509Certificate> chain = Pem.parseCertificates(data(s, "tls.crt"));
        assertThat(chain).hasSize(2);
        assertThat(chain.get(1)).isEqualTo(local.intermediate);
        assertThat(Pem.parseCertificates(data(s, "ca.crt"))).containsExactly(local.root);
        assertThat(TestPki.opensslVerify(data(s, "tls.crt"), data(s, "ca.crt"), Path.of("target/openssl/case5"))).contains("OK");
    }

    @Test
    @Order(9)
    void aShortLivedCertificateIsRenewedAtItsRenewalTimeByTheWorkQueue() {
        fleet.apply(alpha, """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: short, namespace: default}
                spec:
                  secretName: short-tls
                  duration: 1h
                  renewBefore: 59m50s
                  revisionHistoryLimit: 1
                  dnsNames: [short.alpha.sandbox.capstan.test]
                  issuerRef: {name: sandbox-ca, kind: ClusterIssuer}
                """);
        awaitReady("alpha", "default", "short", ConditionStatus.True, "Ready");
        // no event and no resync (10 min in tests): only the renewal wake-ups can issue revisions 2 and 3
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(status(certificate(alpha, "default", "short")).path("revision").asInt()).isGreaterThanOrEqualTo(3));
        try (KubernetesClient k = alpha.client()) {
            // revisionHistoryLimit 1: only the latest CertificateRequest of this Certificate is kept
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(k.genericKubernetesResources("cert-manager.io/v1",
                    "CertificateRequest").inNamespace("default").list().getItems()).filteredOn(r -> "short".equals(
                    r.getMetadata().getAnnotations().get("cert-manager.io/certificate-name"))).hasSize(1));
            k.genericKubernetesResources(CERTIFICATES).inNamespace("default").withName("short").delete();
        }
    }

    @Test
    @Order(10)
    void everyPublishedRecordMatchesTheAsyncApiContractAndTheCertificatesDetailsSchemas() throws Exception {
        io.capstan.model.contract.AsyncApiContract contract;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(Path.of(System.getProperty("capstan.repo.root", "../.."))
                .resolve("docs/asyncapi.yaml"))) {
            contract = io.capstan.model.contract.AsyncApiContract.load(in);
        }
        JsonNode schemas = contract.document().path("components").path("schemas");
        com.networknt.schema.JsonSchemaFactory f = com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V7);
        com.networknt.schema.JsonSchema certificate = f.getSchema(schemas.path("CertificatesCertificateDetails"));
        com.networknt.schema.JsonSchema component = f.getSchema(schemas.path("CertificatesComponentDetails"));
        List<TopicRecorder.Rec> ours = fleet.status.all().stream()
                .filter(r -> "/capstan/certificates".equals(r.headers().get("ce_source"))).toList();
        assertThat(ours).hasSizeGreaterThan(10);
        for (TopicRecorder.Rec r : ours) {
            contract.assertValid(io.capstan.model.Topics.STATUS, r.key(), r.headers(), r.value());
            if (r.value() == null) {
                continue;
            }
            StatusEvent e = Json.read(r.value(), StatusEvent.class);
            if (e.details() == null || Conditions.isTrue(e.conditions(), Conditions.FINALIZED)) {
                continue;
            }
            assertThat((e.subject() == null ? component : certificate).validate(e.details())).as(r.key()).isEmpty();
        }
    }

    @Test
    @Order(11)
    void deregistrationRemovesWhatCapstanCreatedKeepsTheSecretsAndTheTombstoneWithdrawsTheStatus() throws Exception {
        SandboxCluster c = cases();
        fleet.register(Fleet.event("cases", Infrastructure.STANDALONE, Json.MAPPER.readTree("""
                {"certificates": {"baseZone": "sandbox.capstan.test", "allowedDomains": ["example.test", "example.com"],
                  "issuers": [{"name": "sandbox-ca", "ca": {"secretName": "sandbox-ca"}}]}}"""), 2, true));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            StatusEvent comp = fleet.status("cases/certificates").orElseThrow();
            assertThat(Conditions.isTrue(comp.conditions(), Conditions.FINALIZED)).isTrue();
            assertThat(comp.observedGeneration()).isEqualTo(2);
        });
        try (KubernetesClient k = c.client()) {
            assertThat(k.genericKubernetesResources("cert-manager.io/v1", "CertificateRequest").inAnyNamespace().list().getItems()).isEmpty();
            assertThat(k.secrets().inNamespace("default").withName("mixed-case-tls").get()).isNotNull();
        }
        fleet.clusterDeleted("cases");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            // a tombstone is the latest record of each key (empty value)
            assertThat(fleet.status.latest("cases/certificates")).isNotNull().isEmpty();
            assertThat(fleet.status.latest("cases/certificates/Certificate/default/mixed-case")).isNotNull().isEmpty();
        });
    }

    @Test
    @Order(12)
    void noPrivateKeyNorKubeconfigTokenReachesTheLogOrTheStatusTopic() throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("token:\\s*\"?([A-Za-z0-9._-]+)").matcher(alpha.kubeconfig());
        assertThat(m.find()).isTrue();
        String token = m.group(1);
        String log = java.nio.file.Files.readString(Path.of("target/certificates-test.log"));
        assertThat(log).contains("issued").doesNotContain(token).doesNotContain("PRIVATE KEY");
        assertThat(fleet.status.all()).noneSatisfy(r -> assertThat(String.valueOf(r.value())).contains("PRIVATE KEY"));
        assertThat(fleet.status.all()).noneSatisfy(r -> assertThat(String.valueOf(r.value())).contains(token));
    }
}
