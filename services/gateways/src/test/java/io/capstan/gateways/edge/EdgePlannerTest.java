package io.capstan.gateways.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.gateways.profile.InvalidProfileException;
import io.capstan.gateways.profile.LoadBalancerSettings;
import io.capstan.gateways.route.Fixtures;
import io.capstan.gateways.route.GatewayApiReader;
import io.capstan.gateways.route.HttpRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The desired edge objects, from the profile and the routes naming the edge Gateway (pure). */
class EdgePlannerTest {

    static final EdgeProfile PROFILE = new EdgeProfile(true, "istio.io/gateway-controller", "capstan-edge",
        "capstan-gateways", "edge", "sandbox-ca");
    static final LoadBalancerSettings LB = new LoadBalancerSettings("capstan.io/load-balancer",
        Map.of("example.com/lb", "x"));

    static HttpRoute route(String ns, String name, String parentYaml, String... hosts) {
        String yaml = "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: " + name
            + ", namespace: " + ns + "}\nspec:\n  parentRefs: [" + parentYaml + "]\n  hostnames: ["
            + String.join(",", List.of(hosts).stream().map(h -> "\"" + h + "\"").toList()) + "]\n";
        return GatewayApiReader.httpRoute(Fixtures.parse(yaml).get(0), "default");
    }

    @Test
    void anHttpsListenerPerHostnameOfTheRoutesNamingTheEdgeWithGatewayShimAnnotationAndIstioStyleService() {
        EdgePlanner.Plan plan = EdgePlanner.plan("alpha", PROFILE, LB, List.of(
            route("shop", "a", "{name: edge, namespace: capstan-gateways}", "shop.example.com", "*.example.org"),
            route("blog", "b", "{name: edge, namespace: capstan-gateways, sectionName: http}", "blog.example.com"),
            route("web", "c", "{name: other-gateway, namespace: capstan-gateways}", "other.example.com"),
            route("web", "d", "{name: edge, namespace: capstan-gateways}", "shop.example.com", "Bad_Host")));
        assertThat(plan.hostnames()).containsExactly("*.example.org", "shop.example.com");
        assertThat(plan.omitted()).containsExactly("bad_host");
        JsonNode gw = plan.gateway();
        assertThat(gw.at("/metadata/annotations/cert-manager.io~1cluster-issuer").asText()).isEqualTo("sandbox-ca");
        assertThat(Ownership.owned(gw, "alpha")).isTrue();
        assertThat(Ownership.owned(gw, "beta")).isFalse();
        assertThat(gw.at("/spec/gatewayClassName").asText()).isEqualTo("capstan-edge");
        JsonNode listeners = gw.at("/spec/listeners");
        assertThat(listeners).hasSize(3);
        assertThat(listeners.get(0).toString()).isEqualTo(
            "{\"name\":\"http\",\"protocol\":\"HTTP\",\"port\":80,\"allowedRoutes\":{\"namespaces\":{\"from\":\"All\"}}}");
        assertThat(listeners.get(1).path("name").asText()).isEqualTo("https-wildcard.example.org");
        assertThat(listeners.get(1).path("hostname").asText()).isEqualTo("*.example.org");
        assertThat(listeners.get(1).at("/tls/certificateRefs/0/name").asText()).isEqualTo("edge-wildcard.example.org");
        assertThat(listeners.get(2).at("/tls/mode").asText()).isEqualTo("Terminate");
        assertThat(listeners.get(2).at("/tls/certificateRefs/0/kind").asText()).isEqualTo("Secret");
        assertThat(plan.gatewayClass().at("/spec/controllerName").asText()).isEqualTo("istio.io/gateway-controller");
        JsonNode svc = plan.service();
        assertThat(svc.at("/metadata/name").asText()).isEqualTo("edge-capstan-edge");
        assertThat(svc.at("/metadata/labels/gateway.networking.k8s.io~1gateway-name").asText()).isEqualTo("edge");
        assertThat(svc.at("/metadata/labels/app.kubernetes.io~1managed-by").asText()).isEqualTo("capstan-gateways");
        assertThat(svc.at("/metadata/annotations/example.com~1lb").asText()).isEqualTo("x");
        assertThat(svc.at("/spec/type").asText()).isEqualTo("LoadBalancer");
        assertThat(svc.at("/spec/loadBalancerClass").asText()).isEqualTo("capstan.io/load-balancer");
        assertThat(svc.at("/spec/selector/gateway.networking.k8s.io~1gateway-name").asText()).isEqualTo("edge");
        assertThat(svc.at("/spec/ports").findValuesAsText("name")).containsExactly("http", "https");
    }

