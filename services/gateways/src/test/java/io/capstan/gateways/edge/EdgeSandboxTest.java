package io.capstan.gateways.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.gateways.profile.LoadBalancerSettings;
import io.capstan.gateways.route.Fixtures;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.Conditions;
import io.capstan.model.status.StatusEvent;
import io.capstan.sandbox.junit.Sandbox;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The edge pass against sandbox API servers (fabric8 mock in CRUD mode, an emulator: no gateway controller runs,
 * the sandbox's GatewayStandIn plays it): upstream Gateway API examples get the route status the spec calls for,
 * written into the routes with resourceVersion; the edge Gateway gets its Service's address; Ingress opt-in; cleanup.
 * The Quarkus service wiring is proven in {@link EdgeServiceTest}.
 */
class EdgeSandboxTest {

    static final String CONTROLLER = "istio.io/gateway-controller";
    static Sandbox sandbox;
    final EdgeReconciler reconciler = new EdgeReconciler(Clock.systemUTC());

    @BeforeAll
    static void sandbox() {
        Fixtures.root();
        sandbox = Sandbox.shared();
    }

    static EdgeProfile disabled() {
        return new EdgeProfile(false, CONTROLLER, "capstan-edge", "capstan-gateways", "edge", null);
    }

    static EdgeProfile enabled() {
        return new EdgeProfile(true, CONTROLLER, "capstan-edge", "capstan-gateways", "edge", "sandbox-ca");
    }

    static String classes(String... names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            sb.append("apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {name: ").append(n)
                .append("}\nspec: {controllerName: ").append(CONTROLLER).append("}\n---\n");
        }
        return sb.toString();
    }

    private KubernetesClient fixtureCluster(String name, String extra, String... files) {
        KubernetesClient c = sandbox.cluster(name).client();
        List<JsonNode> docs = new ArrayList<>(Fixtures.parse(extra));
        for (JsonNode d : Fixtures.load(files)) {
            docs.add(Fixtures.parse(d.toString().replace("{GATEWAY_CLASS_NAME}", "conformance")).get(0));
        }
        SandboxObjects.apply(c, docs);
        return c;
    }

    private void assertParent(KubernetesClient c, String ns, String route, String gwNs, String gw, String accepted,
                              String resolved) {
        JsonNode p = SandboxObjects.capstanParent(c, ns, route, gwNs, gw);
        assertThat(p).as("Capstan's status.parents entry of %s/%s for %s/%s", ns, route, gwNs, gw).isNotNull();
        assertThat(SandboxObjects.reason(p, "Accepted")).as("%s/%s Accepted", ns, route).isEqualTo(accepted);
        assertThat(SandboxObjects.reason(p, "ResolvedRefs")).as("%s/%s ResolvedRefs", ns, route).isEqualTo(resolved);
    }

    @Test
    void upstreamExamplesAppliedToSandboxClustersGetTheRouteStatusTheSpecCallsFor() {
        KubernetesClient basic = fixtureCluster("gwx-basic", "{}", "examples/standard/basic-http.yaml");
        KubernetesClient xns = fixtureCluster("gwx-xns", classes("shared-gateway-class"),
            "examples/standard/cross-namespace-routing/0-namespaces.yaml",
            "examples/standard/cross-namespace-routing/gateway.yaml",
            "examples/standard/cross-namespace-routing/site-route.yaml",
            "examples/standard/cross-namespace-routing/store-route.yaml");
        KubernetesClient https = fixtureCluster("gwx-https", classes("prod"),
            "examples/standard/simple-http-https/gateway.yaml", "examples/standard/simple-http-https/foo-route.yaml",
            "examples/standard/simple-http-https/bar-route.yaml",
            "examples/standard/simple-http-https/tls-redirect-route.yaml");
        KubernetesClient conf = fixtureCluster("gwx-conf", classes("conformance"), "conformance/base/manifests.yaml",
            "conformance/tests/httproute-https-listener.yaml");
        KubernetesClient grant = fixtureCluster("gwx-grant", classes("example") + """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: edge, namespace: prod}
                spec:
                  gatewayClassName: example
                  listeners: [{name: http, protocol: HTTP, port: 80, allowedRoutes: {namespaces: {from: All}}}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: shared-api, namespace: default}
                spec: {ports: [{port: 80}]}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: prod-route, namespace: prod}
                spec:
                  parentRefs: [{name: edge}]
                  rules: [{backendRefs: [{name: shared-api, namespace: default, port: 80}]}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: staging-route, namespace: staging}
                spec:
                  parentRefs: [{name: edge, namespace: prod}]
                  rules: [{backendRefs: [{name: shared-api, namespace: default, port: 80}]}]
                """, "examples/standard/reference-grant.yaml", "examples/standard/tls-cert-cross-namespace.yaml");
        for (var c : List.of(basic, xns, https, conf, grant)) {
            reconciler.reconcile(new EdgeCluster("test", 1, disabled(), new LoadBalancerSettings(null, Map.of()), c));
        }
        // basic-http's GatewayClass names acme.io's controller: not Capstan's to report on
        assertThat(SandboxObjects.get(basic, EdgeReconciler.HTTP_ROUTES, "default", "http-app-1").path("status")
            .path("parents")).isEmpty();
        assertParent(xns, "site-ns", "home", "infra-ns", "shared-gateway", "Accepted", "BackendNotFound");
        assertParent(xns, "store-ns", "store", "infra-ns", "shared-gateway", "Accepted", "BackendNotFound");
        assertParent(https, "default", "foo", "default", "example-gateway", "Accepted", "BackendNotFound");
        assertParent(https, "default", "tls-redirect", "default", "example-gateway", "Accepted", "ResolvedRefs");
        assertParent(conf, "gateway-conformance-infra", "httproute-https-test", "gateway-conformance-infra",
            "same-namespace-with-https-listener", "Accepted", "ResolvedRefs");
        assertParent(conf, "gateway-conformance-infra", "httproute-https-test-no-hostname",
            "gateway-conformance-infra", "same-namespace-with-https-listener", "Accepted", "ResolvedRefs");
        assertParent(grant, "prod", "prod-route", "prod", "edge", "Accepted", "ResolvedRefs");
        assertParent(grant, "staging", "staging-route", "prod", "edge", "Accepted", "RefNotPermitted");

        // a second pass with nothing changed writes nothing (no status churn)
        String rv = SandboxObjects.get(conf, EdgeReconciler.HTTP_ROUTES, "gateway-conformance-infra",
            "httproute-https-test").at("/metadata/resourceVersion").asText();
        reconciler.reconcile(new EdgeCluster("test", 1, disabled(), new LoadBalancerSettings(null, Map.of()), conf));
        assertThat(SandboxObjects.get(conf, EdgeReconciler.HTTP_ROUTES, "gateway-conformance-infra",
            "httproute-https-test").at("/metadata/resourceVersion").asText()).isEqualTo(rv);
    }

    @Test
    void aClusterWithoutTheGatewayApiGetsOneClearEntryAndNoFailure() {
        KubernetesClient c = sandbox.cluster("gwx-nocrd").client();
        c.apiextensions().v1().customResourceDefinitions().withName("gatewayclasses.gateway.networking.k8s.io")
            .delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> c.apiextensions().v1().customResourceDefinitions()
            .withName("gatewayclasses.gateway.networking.k8s.io").get() == null);
        List<StatusEvent> out = reconciler.reconcile(new EdgeCluster("gwx-nocrd", 1, enabled(),
            new LoadBalancerSettings(null, Map.of()), c));
        assertThat(out).hasSize(1);
        assertThat(ready(out.get(0)).reason()).isEqualTo(EdgeReport.GATEWAY_API_MISSING);
        assertThat(reconciler.reconcile(new EdgeCluster("gwx-nocrd", 1, disabled(),
            new LoadBalancerSettings(null, Map.of()), c))).isEmpty();
    }

    private static Condition ready(StatusEvent e) {
        return Conditions.find(e.conditions(), Conditions.READY).orElseThrow();
    }

    private static StatusEvent entry(List<StatusEvent> events, String kind, String ns, String name) {
        return events.stream().filter(e -> e.subject().kind().equals(kind) && e.subject().namespace().equals(ns)
            && e.subject().name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(
                "no entry for " + kind + " " + ns + "/" + name + " in " + events.stream().map(StatusEvent::key).toList()));
    }

    @Test
    void theEdgeGatewayGetsItsServiceAddressThroughTheStandInAndIsReadyOnceCertificatesExistThenCleansUp() {
        KubernetesClient c = sandbox.cluster("gwx-edge").client();
        EdgeCluster cluster = new EdgeCluster("gwx-edge", 1, enabled(),
            new LoadBalancerSettings("capstan.io/load-balancer", Map.of()), c);
        SandboxObjects.apply(c, Fixtures.parse("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: portal}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: portal}
            spec: {ports: [{name: http, port: 8080}]}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: portal, namespace: portal}
            spec:
              parentRefs: [{name: edge, namespace: capstan-gateways}]
              hostnames: [portal.example.com]
              rules: [{backendRefs: [{name: web, port: 8080}]}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: legacy, namespace: portal, annotations: {capstan.io/edge: "true"}}
            spec:
              rules:
              - host: legacy.example.com
                http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}]}
            """));

        List<StatusEvent> first = reconciler.reconcile(cluster);
        StatusEvent gw = entry(first, "Gateway", "capstan-gateways", "edge");
        assertThat(ready(gw).reason()).isEqualTo(EdgeReport.ADDRESS_NOT_ASSIGNED);
        JsonNode gateway = SandboxObjects.get(c, EdgeReconciler.GATEWAYS, "capstan-gateways", "edge");
        assertThat(gateway.at("/metadata/annotations/cert-manager.io~1cluster-issuer").asText()).isEqualTo("sandbox-ca");
        // the translated route was created in this pass; its hostname gets a listener on the next one
        reconciler.reconcile(cluster);
        gateway = SandboxObjects.get(c, EdgeReconciler.GATEWAYS, "capstan-gateways", "edge");
        List<String> listenerNames = new ArrayList<>();
        gateway.at("/spec/listeners").forEach(l -> listenerNames.add(l.path("name").asText()));
        assertThat(listenerNames).containsExactly("http",
            "https-legacy.example.com", "https-portal.example.com");
        String translated = IngressTranslator.routeName("legacy", "legacy.example.com");
        assertParent(c, "portal", translated, "capstan-gateways", "edge", "Accepted", "ResolvedRefs");
        assertParent(c, "portal", "portal", "capstan-gateways", "edge", "Accepted", "ResolvedRefs");
        assertThat(SandboxObjects.get(c, EdgeReconciler.GATEWAY_CLASSES, null, "capstan-edge")
            .at("/spec/controllerName").asText()).isEqualTo(CONTROLLER);

        // the allocator's write (here by hand: EdgeServiceTest runs the real allocator), then the stand-in
        Service svc = c.services().inNamespace("capstan-gateways").withName("edge-capstan-edge").get();
        assertThat(svc.getMetadata().getLabels()).containsEntry("gateway.networking.k8s.io/gateway-name", "edge");
        assertThat(svc.getSpec().getLoadBalancerClass()).isEqualTo("capstan.io/load-balancer");
        svc.setStatus(new ServiceStatusBuilder().withNewLoadBalancer().withIngress(new LoadBalancerIngressBuilder()
            .withIp("192.0.2.77").build()).endLoadBalancer().build());
        c.services().inNamespace("capstan-gateways").resource(svc).updateStatus();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(SandboxObjects.get(c,
            EdgeReconciler.GATEWAYS, "capstan-gateways", "edge").at("/status/addresses/0/value").asText())
            .isEqualTo("192.0.2.77"));

        List<StatusEvent> waiting = reconciler.reconcile(cluster);
        gw = entry(waiting, "Gateway", "capstan-gateways", "edge");
        assertThat(ready(gw).reason()).isEqualTo(EdgeReport.WAITING_FOR_CERTIFICATES);
        assertThat(gw.details().path("addresses").toString()).isEqualTo("[\"192.0.2.77\"]");

        // the certificates service issues the Secrets the listeners reference
        for (String host : List.of("legacy.example.com", "portal.example.com")) {
            c.secrets().inNamespace("capstan-gateways").resource(new SecretBuilder().withNewMetadata()
                .withName("edge-" + host).withNamespace("capstan-gateways").endMetadata().withType("kubernetes.io/tls")
                .addToData("tls.crt", "Y2VydA==").addToData("tls.key", "a2V5").build()).create();
        }
        List<StatusEvent> done = reconciler.reconcile(cluster);
        gw = entry(done, "Gateway", "capstan-gateways", "edge");
        assertThat(ready(gw).status()).as(ready(gw).message()).isEqualTo(ConditionStatus.True);
        // attachedRoutes counts parentRef + allowedRoutes only, not hostnames (ListenerStatus.attachedRoutes)
        assertThat(gw.details().at("/listeners/2/attachedRoutes").asInt()).isEqualTo(2);
        StatusEvent route = entry(done, "HTTPRoute", "portal", translated);
        assertThat(ready(route).status()).isEqualTo(ConditionStatus.True);
        assertThat(route.details().at("/translatedFrom/name").asText()).isEqualTo("legacy");
        assertThat(entry(done, "HTTPRoute", "portal", "portal").details().at("/parents/0/listeners").toString())
            .isEqualTo("[\"http\",\"https-portal.example.com\"]");

        // opting out removes the translated route
        var ing = c.network().v1().ingresses().inNamespace("portal").withName("legacy").get();
        ing.getMetadata().getAnnotations().put("capstan.io/edge", "false");
        c.network().v1().ingresses().inNamespace("portal").resource(ing).update();
        reconciler.reconcile(cluster);
        assertThat(SandboxObjects.get(c, EdgeReconciler.HTTP_ROUTES, "portal", translated)).isNull();

        List<String> removed = reconciler.cleanup(cluster);
        assertThat(removed).contains("Gateway/capstan-gateways/edge", "Service/capstan-gateways/edge-capstan-edge",
            "GatewayClass/capstan-edge", "Namespace/capstan-gateways");
        assertThat(SandboxObjects.get(c, EdgeReconciler.GATEWAYS, "capstan-gateways", "edge")).isNull();
        assertThat(SandboxObjects.get(c, EdgeReconciler.GATEWAY_CLASSES, null, "capstan-edge")).isNull();
        assertThat(SandboxObjects.capstanParent(c, "portal", "portal", "capstan-gateways", "edge")).isNull();
        assertThat(SandboxObjects.get(c, EdgeReconciler.HTTP_ROUTES, "portal", "portal")).as("user route kept")
            .isNotNull();
    }
}
