package io.capstan.gateways.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Route and listener status for the upstream Gateway API examples (examples/standard and the conformance base
 * manifests), as the v1 API reference says an implementation reports them. Pure: no API server; the sandbox
 * variant lives in the edge package. Skipped, saying so, when the fixture folder is absent.
 */
class AttachmentCheckerFixtureTest {

    /** Backend Services the examples reference but do not ship (applied beside them to resolve the refs). */
    private static final String EXAMPLE_SERVICES = """
        apiVersion: v1
        kind: Service
        metadata: {name: my-service1}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: my-service2}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: foo-svc}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: bar-svc}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: bar-svc-canary}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: example-svc}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: foo-app}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: foo-orders-app}
        """;

    private static final String TLS_SECRET_DATA = "data: {tls.crt: Y2VydA==, tls.key: a2V5}\n";

    /** Extra objects of one scenario. */
    private record Scenario(String label, String defaultNamespace, List<String> files, String extraYaml) {
        Inventory inventory() {
            List<JsonNode> docs = new ArrayList<>(Fixtures.load(files.toArray(String[]::new)));
            if (extraYaml != null) {
                docs.addAll(Fixtures.parse(extraYaml));
            }
            return Fixtures.inventory(docs, defaultNamespace);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static Scenario scenario(String label, String extra, String... files) {
        return new Scenario(label, "default", List.of(files), extra);
    }

    private static final Scenario BASIC = scenario("basic-http", null, "examples/standard/basic-http.yaml");
    private static final Scenario BASIC_SVC = scenario("basic-http + its Services", EXAMPLE_SERVICES,
        "examples/standard/basic-http.yaml");
    private static final Scenario HTTP_ROUTING = scenario("http-routing + Services", EXAMPLE_SERVICES,
        "examples/standard/http-routing/gateway.yaml", "examples/standard/http-routing/foo-httproute.yaml",
        "examples/standard/http-routing/bar-httproute.yaml");
    private static final Scenario CROSS_NS = scenario("cross-namespace-routing", """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: sneaky, namespace: no-external-access}
            spec:
              parentRefs: [{name: shared-gateway, namespace: infra-ns}]
              rules: [{backendRefs: [{name: sneaky, port: 8080}]}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: home, namespace: site-ns}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: login-v1, namespace: site-ns}
            """,
        "examples/standard/cross-namespace-routing/0-namespaces.yaml",
        "examples/standard/cross-namespace-routing/gateway.yaml",
        "examples/standard/cross-namespace-routing/site-route.yaml",
        "examples/standard/cross-namespace-routing/store-route.yaml");
    private static final Scenario CROSS_NS_CERT = scenario("cross-namespace-routing + its certificate Secret", """
            apiVersion: v1
            kind: Secret
            type: kubernetes.io/tls
            metadata: {name: foo-example-com, namespace: infra-ns}
            """ + TLS_SECRET_DATA,
        "examples/standard/cross-namespace-routing/0-namespaces.yaml",
        "examples/standard/cross-namespace-routing/gateway.yaml");
    /** reference-grant.yaml applied to namespace default: HTTPRoutes of prod may reference Services of default. */
    private static final String GRANT_ROUTES = """
        apiVersion: v1
        kind: Service
        metadata: {name: shared-api, namespace: default}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: edge, namespace: prod}
        spec:
          gatewayClassName: example
          listeners: [{name: http, protocol: HTTP, port: 80, allowedRoutes: {namespaces: {from: All}}}]
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
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: bucket-route, namespace: prod}
        spec:
          parentRefs: [{name: edge}]
          rules: [{backendRefs: [{group: storage.example.com, kind: Bucket, name: b1}]}]
        """;
    private static final Scenario GRANT = scenario("reference-grant", GRANT_ROUTES,
        "examples/standard/reference-grant.yaml");
    private static final Scenario NO_GRANT = scenario("routes of reference-grant without the grant", GRANT_ROUTES);
    private static final Scenario HTTPS = scenario("simple-http-https + Services", EXAMPLE_SERVICES + """
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: elsewhere}
            spec:
              parentRefs: [{name: example-gateway}]
              hostnames: [other.org]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: wrong-section}
            spec:
              parentRefs: [{name: example-gateway, sectionName: grpc}]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: wrong-port}
            spec:
              parentRefs: [{name: example-gateway, port: 8443}]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: by-port}
            spec:
              parentRefs: [{name: example-gateway, port: 443}]
              hostnames: [shop.example.com]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: extension}
            spec:
              parentRefs: [{name: example-gateway, sectionName: http}]
              rules: [{filters: [{type: ExtensionRef, extensionRef: {group: acme.io, kind: Thing, name: t}}]}]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: other-gateway}
            spec:
              parentRefs: [{name: not-here}]
            """,
        "examples/standard/simple-http-https/gateway.yaml", "examples/standard/simple-http-https/foo-route.yaml",
        "examples/standard/simple-http-https/bar-route.yaml",
        "examples/standard/simple-http-https/tls-redirect-route.yaml");
    private static final String TLS_ROUTES = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: foo}
        spec:
          parentRefs: [{name: %1$s}]
          hostnames: [foo.example.com]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: bar}
        spec:
          parentRefs: [{name: %1$s}]
          hostnames: [bar.example.com]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: any}
        spec:
          parentRefs: [{name: %1$s}]
          hostnames: ["*.example.com"]
        """;
    private static final Scenario TLS_BASIC = scenario("tls-basic", TLS_ROUTES.formatted("tls-basic"),
        "examples/standard/tls-basic.yaml");
    private static final Scenario TLS_BASIC_CERTS = scenario("tls-basic + its Secrets (one without key)", """
            apiVersion: v1
            kind: Secret
            type: kubernetes.io/tls
            metadata: {name: foo-example-com-cert}
            """ + TLS_SECRET_DATA + """
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: bar-example-com-cert}
            data: {tls.crt: Y2VydA==}
            """, "examples/standard/tls-basic.yaml");
    private static final Scenario WILDCARD = scenario("wildcard-tls-gateway",
        TLS_ROUTES.formatted("wildcard-tls-gateway"), "examples/standard/wildcard-tls-gateway.yaml");
    private static final String NS2_SECRET = """
        apiVersion: v1
        kind: Secret
        type: kubernetes.io/tls
        metadata: {name: wildcard-example-com-cert, namespace: gateway-api-example-ns2}
        """ + TLS_SECRET_DATA;
    private static final Scenario CROSS_CERT = scenario("tls-cert-cross-namespace + Secret", NS2_SECRET,
        "examples/standard/tls-cert-cross-namespace.yaml");
    private static final Scenario CROSS_CERT_NO_SECRET = scenario("tls-cert-cross-namespace without Secret", null,
        "examples/standard/tls-cert-cross-namespace.yaml");
    private static final Scenario CONFORMANCE = scenario("conformance base + httproute-https-listener", """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: from-backend, namespace: gateway-conformance-web-backend}
            spec:
              parentRefs:
              - {name: backend-namespaces, namespace: gateway-conformance-infra}
              - {name: same-namespace, namespace: gateway-conformance-infra}
              - {name: all-namespaces, namespace: gateway-conformance-infra}
              rules: [{backendRefs: [{name: web-backend, port: 8080}]}]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: from-default, namespace: default}
            spec:
              parentRefs: [{name: backend-namespaces, namespace: gateway-conformance-infra}]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: wildcard-sub, namespace: gateway-conformance-infra}
            spec:
              parentRefs: [{name: same-namespace-with-https-listener}]
              hostnames: [fourth-example.wildcard.org]
              rules: [{backendRefs: [{name: infra-backend-v3, port: 8080}]}]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: cross-backend, namespace: gateway-conformance-infra}
            spec:
              parentRefs: [{name: same-namespace}]
              rules: [{backendRefs: [{name: app-backend-v1, namespace: gateway-conformance-app-backend, port: 8080}]}]
            """, "conformance/base/manifests.yaml", "conformance/tests/httproute-https-listener.yaml");

    static Stream<Arguments> routes() {
        return Stream.of(
            // scenario, route ns, route name, gateway, accepted reason, attached listeners, resolvedRefs reason
            row(BASIC, "default", "http-app-1", "default/my-gateway", "Accepted", List.of("http"), "BackendNotFound"),
            row(BASIC_SVC, "default", "http-app-1", "default/my-gateway", "Accepted", List.of("http"), "ResolvedRefs"),
            row(HTTP_ROUTING, "default", "example-route", "default/example-gateway", "Accepted", List.of("http"),
                "ResolvedRefs"),
            row(HTTP_ROUTING, "default", "foo-route", "default/example-gateway", "Accepted", List.of("http"),
                "ResolvedRefs"),
            row(HTTP_ROUTING, "default", "bar-route", "default/example-gateway", "Accepted", List.of("http"),
                "ResolvedRefs"),
            row(CROSS_NS, "site-ns", "home", "infra-ns/shared-gateway", "Accepted", List.of("https"), "ResolvedRefs"),
            row(CROSS_NS, "site-ns", "login", "infra-ns/shared-gateway", "Accepted", List.of("https"),
                "BackendNotFound"),
            row(CROSS_NS, "store-ns", "store", "infra-ns/shared-gateway", "Accepted", List.of("https"),
                "BackendNotFound"),
            row(CROSS_NS, "no-external-access", "sneaky", "infra-ns/shared-gateway", "NotAllowedByListeners",
                List.of(), "BackendNotFound"),
            row(GRANT, "prod", "prod-route", "prod/edge", "Accepted", List.of("http"), "ResolvedRefs"),
            row(GRANT, "staging", "staging-route", "prod/edge", "Accepted", List.of("http"), "RefNotPermitted"),
            row(GRANT, "prod", "bucket-route", "prod/edge", "Accepted", List.of("http"), "InvalidKind"),
            row(NO_GRANT, "prod", "prod-route", "prod/edge", "Accepted", List.of("http"), "RefNotPermitted"),
            row(HTTPS, "default", "foo", "default/example-gateway", "Accepted", List.of("https"), "ResolvedRefs"),
            row(HTTPS, "default", "bar", "default/example-gateway", "Accepted", List.of("https"), "BackendNotFound"),
            row(HTTPS, "default", "tls-redirect", "default/example-gateway", "Accepted", List.of("http"),
                "ResolvedRefs"),
            row(HTTPS, "default", "elsewhere", "default/example-gateway", "NoMatchingListenerHostname", List.of(),
                "ResolvedRefs"),
            row(HTTPS, "default", "wrong-section", "default/example-gateway", "NoMatchingParent", List.of(),
                "ResolvedRefs"),
            row(HTTPS, "default", "wrong-port", "default/example-gateway", "NoMatchingParent", List.of(),
                "ResolvedRefs"),
            row(HTTPS, "default", "by-port", "default/example-gateway", "Accepted", List.of("https"),
                "ResolvedRefs"),
            row(HTTPS, "default", "extension", "default/example-gateway", "UnsupportedValue", List.of(),
                "ResolvedRefs"),
            row(TLS_BASIC, "default", "foo", "default/tls-basic", "Accepted", List.of("foo-https"), "ResolvedRefs"),
            row(TLS_BASIC, "default", "bar", "default/tls-basic", "Accepted", List.of("bar-https"), "ResolvedRefs"),
            row(TLS_BASIC, "default", "any", "default/tls-basic", "Accepted", List.of("foo-https", "bar-https"),
                "ResolvedRefs"),
            row(WILDCARD, "default", "foo", "default/wildcard-tls-gateway", "Accepted",
                List.of("foo-https", "wildcard-https"), "ResolvedRefs"),
            row(WILDCARD, "default", "bar", "default/wildcard-tls-gateway", "Accepted", List.of("wildcard-https"),
                "ResolvedRefs"),
            row(CONFORMANCE, "gateway-conformance-infra", "httproute-https-test",
                "gateway-conformance-infra/same-namespace-with-https-listener", "Accepted", List.of("https"),
                "ResolvedRefs"),
            row(CONFORMANCE, "gateway-conformance-infra", "httproute-https-test-no-hostname",
                "gateway-conformance-infra/same-namespace-with-https-listener", "Accepted",
                List.of("https-with-hostname"), "ResolvedRefs"),
            row(CONFORMANCE, "gateway-conformance-infra", "wildcard-sub",
                "gateway-conformance-infra/same-namespace-with-https-listener", "Accepted",
                List.of("https", "https-with-wildcard-hostname", "https-with-hostname-matching-wildcard"),
                "ResolvedRefs"),
            row(CONFORMANCE, "gateway-conformance-web-backend", "from-backend",
                "gateway-conformance-infra/backend-namespaces", "Accepted", List.of("http"), "ResolvedRefs"),
            row(CONFORMANCE, "gateway-conformance-web-backend", "from-backend",
                "gateway-conformance-infra/same-namespace", "NotAllowedByListeners", List.of(), "ResolvedRefs"),
            row(CONFORMANCE, "gateway-conformance-web-backend", "from-backend",
                "gateway-conformance-infra/all-namespaces", "Accepted", List.of("http"), "ResolvedRefs"),
            row(CONFORMANCE, "default", "from-default", "gateway-conformance-infra/backend-namespaces",
                "NotAllowedByListeners", List.of(), "ResolvedRefs"),
            row(CONFORMANCE, "gateway-conformance-infra", "cross-backend", "gateway-conformance-infra/same-namespace",
                "Accepted", List.of("http"), "RefNotPermitted"));
    }

    private static Arguments row(Scenario s, String ns, String name, String gateway, String accepted,
                                 List<String> listeners, String resolved) {
        return Arguments.of(s, ns + "/" + name, gateway, accepted, listeners, resolved);
    }

    @ParameterizedTest(name = "{0}: route {1} on {2} is {3} on {4}, refs {5}")
    @MethodSource("routes")
    void routeParentStatusFollowsTheSpec(Scenario scenario, String route, String gateway, String acceptedReason,
                                         List<String> listeners, String resolvedReason) {
        AttachmentChecker.Report report = AttachmentChecker.check(scenario.inventory());
        String[] r = route.split("/");
        String[] g = gateway.split("/");
        RouteStatus status = report.route(r[0], r[1]);
        assertThat(status).as("status of %s", route).isNotNull();
        RouteStatus.Parent parent = status.parents().stream()
            .filter(p -> p.parentRef().names(g[0], g[1])).findFirst().orElseThrow();
        Condition accepted = parent.condition(Reasons.ACCEPTED);
        assertThat(accepted.reason()).as(accepted.message()).isEqualTo(acceptedReason);
        assertThat(accepted.status()).isEqualTo("Accepted".equals(acceptedReason)
            ? ConditionStatus.True : ConditionStatus.False);
        assertThat(parent.listeners()).containsExactlyInAnyOrderElementsOf(listeners);
        Condition resolved = parent.condition(Reasons.RESOLVED_REFS);
        assertThat(resolved.reason()).as(resolved.message()).isEqualTo(resolvedReason);
        assertThat(resolved.status()).isEqualTo("ResolvedRefs".equals(resolvedReason)
            ? ConditionStatus.True : ConditionStatus.False);
    }

    static Stream<Arguments> listeners() {
        return Stream.of(
            // scenario, gateway, listener, attachedRoutes, certificate ResolvedRefs reason
            Arguments.of(BASIC, "default/my-gateway", "http", 1, "ResolvedRefs"),
            Arguments.of(HTTP_ROUTING, "default/example-gateway", "http", 3, "ResolvedRefs"),
            Arguments.of(CROSS_NS, "infra-ns/shared-gateway", "https", 3, "InvalidCertificateRef"),
            Arguments.of(CROSS_NS_CERT, "infra-ns/shared-gateway", "https", 0, "ResolvedRefs"),
            // http: tls-redirect, elsewhere, extension; https: foo, bar, elsewhere, by-port
            Arguments.of(HTTPS, "default/example-gateway", "http", 3, "ResolvedRefs"),
            Arguments.of(HTTPS, "default/example-gateway", "https", 4, "InvalidCertificateRef"),
            Arguments.of(TLS_BASIC, "default/tls-basic", "foo-https", 3, "InvalidCertificateRef"),
            Arguments.of(TLS_BASIC_CERTS, "default/tls-basic", "foo-https", 0, "ResolvedRefs"),
            Arguments.of(TLS_BASIC_CERTS, "default/tls-basic", "bar-https", 0, "InvalidCertificateRef"),
            Arguments.of(WILDCARD, "default/wildcard-tls-gateway", "wildcard-https", 3, "InvalidCertificateRef"),
            Arguments.of(CROSS_CERT, "gateway-api-example-ns1/cross-namespace-tls-gateway", "https", 0,
                "ResolvedRefs"),
            Arguments.of(CROSS_CERT_NO_SECRET, "gateway-api-example-ns1/cross-namespace-tls-gateway", "https", 0,
                "InvalidCertificateRef"),
            Arguments.of(scenario("tls-cert-cross-namespace Gateway without its ReferenceGrant", NS2_SECRET + """
                    ---
                    apiVersion: gateway.networking.k8s.io/v1
                    kind: Gateway
                    metadata: {name: no-grant, namespace: gateway-api-example-ns3}
                    spec:
                      gatewayClassName: example
                      listeners:
                      - name: https
                        protocol: HTTPS
                        port: 443
                        tls:
                          certificateRefs: [{name: wildcard-example-com-cert, namespace: gateway-api-example-ns2}]
                    """, "examples/standard/tls-cert-cross-namespace.yaml"),
                "gateway-api-example-ns3/no-grant", "https", 0, "RefNotPermitted"),
            Arguments.of(CONFORMANCE, "gateway-conformance-infra/same-namespace-with-https-listener", "https", 2,
                "InvalidCertificateRef"),
            Arguments.of(CONFORMANCE, "gateway-conformance-infra/same-namespace", "http", 1, "ResolvedRefs"),
            Arguments.of(CONFORMANCE, "gateway-conformance-infra/backend-namespaces", "http", 1, "ResolvedRefs"));
    }

    @ParameterizedTest(name = "{0}: listener {2} of {1} has {3} attached routes, certificates {4}")
    @MethodSource("listeners")
    void listenerStatusFollowsTheSpec(Scenario scenario, String gateway, String listener, int attached,
                                      String resolvedReason) {
        String[] g = gateway.split("/");
        GatewayStatus.ListenerResult result = AttachmentChecker.check(scenario.inventory()).gateway(g[0], g[1])
            .listener(listener);
        assertThat(result.attachedRoutes()).isEqualTo(attached);
        assertThat(result.resolvedRefs().reason()).as(result.resolvedRefs().message()).isEqualTo(resolvedReason);
        assertThat(result.supportedKinds()).containsExactly("HTTPRoute");
    }
}
