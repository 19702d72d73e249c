package io.capstan.gateways.service;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;
import java.util.Optional;

/**
 * The exposure rule: nothing is reached from outside the cluster except through the edge. A Service of type
 * NodePort or LoadBalancer outside the platform's gateway namespaces is a finding, unless annotated
 * {@code capstan.io/expose: allowed}.
 */
public final class ExposureCheck {

    /** The annotation that allows a Service to bypass the edge. */
    public static final String ALLOW = "capstan.io/expose";
    /** Its one accepted value. */
    public static final String ALLOWED = "allowed";

    private ExposureCheck() {
    }

    /**
     * A finding.
     *
     * @param reason  {@code BypassesEdge} or {@code InvalidExposeAnnotation}
     * @param message a sentence
     */
    public record Finding(String reason, String message) {
    }

    /**
     * @param svc               the Service JSON
     * @param gatewayNamespaces the platform's gateway namespaces
     * @return the finding, empty when the Service is fine
     */
    public static Optional<Finding> check(JsonNode svc, Collection<String> gatewayNamespaces) {
        String type = svc.path("spec").path("type").asText("ClusterIP");
        if (!type.equals("NodePort") && !type.equals("LoadBalancer")) {
            return Optional.empty();
        }
        String ns = svc.path("metadata").path("namespace").asText("default");
        if (gatewayNamespaces.contains(ns)) {
            return Optional.empty();
        }
        JsonNode v = svc.path("metadata").path("annotations").get(ALLOW);
        if (v != null && ALLOWED.equals(v.asText())) {
            return Optional.empty();
        }
        if (v != null) {
            return Optional.of(new Finding("InvalidExposeAnnotation", ALLOW + " is '" + v.asText() + "', the only accepted value is '"
                    + ALLOWED + "': Service of type " + type + " in namespace " + ns + " bypasses the edge"));
        }
        return Optional.of(new Finding("BypassesEdge", "Service of type " + type + " in namespace " + ns
                + " is reachable without the edge gateway (namespaces " + gatewayNamespaces + "); annotate it "
                + ALLOW + ": " + ALLOWED + " if intended"));
    }
}
