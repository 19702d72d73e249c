package io.capstan.gateways.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Checker behaviours that no upstream example shows. */
class AttachmentCheckerTest {

    private static final String GATEWAY = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: gw, namespace: infra}
        spec:
          gatewayClassName: c
          listeners:
          - name: http
            protocol: HTTP
            port: 80
            allowedRoutes:
              namespaces:
                from: Selector
                selector:
                  matchExpressions: [{key: team, operator: In, values: [a, b]}, {key: frozen, operator: DoesNotExist}]
          - {name: tls, protocol: TLS, port: 443, tls: {mode: Passthrough}, allowedRoutes: {namespaces: {from: All}}}
        """;

    private static Inventory inventory(String extra) {
        return Fixtures.inventory(Fixtures.parse(GATEWAY + "---\n" + extra), "default");
    }

    @Test
    void aRouteNamingAnotherControllersGatewayGetsNoStatusFromThisOne() {
        Inventory inv = inventory("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: r, namespace: a}
            spec: {parentRefs: [{name: elsewhere, namespace: infra}, {kind: Service, name: gw, namespace: infra}]}
            """);
        assertThat(AttachmentChecker.check(inv).routes()).isEmpty();
    }

    @Test
    void selectorExpressionsAreEvaluatedOnNamespaceLabelsAndTlsListenersRefuseHttpRoutes() {
        String route = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: r, namespace: %s}
            spec: {parentRefs: [{name: gw, namespace: infra}]}
            """;
        Inventory inv = inventory("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: a, labels: {team: a}}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: frozen, labels: {team: b, frozen: "yes"}}
            ---
            """ + route.formatted("a") + "---\n" + route.formatted("frozen"));
        AttachmentChecker.Report report = AttachmentChecker.check(inv);
        assertThat(report.route("a", "r").parents().get(0).condition(Reasons.ACCEPTED).reason())
            .isEqualTo(Reasons.ACCEPTED);
        assertThat(report.route("a", "r").parents().get(0).listeners()).containsExactly("http");
        var frozen = report.route("frozen", "r").parents().get(0).condition(Reasons.ACCEPTED);
        assertThat(frozen.reason()).isEqualTo(Reasons.NOT_ALLOWED_BY_LISTENERS);
        assertThat(frozen.message()).contains("listener tls", "exclude HTTPRoute", "namespace frozen not selected");
        assertThat(report.gateway("infra", "gw").listener("tls").supportedKinds()).containsExactly("TLSRoute");
        assertThat(report.gateway("infra", "gw").listener("tls").resolvedRefs().reason())
            .as("passthrough needs no certificate").isEqualTo(Reasons.RESOLVED_REFS);
        assertThat(report.gateway("infra", "gw").listener("http").attachedRoutes()).isEqualTo(1);
    }

    @Test
    void twoParentRefsToOneListenerCountTheRouteOnce() {
        Inventory inv = inventory("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: a, labels: {team: a}}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: r, namespace: a}
            spec: {parentRefs: [{name: gw, namespace: infra}, {name: gw, namespace: infra, sectionName: http}]}
            """);
        AttachmentChecker.Report report = AttachmentChecker.check(inv);
        assertThat(report.route("a", "r").parents()).hasSize(2);
        assertThat(report.gateway("infra", "gw").listener("http").attachedRoutes()).isEqualTo(1);
        assertThat(report.route("a", "r").parents()).allSatisfy(p -> assertThat(p.listeners())
            .isEqualTo(List.of("http")));
    }
}
