package io.capstan.sandbox.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.sandbox.kube.CapstanCrds;
import io.capstan.sandbox.kube.KubeCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox's stand-in for the gateway controller, against a sandbox API server (fabric8 mock in CRUD mode with
 * the Gateway API CRDs): the edge Service's load-balancer address reaches the Gateway's status.addresses.
 */
class GatewayStandInTest {

    @TempDir
    Path dir;
    private KubeCluster cluster;
    private GatewayStandIn standIn;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        cluster = new KubeCluster("gw", dir.resolve("kubeconfig"), 0, "default");
        cluster.start();
        cluster.createNamespace("default");
        cluster.createNamespace("capstan-gateway");
        for (Map<String, Object> crd : CapstanCrds.all()) {
            cluster.create("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd);
        }
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(cluster.url()).withNamespace("default").build();
        client = new KubernetesClientBuilder().withConfig(config).build();
        standIn = new GatewayStandIn("gw", cluster.url(), Clock.systemUTC());
        standIn.start();
    }

    @AfterEach
    void stop() {
        standIn.close();
        client.close();
        cluster.stop();
    }

    private GenericKubernetesResource gateway(String name) {
        return new GenericKubernetesResourceBuilder().withApiVersion("gateway.networking.k8s.io/v1")
            .withKind("Gateway").withNewMetadata().withName(name).withNamespace("capstan-gateway").endMetadata()
            .addToAdditionalProperties("spec", Map.of("gatewayClassName", "capstan-edge",
                "listeners", List.of(Map.of("name", "http", "protocol", "HTTP", "port", 80))))
            .build();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> status(String name) {
        GenericKubernetesResource gw = client.genericKubernetesResources(GatewayStandIn.GATEWAYS)
            .inNamespace("capstan-gateway").withName(name).get();
        Object s = gw.getAdditionalProperties().get("status");
        return s instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @Test
    void theServiceLoadBalancerAddressIsCopiedIntoTheGatewayStatusAndAGatewayWithoutServiceIsLeftAlone() {
        client.genericKubernetesResources(GatewayStandIn.GATEWAYS).inNamespace("capstan-gateway")
            .resource(gateway("edge")).create();
        client.genericKubernetesResources(GatewayStandIn.GATEWAYS).inNamespace("capstan-gateway")
            .resource(gateway("lonely")).create();
        Service svc = client.services().inNamespace("capstan-gateway").resource(new ServiceBuilder()
            .withNewMetadata().withName("edge-capstan-edge").withNamespace("capstan-gateway")
            .addToLabels(GatewayStandIn.GATEWAY_NAME_LABEL, "edge").endMetadata()
            .withNewSpec().withType("LoadBalancer").addNewPort().withName("http").withPort(80).endPort().endSpec()
            .build()).create();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(conditions("edge"))
            .anySatisfy(c -> assertThat(c).containsEntry("type", "Programmed").containsEntry("status", "False")
                .containsEntry("reason", "AddressNotAssigned")));

        svc.setStatus(new io.fabric8.kubernetes.api.model.ServiceStatusBuilder().withNewLoadBalancer()
            .addNewIngress().withIp("192.0.2.10").endIngress().addNewIngress().withHostname("lb.example.net")
            .endIngress().endLoadBalancer().build());
        client.services().inNamespace("capstan-gateway").resource(svc).updateStatus();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(status("edge").get("addresses")).isEqualTo(List.of(
                Map.of("type", "IPAddress", "value", "192.0.2.10"),
                Map.of("type", "Hostname", "value", "lb.example.net")));
            assertThat(conditions("edge")).anySatisfy(c -> assertThat(c).containsEntry("type", "Programmed")
                .containsEntry("status", "True"));
            assertThat(conditions("edge")).anySatisfy(c -> assertThat(c).containsEntry("type", "Accepted")
                .containsEntry("status", "True"));
        });
        assertThat(status("lonely")).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> conditions(String name) {
        Object c = status(name).get("conditions");
        return c instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    @Test
    void theDesiredStatusKeepsTransitionTimesAndIsStableOnceWritten() {
        Instant t0 = Instant.parse("2026-11-29T10:00:00Z");
        List<Map<String, Object>> addr = List.of(Map.of("type", "IPAddress", "value", "192.0.2.10"));
        Map<String, Object> first = GatewayStandIn.desiredStatus(Map.of(), addr, 1, "edge-x", t0);
        Map<String, Object> again = GatewayStandIn.desiredStatus(first, addr, 1, "edge-x", t0.plusSeconds(60));
        assertThat(again).isEqualTo(first);
        Map<String, Object> lost = GatewayStandIn.desiredStatus(first, List.of(), 1, "edge-x", t0.plusSeconds(120));
        assertThat(lost).doesNotContainKey("addresses");
        assertThat((List<Map<String, Object>>) lost.get("conditions")).anySatisfy(c -> assertThat(c)
            .containsEntry("type", "Programmed").containsEntry("lastTransitionTime", "2026-11-29T10:02:00Z"))
            .anySatisfy(c -> assertThat(c).containsEntry("type", "Accepted")
                .containsEntry("lastTransitionTime", "2026-11-29T10:00:00Z"));
    }
}
