package io.capstan.certificates.scenario;

import io.capstan.certificates.pki.Pem;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.Conditions;
import io.capstan.model.status.StatusEvent;
import io.capstan.sandbox.junit.SandboxCluster;
import io.capstan.sandbox.junit.SandboxResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The edge Gateway that Capstan's gateways service writes in every cluster (producer:
 * {@code io.capstan.gateways.edge.EdgePlanner#plan}, written by {@code EdgeReconciler}; shape documented in
 * services/gateways/EDGE.md), fed unchanged through the gateway-shim: one Certificate per listener certificateRef,
 * issued by the fleet CA into Secret {@code edge-<hostname>} in the Gateway's namespace {@code capstan-gateways}.
 */
@QuarkusTest
@QuarkusTestResource(SandboxResource.class)
class EdgeGatewayShimTest {

    static final String CLUSTER = "edgeshim";
    static final String HOST = "portal." + CLUSTER + ".sandbox.capstan.test";

    /**
     * A JSON copy of {@code EdgePlanner.plan("edgeshim", <sandbox edge profile>, lb, [HTTPRoute research-portal/portal
     * naming capstan-gateways/edge with hostname HOST])}.gateway(), field for field (the certificates module does not
     * depend on the gateways module).
     */
    static final String EDGE_GATEWAY = """
            {"apiVersion":"gateway.networking.k8s.io/v1","kind":"Gateway",
             "metadata":{"name":"edge","namespace":"capstan-gateways",
               "labels":{"app.kubernetes.io/managed-by":"capstan-gateways"},
               "annotations":{"capstan.io/owner":"gateways","capstan.io/cluster":"edgeshim",
                              "cert-manager.io/cluster-issuer":"sandbox-ca"}},
             "spec":{"gatewayClassName":"capstan-edge","listeners":[
               {"name":"http","protocol":"HTTP","port":80,"allowedRoutes":{"namespaces":{"from":"All"}}},
               {"name":"https-HOST","hostname":"HOST","protocol":"HTTPS","port":443,
                "allowedRoutes":{"namespaces":{"from":"All"}},
                "tls":{"mode":"Terminate","certificateRefs":[{"group":"","kind":"Secret","name":"edge-HOST"}]}}]}}
            """.replace("HOST", HOST);

    static Fleet fleet;
    static SandboxCluster c;
    static TestPki pki;

    @BeforeAll
    static void start() {
        fleet = new Fleet();
        pki = new TestPki("edge fleet");
        fleet.managementSecret("sandbox-ca", "kubernetes.io/tls", pki.caSecretData());
        c = fleet.cluster(CLUSTER);
        fleet.register(Fleet.event(CLUSTER, Infrastructure.STANDALONE, Fleet.sandboxProfile("sandbox.json"), 1, false));
    }

    @AfterAll
    static void stop() {
        fleet.close();
    }

    @Test
    void theEdgeGatewayOfTheGatewaysServiceGetsOneIssuedCertificatePerListenerSecret() throws Exception {
        fleet.apply(c, EDGE_GATEWAY);
        // the edge's LoadBalancer Service with its address: the sandbox's gateway stand-in then writes the Gateway's
        // status (addresses, Accepted, Programmed) as a gateway controller would, as in ./capstan up
        try (KubernetesClient k = c.client()) {
            io.fabric8.kubernetes.api.model.Service svc = k.services().inNamespace("capstan-gateways").resource(
                    new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewMetadata().withName("edge-capstan-edge")
                            .withNamespace("capstan-gateways").addToLabels("gateway.networking.k8s.io/gateway-name", "edge")
                            .endMetadata().withNewSpec().withType("LoadBalancer")
                            .addToSelector("gateway.networking.k8s.io/gateway-name", "edge")
                            .addNewPort().withName("https").withPort(443).withProtocol("TCP").endPort().endSpec().build())
                    .create();
            svc.setStatus(new io.fabric8.kubernetes.api.model.ServiceStatusBuilder().withNewLoadBalancer()
                    .addNewIngress().withIp("192.0.2.65").endIngress().endLoadBalancer().build());
            k.services().inNamespace("capstan-gateways").resource(svc).updateStatus();
        }
        String secretName = "edge-" + HOST;
        String key = CLUSTER + "/certificates/Certificate/capstan-gateways/" + secretName;
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            StatusEvent e = fleet.status(key).orElse(null);
            assertThat(e).as(key + " on capstan.status").isNotNull();
            Condition r = Conditions.find(e.conditions(), Conditions.READY).orElseThrow();
            assertThat(r.status()).as(r.reason() + ": " + r.message()).isEqualTo(ConditionStatus.True);
        });
        Secret s;
        try (KubernetesClient k = c.client()) {
            s = k.secrets().inNamespace("capstan-gateways").withName(secretName).get();
        }
        assertThat(s).as("Secret capstan-gateways/" + secretName).isNotNull();
        assertThat(s.getType()).isEqualTo("kubernetes.io/tls");
        String crt = new String(Base64.getDecoder().decode(s.getData().get("tls.crt")), StandardCharsets.US_ASCII);
        String ca = new String(Base64.getDecoder().decode(s.getData().get("ca.crt")), StandardCharsets.US_ASCII);
        assertThat(Pem.parseCertificates(crt).get(0).getSubjectAlternativeNames())
                .anySatisfy(san -> assertThat(san.get(1)).isEqualTo(HOST));
        assertThat(TestPki.opensslVerify(crt, ca, Path.of("target/openssl/edge-gateway"))).contains("OK");
    }
}
