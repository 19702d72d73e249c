package io.capstan.dns.source;

import io.capstan.dns.endpoint.SourceRef;

import io.capstan.dns.endpoint.Endpoint;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Endpoints of a {@code networking.k8s.io/v1} Ingress, as ExternalDNS's {@code source/ingress.go}: names from
 * {@code spec.rules[].host}, {@code spec.tls[].hosts[]} and the {@code hostname} annotation; targets from the
 * {@code target} annotation, else {@code status.loadBalancer.ingress[]} ({@code ip}, else {@code hostname}); TTL from
 * the {@code ttl} annotation. An Ingress whose {@code controller} annotation names another controller is skipped.
 */
public final class IngressSource {

    /** The kind. */
    public static final String KIND = "Ingress";

    private IngressSource() {
    }

    /**
     * @param ingress  the Ingress object JSON
     * @param problems receives what is wrong with it
     * @return its endpoints
     */
    public static List<Endpoint> endpoints(JsonNode ingress, List<SourceProblem> problems) {
        if (Annotations.otherController(ingress)) {
            return List.of();
        }
        SourceRef ref = Endpoints.ref(KIND, ingress);
        List<String> hosts = new ArrayList<>();
        for (JsonNode rule : ingress.path("spec").path("rules")) {
            String h = rule.path("host").asText("").trim();
            if (!h.isEmpty() && !hosts.contains(h)) {
                hosts.add(h);
            }
        }
        for (JsonNode tls : ingress.path("spec").path("tls")) {
            Endpoints.addText(hosts, tls.path("hosts"));
        }
        for (String h : Annotations.list(ingress, "hostname")) {
            if (!hosts.contains(h)) {
                hosts.add(h);
            }
        }
        if (hosts.isEmpty()) {
            return List.of();
        }
        List<String> targets = Annotations.list(ingress, "target");
        if (targets.isEmpty()) {
            targets = Endpoints.loadBalancerTargets(ingress);
        }
        long ttl = Endpoints.ttl(ingress, ref, problems);
        return Endpoints.forHostnames(hosts, targets, ttl, ref, Endpoints.createdAt(ingress));
    }
}
