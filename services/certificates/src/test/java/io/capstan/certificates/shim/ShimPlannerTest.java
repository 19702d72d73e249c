package io.capstan.certificates.shim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.certificates.pki.Csrs;
import io.capstan.certificates.pki.IssuedCertificate;
import io.capstan.certificates.pki.KeySpec;
import io.capstan.certificates.pki.PrivateKeys;
import io.capstan.certificates.pki.Signer;
import io.capstan.certificates.pki.SigningAuthority;
import io.capstan.certificates.pki.TestCa;
import io.capstan.certificates.pki.Usage;
import io.capstan.certificates.renewal.ReissueDecision;
import io.capstan.certificates.renewal.ReissuePolicy;
import io.capstan.certificates.secret.DesiredSecret;
import io.capstan.certificates.secret.ObservedSecret;
import io.capstan.certificates.secret.SecretLayout;
import io.capstan.certificates.spec.CertificateParser;
import io.capstan.certificates.spec.IssuerRef;
import io.capstan.certificates.spec.RotationPolicy;
import io.capstan.certificates.spec.UpstreamFixtures;
import io.capstan.model.event.Json;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The ingress-shim and gateway-shim as a pure planner (no Quarkus, no cluster). */
class ShimPlannerTest {

    static JsonNode json(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JsonNode ingress(String name, String created, String annotations, String tls) {
        return json("{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"Ingress\",\"metadata\":{\"namespace\":\"shop\","
                + "\"name\":\"" + name + "\",\"uid\":\"uid-" + name + "\",\"creationTimestamp\":\"" + created + "\","
                + "\"annotations\":{" + annotations + "}},\"spec\":{\"tls\":" + tls + "}}");
    }

    static final String CA = "\"cert-manager.io/cluster-issuer\":\"fleet-ca\"";

    @Test
    void case3_oneSecretNameClaimedThriceGivesOneStableCertificateAndWarningsNamingTheDuplicate() {
        JsonNode a = ingress("a", "2026-11-29T10:00:00Z", CA, """
                [{"hosts":["a.example.test"],"secretName":"shared-tls"},{"hosts":["b.example.test"],"secretName":"shared-tls"}]""");
        JsonNode b = ingress("b", "2026-11-29T11:00:00Z", CA, """
                [{"hosts":["c.example.test"],"secretName":"shared-tls"}]""");

        // five passes in shuffled input order, the shim Certificate of the previous pass present in the cluster
        List<JsonNode> existing = new ArrayList<>();
        Random random = new Random(42);
        for (int pass = 0; pass < 5; pass++) {
            List<JsonNode> sources = new ArrayList<>(List.of(a, b));
            Collections.shuffle(sources, random);
            ShimPlan plan = ShimPlanner.plan(sources, existing);

            assertThat(plan.certificates()).as("pass " + pass).singleElement().satisfies(c -> {
                assertThat(c.name()).isEqualTo("shared-tls");
                assertThat(c.source().name()).isEqualTo("a");
                assertThat(c.spec().dnsNames()).containsExactly("a.example.test", "b.example.test");
            });
            assertThat(plan.warnings()).hasSize(2).anySatisfy(w -> {
                assertThat(w.source().name()).isEqualTo("b");
                assertThat(w.field()).isEqualTo("spec.tls[0].secretName");
                assertThat(w.message()).contains("duplicate", "shared-tls", "Ingress shop/a", "c.example.test");
            }).anySatisfy(w -> {
                assertThat(w.source().name()).isEqualTo("a");
                assertThat(w.field()).isEqualTo("spec.tls[1].secretName");
                assertThat(w.message()).contains("spec.tls[0]", "merged");
            });
            assertThat(plan.errors()).isEmpty();
            existing = List.of(plan.certificates().get(0).manifest());
        }
    }

    @Test
    void case3_atMostOneIssuanceInFivePasses() {
        JsonNode a = ingress("a", "2026-11-29T10:00:00Z", CA + ",\"cert-manager.io/private-key-algorithm\":\"ECDSA\"", """
                [{"hosts":["a.example.test"],"secretName":"shared-tls"},{"hosts":["b.example.test"],"secretName":"shared-tls"}]""");
        JsonNode b = ingress("b", "2026-11-29T11:00:00Z", CA, "[{\"hosts\":[\"c.example.test\"],\"secretName\":\"shared-tls\"}]");
        TestCa ca = TestCa.create(Instant.parse("2026-11-01T00:00:00Z"));
        SigningAuthority authority = SigningAuthority.of(List.of(ca.root.certificate()), ca.rootKeys);
        Instant now = Instant.parse("2026-11-29T12:00:00Z");
        ObservedSecret secret = null;
        List<JsonNode> existing = List.of();
        int issued = 0;
        for (int pass = 0; pass < 5; pass++) {
            List<JsonNode> sources = pass % 2 == 0 ? List.of(a, b) : List.of(b, a);
            ShimPlan plan = ShimPlanner.plan(sources, existing);
            DesiredCertificate c = plan.certificates().get(0);
            existing = List.of(c.manifest());
            var parsed = CertificateParser.parse(c.manifest());
            ReissueDecision d = ReissuePolicy.decide(parsed.name(), parsed.spec(), secret, now.plusSeconds(pass), null);
            if (d instanceof ReissueDecision.Issue) {
                issued++;
                KeyPair keys = PrivateKeys.generate(parsed.spec().privateKey().key());
                IssuedCertificate cert = Signer.sign(Csrs.build(parsed.spec().csrSpec(), keys), authority,
                        parsed.spec().duration(), now);
                DesiredSecret s = SecretLayout.render(parsed.name(), parsed.spec(), cert, keys.getPrivate(), Map.of());
                secret = new ObservedSecret(s.name(), s.type(), s.labels(), s.annotations(), s.text("tls.crt"),
                        s.text("tls.key"), s.text("ca.crt"));
            }
        }
        assertThat(issued).isEqualTo(1);
    }

    @Test
    void annotationsBecomeTheCertificateSpec() {
        JsonNode ing = ingress("web", "2026-11-29T10:00:00Z", """
                "cert-manager.io/issuer":"vault","cert-manager.io/issuer-kind":"VaultIssuer",
                "cert-manager.io/issuer-group":"vault.example.com","cert-manager.io/common-name":"Web.Example.Test",
                "cert-manager.io/duration":"48h","cert-manager.io/renew-before":"12h",
                "cert-manager.io/private-key-algorithm":"ECDSA","cert-manager.io/private-key-size":"384",
                "cert-manager.io/private-key-rotation-policy":"Never","cert-manager.io/usages":"server auth, client auth"
                """, "[{\"hosts\":[\"web.example.test\",\"*.web.example.test\"],\"secretName\":\"web-tls\"}]");
        DesiredCertificate c = ShimPlanner.plan(List.of(ing), List.of()).certificates().get(0);
        var s = c.spec();
        assertThat(s.issuerRef()).isEqualTo(new IssuerRef("vault", "VaultIssuer", "vault.example.com"));
        assertThat(s.commonName()).isEqualTo("web.example.test");
        assertThat(s.duration()).isEqualTo(Duration.ofHours(48));
        assertThat(s.renewBefore()).isEqualTo(Duration.ofHours(12));
        assertThat(s.privateKey().key()).isEqualTo(KeySpec.ECDSA_P384);
        assertThat(s.privateKey().rotationPolicy()).isEqualTo(RotationPolicy.NEVER);
        assertThat(s.usages()).containsExactly(Usage.SERVER_AUTH, Usage.CLIENT_AUTH);
        assertThat(s.dnsNames()).containsExactly("web.example.test", "*.web.example.test");

        ObjectNode m = c.manifest();
        assertThat(m.path("apiVersion").asText()).isEqualTo("cert-manager.io/v1");
        assertThat(m.path("metadata").path("name").asText()).isEqualTo("web-tls");
        assertThat(m.path("metadata").path("namespace").asText()).isEqualTo("shop");
        assertThat(m.path("metadata").path("labels").path("app.kubernetes.io/managed-by").asText()).isEqualTo("capstan");
        assertThat(m.path("metadata").path("annotations").path("capstan.io/shim-source").asText()).isEqualTo("Ingress/web");
        JsonNode owner = m.path("metadata").path("ownerReferences").get(0);
        assertThat(owner.path("kind").asText()).isEqualTo("Ingress");
        assertThat(owner.path("uid").asText()).isEqualTo("uid-web");
        assertThat(owner.path("controller").asBoolean()).isTrue();
        assertThat(ShimPlanner.isShimCertificate(m)).isTrue();
        // the manifest parses back to the same spec
        assertThat(CertificateParser.parse(m).spec()).isEqualTo(s);
    }

    @Test
    void badAnnotationValuesAreErrorsNamingTheAnnotationAndMakeNoCertificate() {
        record Row(String annotations, String field, String message) {
        }
        List<Row> rows = List.of(
                new Row(CA + ",\"cert-manager.io/duration\":\"30m\"", "metadata.annotations[cert-manager.io/duration]",
                        "certificate duration must be greater than 1h0m0s"),
                new Row(CA + ",\"cert-manager.io/duration\":\"24h\",\"cert-manager.io/renew-before\":\"25h\"",
                        "metadata.annotations[cert-manager.io/renew-before]", "must be greater than renewBefore 25h0m0s"),
                new Row(CA + ",\"cert-manager.io/private-key-size\":\"big\"", "metadata.annotations[cert-manager.io/private-key-size]",
                        "must be an integer"),
                new Row(CA + ",\"cert-manager.io/private-key-algorithm\":\"DSA\"",
                        "metadata.annotations[cert-manager.io/private-key-algorithm]", "must be either empty or one of rsa"),
                new Row(CA + ",\"cert-manager.io/usages\":\"server auth,teleport\"", "metadata.annotations[cert-manager.io/usages]",
                        "unknown keyusage"),
                new Row(CA + ",\"cert-manager.io/issuer\":\"other\"", "metadata.annotations[cert-manager.io/cluster-issuer]",
                        "may not be set"));
        for (Row r : rows) {
            ShimPlan plan = ShimPlanner.plan(List.of(ingress("x", "2026-11-29T10:00:00Z", r.annotations(),
                    "[{\"hosts\":[\"x.example.test\"],\"secretName\":\"x-tls\"}]")), List.of());
            assertThat(plan.certificates()).as(r.annotations()).isEmpty();
            assertThat(plan.errors()).as(r.annotations()).anySatisfy(e -> {
                assertThat(e.field()).isEqualTo(r.field());
                assertThat(e.message()).contains(r.message());
            });
        }
    }

    @Test
    void badHostsAndEntriesAreErrorsNamingTheirField() {
        ShimPlan plan = ShimPlanner.plan(List.of(ingress("x", "2026-11-29T10:00:00Z", CA, """
                [{"hosts":["ok.example.test","a.*.example.test"],"secretName":"bad-tls"},
                 {"hosts":[],"secretName":"empty-tls"},{"hosts":["y.example.test"]},
                 {"hosts":["z.example.test"],"secretName":"z-tls"}]""")), List.of());
        assertThat(plan.certificates()).extracting(DesiredCertificate::name).containsExactly("z-tls");
        assertThat(plan.errors()).extracting(ShimIssue::field)
                .containsExactlyInAnyOrder("spec.tls[0].hosts[1]", "spec.tls[1].hosts", "spec.tls[2].secretName");
    }

    @Test
    void objectsWithoutIssuerAnnotationsAreIgnoredAndTlsAcmeAloneIsExplained() {
        ShimPlan plan = ShimPlanner.plan(List.of(
                ingress("plain", "2026-11-29T10:00:00Z", "", "[{\"hosts\":[\"p.example.test\"],\"secretName\":\"p-tls\"}]"),
                ingress("acme", "2026-11-29T10:00:00Z", "\"kubernetes.io/tls-acme\":\"true\"",
                        "[{\"hosts\":[\"q.example.test\"],\"secretName\":\"q-tls\"}]")), List.of());
        assertThat(plan.certificates()).isEmpty();
        assertThat(plan.warnings()).singleElement().satisfies(w -> assertThat(w.message()).contains("default issuer"));
    }

    @Test
    void aUsersOwnCertificateForTheSecretIsLeftAlone() {
        JsonNode user = json("{\"apiVersion\":\"cert-manager.io/v1\",\"kind\":\"Certificate\",\"metadata\":{\"namespace\":\"shop\","
                + "\"name\":\"mine\"},\"spec\":{\"secretName\":\"web-tls\"}}");
        ShimPlan plan = ShimPlanner.plan(List.of(ingress("web", "2026-11-29T10:00:00Z", CA,
                "[{\"hosts\":[\"web.example.test\"],\"secretName\":\"web-tls\"}]")), List.of(user));
        assertThat(plan.certificates()).isEmpty();
        assertThat(plan.warnings()).singleElement().satisfies(w -> assertThat(w.message()).contains("Certificate shop/mine", "left alone"));
    }

    @Test
    void theCurrentOwnerOfAShimCertificateKeepsIt() {
        JsonNode older = ingress("older", "2026-11-29T09:00:00Z", CA, "[{\"hosts\":[\"o.example.test\"],\"secretName\":\"s-tls\"}]");
        JsonNode owner = ingress("owner", "2026-11-29T10:00:00Z", CA, "[{\"hosts\":[\"w.example.test\"],\"secretName\":\"s-tls\"}]");
        JsonNode existing = json("{\"apiVersion\":\"cert-manager.io/v1\",\"kind\":\"Certificate\",\"metadata\":{\"namespace\":\"shop\","
                + "\"name\":\"s-tls\",\"labels\":{\"app.kubernetes.io/managed-by\":\"capstan\"},"
                + "\"annotations\":{\"capstan.io/shim-source\":\"Ingress/owner\"}},\"spec\":{\"secretName\":\"s-tls\"}}");
        assertThat(ShimPlanner.plan(List.of(older, owner), List.of(existing)).certificates())
                .singleElement().satisfies(c -> assertThat(c.source().name()).isEqualTo("owner"));
        assertThat(ShimPlanner.plan(List.of(owner, older), List.of()).certificates())
                .singleElement().satisfies(c -> assertThat(c.source().name()).isEqualTo("older"));
    }

    @Test
    void gatewayListenersGiveOneCertificatePerSecretWithTheirHostnames() {
        JsonNode gw = json("""
                {"apiVersion":"gateway.networking.k8s.io/v1","kind":"Gateway","metadata":{"namespace":"edge","name":"gw",
                 "uid":"g1","annotations":{"cert-manager.io/cluster-issuer":"fleet-ca"}},
                 "spec":{"gatewayClassName":"x","listeners":[
                  {"name":"a","hostname":"a.example.test","port":443,"protocol":"HTTPS","tls":{"certificateRefs":[{"name":"ab-tls"}]}},
                  {"name":"b","hostname":"b.example.test","port":443,"protocol":"HTTPS","tls":{"mode":"Terminate","certificateRefs":[{"kind":"Secret","group":"","name":"ab-tls"}]}},
                  {"name":"p","hostname":"p.example.test","port":443,"protocol":"TLS","tls":{"mode":"Passthrough"}},
                  {"name":"x","hostname":"x.example.test","port":443,"protocol":"HTTPS","tls":{"certificateRefs":[{"name":"x-tls","namespace":"other"}]}},
                  {"name":"n","port":443,"protocol":"HTTPS","tls":{"certificateRefs":[{"name":"n-tls"}]}},
                  {"name":"h","port":80,"protocol":"HTTP"}]}}""");
        ShimPlan plan = ShimPlanner.plan(List.of(gw), List.of());
        assertThat(plan.certificates()).singleElement().satisfies(c -> {
            assertThat(c.namespace()).isEqualTo("edge");
            assertThat(c.name()).isEqualTo("ab-tls");
            assertThat(c.spec().dnsNames()).containsExactly("a.example.test", "b.example.test");
            assertThat(c.spec().issuerRef()).isEqualTo(IssuerRef.clusterIssuer("fleet-ca"));
            assertThat(c.manifest().path("metadata").path("ownerReferences").get(0).path("apiVersion").asText())
                    .isEqualTo("gateway.networking.k8s.io/v1");
        });
        assertThat(plan.warnings()).singleElement().satisfies(w -> assertThat(w.message()).contains("namespace other"));
        assertThat(plan.errors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("spec.listeners[4].hostname"));
    }

    @Test
    void fixtures_ingressesAndGatewayOfTheCertManagerDocs() {
        JsonNode acme = UpstreamFixtures.read("cert-manager/content/docs/tutorials/acme/example/ingress-tls-final.yaml").get(0);
        JsonNode defaults = UpstreamFixtures.read("cert-manager/public/docs/tutorials/certificate-defaults/ingress.yaml").get(0);
        JsonNode gateway = UpstreamFixtures.read("cert-manager/content/docs/usage/gateway.md.L104-L123.yaml").get(0);
        ShimPlan plan = ShimPlanner.plan(List.of(acme, defaults, gateway), List.of());
        assertThat(plan.errors()).isEmpty();
        assertThat(plan.certificates()).extracting(c -> c.namespace() + "/" + c.name() + " " + c.spec().issuerRef().kind()
                + "/" + c.spec().issuerRef().name() + " " + c.spec().dnsNames()).containsExactly(
                "default/defaults-example-certificate-tls ClusterIssuer/our-corp-issuer [app.example.com]",
                "default/example-com-tls Issuer/foo [example.com]",
                "default/quickstart-example-tls Issuer/letsencrypt-prod [example.example.com]");
    }

    /**
     * The edge Gateway of Capstan's gateways service (producer io.capstan.gateways.edge.EdgePlanner, shape in
     * services/gateways/EDGE.md) exactly as the cluster watcher put it on capstan.resources in a ./capstan up run
     * (status written by the sandbox's gateway stand-in), beside the demo's own Certificate for the same host: one
     * Certificate per listener certificateRef, named after the Secret, in the Gateway's namespace.
     */
    @Test
    void theEdgeGatewayOfTheGatewaysServiceGivesOneCertificatePerListenerSecret() {
        JsonNode edge = json("""
                {"apiVersion":"gateway.networking.k8s.io/v1","kind":"Gateway","metadata":{"annotations":{
                 "capstan.io/owner":"gateways","capstan.io/cluster":"alpha","cert-manager.io/cluster-issuer":"sandbox-ca"},
                 "creationTimestamp":"2026-11-29T17:10:18Z","generation":1,
                 "labels":{"app.kubernetes.io/managed-by":"capstan-gateways"},"name":"edge","namespace":"capstan-gateways",
                 "resourceVersion":"48","uid":"00000000-0000-0000-0000-00000000011d"},
                 "spec":{"gatewayClassName":"capstan-edge","listeners":[
                  {"name":"http","protocol":"HTTP","port":80,"allowedRoutes":{"namespaces":{"from":"All"}}},
                  {"name":"https-portal.alpha.sandbox.capstan.test","hostname":"portal.alpha.sandbox.capstan.test",
                   "protocol":"HTTPS","port":443,"allowedRoutes":{"namespaces":{"from":"All"}},
                   "tls":{"mode":"Terminate","certificateRefs":[
                    {"group":"","kind":"Secret","name":"edge-portal.alpha.sandbox.capstan.test"}]}}]},
                 "status":{"conditions":[{"type":"Accepted","status":"True","reason":"Accepted","observedGeneration":1,
                   "lastTransitionTime":"2026-11-29T17:10:20Z"},{"type":"Programmed","status":"True",
                   "reason":"Programmed","observedGeneration":1,"lastTransitionTime":"2026-11-29T17:10:21Z"}],
                  "addresses":[{"type":"IPAddress","value":"192.0.2.65"}]}}""");
        JsonNode demo = json("""
                {"apiVersion":"cert-manager.io/v1","kind":"Certificate","metadata":{"name":"portal",
                 "namespace":"research-portal"},"spec":{"secretName":"portal-tls",
                 "dnsNames":["portal.alpha.sandbox.capstan.test"],
                 "issuerRef":{"group":"cert-manager.io","kind":"ClusterIssuer","name":"sandbox-ca"}}}""");
        ShimPlan plan = ShimPlanner.plan(List.of(edge), List.of(demo));
        assertThat(plan.errors()).isEmpty();
        assertThat(plan.warnings()).isEmpty();
        assertThat(plan.certificates()).hasSize(1);
        DesiredCertificate d = plan.certificates().get(0);
        assertThat(d.namespace()).isEqualTo("capstan-gateways");
        assertThat(d.name()).isEqualTo("edge-portal.alpha.sandbox.capstan.test");
        assertThat(d.spec().secretName()).isEqualTo("edge-portal.alpha.sandbox.capstan.test");
        assertThat(d.spec().dnsNames()).containsExactly("portal.alpha.sandbox.capstan.test");
        assertThat(d.spec().issuerRef()).isEqualTo(new IssuerRef("sandbox-ca", "ClusterIssuer", IssuerRef.CERT_MANAGER_GROUP));
        assertThat(d.manifest().at("/metadata/ownerReferences/0/uid").asText()).isEqualTo("00000000-0000-0000-0000-00000000011d");
    }
}
