package io.capstan.gateways.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.gateways.route.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ingress opt-in translation into HTTPRoutes on the edge Gateway (pure). */
class IngressTranslatorTest {

    private static final String INGRESS = """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: portal
          namespace: research
          annotations: {capstan.io/edge: "true"}
        spec:
          defaultBackend: {service: {name: fallback, port: {number: 8080}}}
          tls: [{hosts: [portal.example.com], secretName: ignored}]
          rules:
          - host: portal.example.com
            http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
              - {path: /api, pathType: Exact, backend: {service: {name: api, port: {number: 9000}}}}
              - {path: /docs, pathType: ImplementationSpecific, backend: {service: {name: web, port: {name: http}}}}
              - {path: /gone, pathType: Prefix, backend: {service: {name: web, port: {name: grpc}}}}
              - {path: /bucket, pathType: Prefix, backend: {resource: {apiGroup: s.example.com, kind: B, name: b}}}
          - http:
              paths:
              - {path: /health, pathType: Exact, backend: {service: {name: api, port: {number: 9000}}}}
        """;

    @Test
    void eachHostBecomesAnHttpRouteOnTheEdgeWithPathsGroupedByBackend() {
        JsonNode ingress = Fixtures.parse(INGRESS).get(0);
        assertThat(IngressTranslator.optedIn(ingress)).isTrue();
        IngressTranslator.Translation t = IngressTranslator.translate("alpha", EdgePlannerTest.PROFILE, ingress,
            Map.of("web", Map.of("http", 80)));
        assertThat(t.routes()).hasSize(2);
        ObjectNode host = t.routes().get(0);
        assertThat(host.at("/metadata/name").asText()).isEqualTo(IngressTranslator.routeName("portal",
            "portal.example.com")).matches("portal-[0-9a-f]{8}");
        assertThat(host.at("/metadata/namespace").asText()).isEqualTo("research");
        assertThat(Ownership.owned(host, "alpha")).isTrue();
        assertThat(host.at("/metadata/annotations/capstan.io~1translated-from-ingress").asText()).isEqualTo("portal");
        assertThat(host.at("/spec/parentRefs/0").toString()).isEqualTo("{\"group\":\"gateway.networking.k8s.io\","
            + "\"kind\":\"Gateway\",\"namespace\":\"capstan-gateways\",\"name\":\"edge\"}");
        assertThat(host.at("/spec/hostnames").toString()).isEqualTo("[\"portal.example.com\"]");
        assertThat(host.at("/spec/rules").toString()).isEqualTo("["
            + "{\"matches\":[{\"path\":{\"type\":\"PathPrefix\",\"value\":\"/\"}},"
            + "{\"path\":{\"type\":\"PathPrefix\",\"value\":\"/docs\"}}],\"backendRefs\":[{\"name\":\"web\",\"port\":80}]},"
            + "{\"matches\":[{\"path\":{\"type\":\"Exact\",\"value\":\"/api\"}}],"
            + "\"backendRefs\":[{\"name\":\"api\",\"port\":9000}]},"
            + "{\"matches\":[{\"path\":{\"type\":\"PathPrefix\",\"value\":\"/\"}}],"
            + "\"backendRefs\":[{\"name\":\"fallback\",\"port\":8080}]}]");
        ObjectNode any = t.routes().get(1);
        assertThat(any.at("/spec").has("hostnames")).isFalse();
        assertThat(any.at("/spec/rules/0/matches/0/path/value").asText()).isEqualTo("/health");
        assertThat(t.problems()).containsExactly(
            "rule portal.example.com path /gone: port grpc of Service web not found",
            "rule portal.example.com path /bucket: resource backends are not translated");
    }

    @Test
    void moreBackendsThanHttpRouteRulesAllowAreLeftOutAndReported() {
        StringBuilder paths = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            paths.append("      - {path: /p").append(i).append(", pathType: Prefix, backend: {service: {name: s").append(i)
                .append(", port: {number: 80}}}}\n");
        }
        JsonNode ingress = Fixtures.parse("""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: wide, namespace: ns, annotations: {capstan.io/edge: "true"}}
            spec:
              rules:
              - host: wide.example.com
                http:
                  paths:
            """ + paths).get(0);
        IngressTranslator.Translation t = IngressTranslator.translate("alpha", EdgePlannerTest.PROFILE, ingress,
            Map.of());
        assertThat(t.routes().get(0).at("/spec/rules")).hasSize(IngressTranslator.MAX_RULES);
        assertThat(t.problems()).hasSize(4).allSatisfy(p -> assertThat(p).contains("more than 16 backends"));
    }

    @Test
    void onlyTheOptInAnnotationTrueSelectsAnIngress() {
        assertThat(IngressTranslator.optedIn(Fixtures.parse(INGRESS.replace("\"true\"", "\"false\"")).get(0))).isFalse();
        assertThat(IngressTranslator.optedIn(Fixtures.parse(INGRESS.replace("annotations: {capstan.io/edge: \"true\"}",
            "annotations: {}")).get(0))).isFalse();
    }
}