    @Test
    void atMostSixtyThreeHttpsListenersTheRestAreOmittedInSortedOrder() {
        List<HttpRoute> routes = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            routes.add(route("ns", "r" + i, "{name: edge, namespace: capstan-gateways}",
                String.format("h%02d.example.com", i)));
        }
        EdgePlanner.Plan plan = EdgePlanner.plan("alpha", PROFILE, LB, routes);
        assertThat(plan.gateway().at("/spec/listeners")).hasSize(EdgePlanner.MAX_LISTENERS);
        assertThat(plan.omitted()).containsExactly("h63.example.com", "h64.example.com", "h65.example.com",
            "h66.example.com", "h67.example.com", "h68.example.com", "h69.example.com");
    }

    @Test
    void withoutAFleetIssuerTheGatewayHasNoShimAnnotationAndNoRoutesMeansHttpOnly() {
        EdgeProfile p = new EdgeProfile(true, "istio.io/gateway-controller", "capstan-edge", "capstan-gateways",
            "edge", null);
        EdgePlanner.Plan plan = EdgePlanner.plan("alpha", p, new LoadBalancerSettings(null, Map.of()), List.of());
        assertThat(plan.gateway().at("/metadata/annotations").has(EdgePlanner.CLUSTER_ISSUER)).isFalse();
        assertThat(plan.gateway().at("/spec/listeners")).hasSize(1);
        assertThat(plan.service().at("/spec").has("loadBalancerClass")).isFalse();
    }

    @Test
    void profileDefaultsAndErrorsNameTheKey() throws Exception {
        ObjectMapper m = new ObjectMapper();
        assertThat(EdgeProfile.parse(null, "capstan-gateways")).as("no edge object: no edge").isEqualTo(new EdgeProfile(false,
            "istio.io/gateway-controller", "capstan-edge", "capstan-gateways", "edge", null));
        assertThat(EdgeProfile.parse(m.readTree("{}"), "capstan-gateways")).isEqualTo(new EdgeProfile(true,
            "istio.io/gateway-controller", "capstan-edge", "capstan-gateways", "edge", null));
        assertThat(EdgeProfile.parse(m.readTree("{\"controllerName\":\"gateway.envoyproxy.io/gatewayclass-controller\","
            + "\"clusterIssuer\":\"sandbox-ca\",\"namespace\":\"edge-system\"}"), "x"))
            .isEqualTo(new EdgeProfile(true, "gateway.envoyproxy.io/gatewayclass-controller", "capstan-edge",
                "edge-system", "edge", "sandbox-ca"));
        assertThatThrownBy(() -> EdgeProfile.parse(m.readTree("{\"gatewayname\":\"x\"}"), "x"))
            .isInstanceOf(InvalidProfileException.class).hasMessageContaining("gateways.edge.gatewayname");
        assertThatThrownBy(() -> EdgeProfile.parse(m.readTree("{\"controllerName\":\"istio\"}"), "x"))
            .isInstanceOf(InvalidProfileException.class).hasMessageContaining("gateways.edge.controllerName");
        assertThatThrownBy(() -> EdgeProfile.parse(m.readTree("{\"namespace\":\"Capstan\"}"), "x"))
            .isInstanceOf(InvalidProfileException.class).hasMessageContaining("gateways.edge.namespace");
        assertThatThrownBy(() -> EdgeProfile.parse(m.readTree("{\"enabled\":\"yes\"}"), "x"))
            .isInstanceOf(InvalidProfileException.class).hasMessageContaining("gateways.edge.enabled");
    }
}
