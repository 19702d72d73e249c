package io.capstan.certificates.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.certificates.pki.Pem;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.Conditions;
import io.capstan.model.status.StatusEvent;
import io.capstan.sandbox.junit.SandboxCluster;
import io.capstan.sandbox.junit.SandboxResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The upstream cert-manager and Istio manifests (../shared/fixtures/upstream), applied unchanged to a sandbox cluster
 * whose profile is the sandbox one (fleet CA sandbox-ca; names in fixtures.sandbox.capstan.test and example.com/.net/.org
 * allowed): each gives the right Secret (its chain verified by {@code openssl verify} against the issuer's root) or
 * a clear refusal on the Certificate's status and on capstan.status. Also the case 3 (one secretName claimed
 * by several TLS entries and Ingresses).
 */
@QuarkusTest
@QuarkusTestResource(SandboxResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpstreamFixturesTest {

    static Fleet fleet;
    static SandboxCluster c;
    static final String CLUSTER = "fixtures";

    @BeforeAll
    static void start() {
        fleet = new Fleet();
        fleet.managementSecret("sandbox-ca", "kubernetes.io/tls", new TestPki("fixtures fleet").caSecretData());
        c = fleet.cluster(CLUSTER);
        fleet.register(Fleet.event(CLUSTER, Infrastructure.STANDALONE, Fleet.sandboxProfile("sandbox.json"), 1, false));
    }

    @AfterAll
    static void stop() {
        fleet.close();
    }

    static Path fixture(String rel) {
        return Fleet.fixtures().resolve(rel);
    }

    static Condition awaitReady(String apiNs, String name, ConditionStatus status) {
        String key = CLUSTER + "/certificates/Certificate/" + apiNs + "/" + name;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            StatusEvent e = fleet.status(key).orElse(null);
            assertThat(e).as(key).isNotNull();
            Condition r = Conditions.find(e.conditions(), Conditions.READY).orElseThrow();
            assertThat(r.status()).as(r.reason() + ": " + r.message()).isEqualTo(status);
        });
        return Conditions.find(fleet.status(key).orElseThrow().conditions(), Conditions.READY).orElseThrow();
    }

    static String readString(Path p) {
        try {
            return java.nio.file.Files.readString(p);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Secret secret(String ns, String name) {
        try (KubernetesClient k = c.client()) {
            return k.secrets().inNamespace(ns).withName(name).get();
        }
    }

    static String data(Secret s, String key) {
        return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.US_ASCII);
    }

    @Test
    @Order(1)
    void theIstioCsrIssuersGiveASelfSignedRootThatAClusterIssuerSignsWith() throws Exception {
        fleet.applyFile(c, fixture("cert-manager/content/docs/usage/istio-csr/example/example-cluster-issuer.yaml"), null);
        Condition root = awaitReady("cert-manager", "istio-ca", ConditionStatus.True);
        assertThat(root.reason()).isEqualTo("Ready");
        Secret ca = secret("cert-manager", "istio-ca");
        X509Certificate rootCert = Pem.parseCertificates(data(ca, "tls.crt")).get(0);
        assertThat(rootCert.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        // a workload certificate from the istio-ca ClusterIssuer (CA Secret read in the cluster resource namespace)
        fleet.apply(c, """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: mesh-workload, namespace: default}
                spec:
                  secretName: mesh-workload-tls
                  dnsNames: [mesh.fixtures.sandbox.capstan.test]
                  issuerRef: {name: istio-ca, kind: ClusterIssuer, group: cert-manager.io}
                """);
        awaitReady("default", "mesh-workload", ConditionStatus.True);
        Secret leaf = secret("default", "mesh-workload-tls");
        assertThat(Pem.parseCertificates(data(leaf, "ca.crt"))).containsExactly(rootCert);
        assertThat(TestPki.opensslVerify(data(leaf, "tls.crt"), data(leaf, "ca.crt"), Path.of("target/openssl/istio-csr"))).contains("OK");
    }

    @Test
    @Order(2)
    void theCertificateWithEveryFieldIsRefusedNamingItsFeatureGatedField() throws Exception {
        TestPki local = new TestPki("ca-issuer");
        try (KubernetesClient k = c.client()) {
            k.secrets().inNamespace("sandbox").resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
                    .withName("ca-issuer-key-pair").withNamespace("sandbox").endMetadata().withType("kubernetes.io/tls")
                    .addToData("tls.crt", Base64.getEncoder().encodeToString(TestPki.bytes(local.intermediatePem())))
                    .addToData("tls.key", Base64.getEncoder().encodeToString(TestPki.bytes(local.intermediateKeyPem())))
                    .addToData("ca.crt", Base64.getEncoder().encodeToString(TestPki.bytes(local.rootPem())))
                    .build()).create();
        }
        fleet.apply(c, """
                apiVersion: cert-manager.io/v1
                kind: Issuer
                metadata: {name: ca-issuer, namespace: sandbox}
                spec:
                  ca: {secretName: ca-issuer-key-pair}
                """);
        fleet.applyFile(c, fixture("cert-manager/content/docs/usage/certificate.md.L40-L124.yaml"), null);
        StatusEvent e = await().atMost(Duration.ofSeconds(60)).until(
                () -> fleet.status(CLUSTER + "/certificates/Certificate/sandbox/example-com").orElse(null), x -> x != null);
        Condition r = Conditions.find(e.conditions(), Conditions.READY).orElseThrow();
        // the example sets spec.otherNames, an alpha field behind a cert-manager feature gate: refused naming it
        assertThat(r.status()).isEqualTo(ConditionStatus.False);
        assertThat(r.reason()).isEqualTo("InvalidSpec");
        assertThat(r.message()).contains("spec.otherNames");
        assertThat(secret("sandbox", "example-com-tls")).isNull();
    }

    @Test
    @Order(3)
    void shimsOfTheUpstreamIngressesAndGatewayMakeCertificatesAndRefuseClearly() {
        fleet.applyFile(c, fixture("cert-manager/public/docs/tutorials/certificate-defaults/ingress.yaml"), "default");
        fleet.applyFile(c, fixture("cert-manager/content/docs/usage/gateway.md.L104-L123.yaml"), "default");
        fleet.applyFile(c, fixture("cert-manager/content/docs/tutorials/acme/example/production-issuer.yaml"), "default");
        fleet.applyFile(c, fixture("cert-manager/content/docs/tutorials/acme/example/ingress-tls-final.yaml"), "default");
        // Ingress with cluster-issuer our-corp-issuer: not a fleet issuer, not a ClusterIssuer of the cluster
        assertThat(awaitReady("default", "defaults-example-certificate-tls", ConditionStatus.False).reason()).isEqualTo("IssuerNotFound");
        // Gateway with issuer foo (namespaced Issuer that does not exist)
        assertThat(awaitReady("default", "example-com-tls", ConditionStatus.False).reason()).isEqualTo("IssuerNotFound");
        // Ingress with the in-cluster ACME Issuer letsencrypt-prod: ACME accounts live in the management plane
        Condition acme = awaitReady("default", "quickstart-example-tls", ConditionStatus.False);
        assertThat(acme.reason()).isEqualTo("IssuerNotSupported");
        assertThat(acme.message()).contains("fleet ACME issuer");
        try (KubernetesClient k = c.client()) {
            GenericKubernetesResource shim = k.genericKubernetesResources("cert-manager.io/v1", "Certificate")
                    .inNamespace("default").withName("defaults-example-certificate-tls").get();
            JsonNode spec = io.capstan.model.event.Json.MAPPER.valueToTree(shim.getAdditionalProperties().get("spec"));
            assertThat(spec.path("dnsNames").get(0).asText()).isEqualTo("app.example.com");
            assertThat(spec.path("issuerRef").path("kind").asText()).isEqualTo("ClusterIssuer");
        }
    }

    @Test
    @Order(4)
    void theGettingStartedManifestsWithShellPlaceholdersAreRefusedNamingTheField() {
        fleet.applyFile(c, fixture("cert-manager/public/docs/tutorials/getting-started-aks-letsencrypt/clusterissuer-lets-encrypt-staging.yaml"), null);
        fleet.applyFile(c, fixture("cert-manager/public/docs/tutorials/getting-started-aws-letsencrypt/clusterissuer-lets-encrypt-production.yaml"), null);
        fleet.applyFile(c, fixture("cert-manager/public/docs/tutorials/getting-started-aks-letsencrypt/certificate.yaml"), "default");
        Condition r = awaitReady("default", "www", ConditionStatus.False);
        assertThat(r.reason()).isEqualTo("InvalidSpec");
        assertThat(r.message()).contains("dnsNames");
    }

    @Test
    @Order(5)
    void theOldBookinfoCertificateApiIsRefusedWithWhatToDo() {
        try (KubernetesClient k = c.client()) {
            for (String kind : List.of("Certificate")) {
                String plural = kind.toLowerCase() + "s";
                k.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                        .withNewMetadata().withName(plural + ".certmanager.k8s.io").endMetadata()
                        .withNewSpec().withGroup("certmanager.k8s.io").withScope(kind.equals("Certificate") ? "Namespaced" : "Cluster")
                        .withNewNames().withKind(kind).withPlural(plural).withSingular(kind.toLowerCase()).endNames()
                        .addNewVersion().withName("v1alpha1").withServed(true).withStorage(true)
                        .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                        .endOpenAPIV3Schema().endSchema().endVersion().endSpec().build()).createOr(x -> x.update());
            }
        }
        // the file's Certificate (its ClusterIssuer, an old-API ACME http01 issuer, is not applied: the sandbox mock did
        // not answer a POST of a cluster-scoped custom resource whose CRD was created at runtime)
        String certificateDoc = java.util.Arrays.stream(readString(fixture("istio/samples/bookinfo/platform/kube/bookinfo-certificate.yaml"))
                .split("(?m)^---\\s*$")).filter(d -> d.contains("kind: Certificate")).findFirst().orElseThrow();
        fleet.apply(c, certificateDoc);
        Condition r = awaitReady("istio-system", "istio-ingressgateway-certs", ConditionStatus.False);
        assertThat(r.reason()).isEqualTo("UnsupportedApiVersion");
        assertThat(r.message()).contains("cert-manager.io/v1");
        assertThat(secret("istio-system", "istio-ingressgateway-certs")).isNull();
    }

    @Test
    @Order(6)
    void case3OneSecretNameClaimedTwiceGivesOneCertificateOneRequestAndAWarningNamingTheDuplicate() {
        fleet.apply(c, """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: first
                  namespace: shop
                  annotations: {cert-manager.io/cluster-issuer: sandbox-ca}
                spec:
                  tls:
                  - hosts: [a.fixtures.sandbox.capstan.test]
                    secretName: shared-tls
                  - hosts: [b.fixtures.sandbox.capstan.test]
                    secretName: shared-tls
                  rules:
                  - host: a.fixtures.sandbox.capstan.test
                """);
        fleet.apply(c, """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: second
                  namespace: shop
                  annotations: {cert-manager.io/cluster-issuer: sandbox-ca}
                spec:
                  tls:
                  - hosts: [c.fixtures.sandbox.capstan.test]
                    secretName: shared-tls
                """);
        awaitReady("shop", "shared-tls", ConditionStatus.True);
        // five more passes, woken by events of both Ingresses
        try (KubernetesClient k = c.client()) {
            for (int i = 0; i < 5; i++) {
                for (String n : List.of("first", "second")) {
                    fleet.resourceChanged(CLUSTER, k.network().v1().ingresses().inNamespace("shop").withName(n).get());
                }
            }
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            StatusEvent comp = fleet.status(CLUSTER + "/certificates").orElseThrow();
            assertThat(comp.details().path("shimWarnings").toString()).contains("second").contains("shared-tls");
        });
        try (KubernetesClient k = c.client()) {
            List<GenericKubernetesResource> certs = k.genericKubernetesResources("cert-manager.io/v1", "Certificate")
                    .inNamespace("shop").list().getItems();
            assertThat(certs).hasSize(1);
            JsonNode spec = io.capstan.model.event.Json.MAPPER.valueToTree(certs.get(0).getAdditionalProperties().get("spec"));
            assertThat(spec.path("dnsNames").toString()).contains("a.fixtures").contains("b.fixtures").doesNotContain("c.fixtures");
            assertThat(k.genericKubernetesResources("cert-manager.io/v1", "CertificateRequest").inNamespace("shop").list().getItems())
                    .hasSize(1);
        }
    }
}
