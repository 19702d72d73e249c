package io.capstan.gateways.route;

import java.util.List;
import java.util.Map;

/**
 * One {@code spec.listeners[]} entry of a Gateway (Gateway API {@code Listener}), defaulted.
 *
 * @param name            listener name (unique in its Gateway)
 * @param protocol        HTTP, HTTPS, TLS, TCP, UDP or a domain-prefixed value
 * @param port            port number
 * @param hostname        exact or {@code *.} wildcard hostname, null for any
 * @param allowedRoutes   allowedRoutes, defaulted (from Same, kinds by protocol)
 * @param tlsMode         tls.mode ({@code Terminate} default when tls is present), null without tls
 * @param certificateRefs tls.certificateRefs, defaulted (group "", kind Secret, namespace the Gateway's)
 */
public record Listener(String name, String protocol, int port, String hostname, AllowedRoutes allowedRoutes,
                       String tlsMode, List<CertificateRef> certificateRefs) {

    public Listener {
        certificateRefs = List.copyOf(certificateRefs);
    }

    /** Where routes may come from ({@code FromNamespaces}). */
    public enum From { All, Same, Selector }

    /**
     * {@code allowedRoutes}.
     *
     * @param from     namespaces.from (default Same)
     * @param selector namespaces.selector, used with {@code Selector} (null otherwise)
     * @param kinds    kinds, empty for the protocol's defaults (HTTPRoute for HTTP and HTTPS)
     */
    public record AllowedRoutes(From from, LabelSelector selector, List<RouteGroupKind> kinds) {
        public AllowedRoutes {
            kinds = List.copyOf(kinds);
        }

        /** The API default: from Same, kinds by protocol. */
        public static AllowedRoutes defaults() {
            return new AllowedRoutes(From.Same, null, List.of());
        }
    }

    /**
     * A route kind (Gateway API {@code RouteGroupKind}).
     *
     * @param group group, default {@code gateway.networking.k8s.io}
     * @param kind  kind
     */
    public record RouteGroupKind(String group, String kind) {
    }

    /**
     * A certificateRef (Gateway API {@code SecretObjectReference}), defaulted.
     *
     * @param group     group, "" for core
     * @param kind      kind, default Secret
     * @param namespace namespace, default the Gateway's
     * @param name      name
     */
    public record CertificateRef(String group, String kind, String namespace, String name) {
        /** @return whether this names a core Secret */
        public boolean isSecret() {
            return group.isEmpty() && "Secret".equals(kind);
        }
    }

    /**
     * A metav1.LabelSelector evaluated in memory (the sandbox API server ignores set-based selectors, so
     * Capstan never asks the server to evaluate one).
     *
     * @param matchLabels      matchLabels
     * @param matchExpressions matchExpressions (operators In, NotIn, Exists, DoesNotExist)
     */
    public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {
        public LabelSelector {
            matchLabels = Map.copyOf(matchLabels);
            matchExpressions = List.copyOf(matchExpressions);
        }

        /**
         * @param labels labels of a namespace (may be empty)
         * @return whether the selector selects them; an empty selector selects everything (metav1 semantics)
         */
        public boolean matches(Map<String, String> labels) {
            for (Map.Entry<String, String> e : matchLabels.entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
            for (Requirement r : matchExpressions) {
                if (!r.matches(labels)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * One matchExpressions entry.
     *
     * @param key      label key
     * @param operator In, NotIn, Exists or DoesNotExist
     * @param values   values for In and NotIn
     */
    public record Requirement(String key, String operator, List<String> values) {
        public Requirement {
            values = List.copyOf(values);
        }

        boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (operator) {
                case "In" -> v != null && values.contains(v);
                case "NotIn" -> v == null || !values.contains(v);
                case "Exists" -> v != null;
                case "DoesNotExist" -> v == null;
                default -> false;
            };
        }
    }
}
