package io.capstan.gateways.route;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads Gateway API objects, as the API server serves them in JSON, into the records the checks use, applying
 * the API defaults of {@code gateway.networking.k8s.io/v1} (ParentReference, BackendObjectReference,
 * SecretObjectReference, AllowedRoutes, GatewayTLSConfig). Lenient: a missing optional field takes its default; a
 * missing required field (a name) makes the entry empty-named, which then resolves to nothing.
 */
public final class GatewayApiReader {

    /** HTTPRoute filter types of the standard channel that an edge proxy such as Istio or Envoy Gateway serves. */
    private static final Set<String> FILTERS = Set.of("RequestHeaderModifier", "ResponseHeaderModifier",
        "RequestRedirect", "URLRewrite", "RequestMirror", "CORS");
    /** HTTPPathMatch types. */
    private static final Set<String> PATH_TYPES = Set.of("Exact", "PathPrefix", "RegularExpression");

    private GatewayApiReader() {
    }

    /**
     * @param route            an HTTPRoute object
     * @param defaultNamespace namespace to use when metadata.namespace is absent (a manifest applied to a context)
     * @return the route
     */
    public static HttpRoute httpRoute(JsonNode route, String defaultNamespace) {
        String ns = namespace(route, defaultNamespace);
        JsonNode spec = route.path("spec");
        List<ParentRef> parents = new ArrayList<>();
        for (JsonNode p : spec.path("parentRefs")) {
            parents.add(new ParentRef(text(p, "group", Reasons.GROUP), text(p, "kind", Reasons.GATEWAY),
                text(p, "namespace", ns), text(p, "name", ""), text(p, "sectionName", null),
                p.hasNonNull("port") ? p.get("port").asInt() : null));
        }
        List<String> hostnames = new ArrayList<>();
        for (JsonNode h : spec.path("hostnames")) {
            hostnames.add(h.asText().toLowerCase(Locale.ROOT));
        }
        List<BackendRef> backends = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        for (JsonNode rule : spec.path("rules")) {
            for (JsonNode b : rule.path("backendRefs")) {
                backends.add(new BackendRef(text(b, "group", ""), text(b, "kind", "Service"),
                    text(b, "namespace", ns), text(b, "name", ""), b.hasNonNull("port") ? b.get("port").asInt() : null));
            }
            for (JsonNode f : rule.path("filters")) {
                String type = f.path("type").asText("");
                if (!FILTERS.contains(type)) {
                    unsupported.add("filter type " + (type.isEmpty() ? "(none)" : type));
                }
            }
            for (JsonNode m : rule.path("matches")) {
                String pathType = m.path("path").path("type").asText("PathPrefix");
                if (!PATH_TYPES.contains(pathType)) {
                    unsupported.add("path match type " + pathType);
                }
            }
        }
        return new HttpRoute(ns, name(route), generation(route), parents, hostnames, backends, unsupported);
    }

    /**
     * @param gateway          a Gateway object
     * @param defaultNamespace namespace when metadata.namespace is absent
     * @return the Gateway
     */
    public static Gateway gateway(JsonNode gateway, String defaultNamespace) {
        String ns = namespace(gateway, defaultNamespace);
        List<Listener> listeners = new ArrayList<>();
        for (JsonNode l : gateway.path("spec").path("listeners")) {
            JsonNode allowed = l.path("allowedRoutes");
            JsonNode namespaces = allowed.path("namespaces");
            Listener.From from = switch (namespaces.path("from").asText("Same")) {
                case "All" -> Listener.From.All;
                case "Selector" -> Listener.From.Selector;
                default -> Listener.From.Same;
            };
            Listener.LabelSelector selector = namespaces.has("selector") ? selector(namespaces.get("selector")) : null;
            List<Listener.RouteGroupKind> kinds = new ArrayList<>();
            for (JsonNode k : allowed.path("kinds")) {
                kinds.add(new Listener.RouteGroupKind(text(k, "group", Reasons.GROUP), text(k, "kind", "")));
            }
            JsonNode tls = l.path("tls");
            String mode = tls.isMissingNode() || tls.isNull() ? null : text(tls, "mode", "Terminate");
            List<Listener.CertificateRef> certs = new ArrayList<>();
            for (JsonNode c : tls.path("certificateRefs")) {
                certs.add(new Listener.CertificateRef(text(c, "group", ""), text(c, "kind", "Secret"),
                    text(c, "namespace", ns), text(c, "name", "")));
            }
            String hostname = text(l, "hostname", null);
            listeners.add(new Listener(text(l, "name", ""), text(l, "protocol", ""), l.path("port").asInt(),
                hostname == null ? null : hostname.toLowerCase(Locale.ROOT),
                new Listener.AllowedRoutes(from, selector, kinds), mode, certs));
        }
        return new Gateway(ns, name(gateway), generation(gateway), text(gateway.path("spec"), "gatewayClassName", ""),
            listeners);
    }

    /**
     * @param grant            a ReferenceGrant object (v1beta1 or v1)
     * @param defaultNamespace namespace when metadata.namespace is absent
     * @return the grant
     */
    public static ReferenceGrant referenceGrant(JsonNode grant, String defaultNamespace) {
        List<ReferenceGrant.From> from = new ArrayList<>();
        for (JsonNode f : grant.path("spec").path("from")) {
            from.add(new ReferenceGrant.From(text(f, "group", ""), text(f, "kind", ""), text(f, "namespace", "")));
        }
        List<ReferenceGrant.To> to = new ArrayList<>();
        for (JsonNode t : grant.path("spec").path("to")) {
            to.add(new ReferenceGrant.To(text(t, "group", ""), text(t, "kind", ""), text(t, "name", null)));
        }
        return new ReferenceGrant(namespace(grant, defaultNamespace), name(grant), from, to);
    }

    /**
     * @param secret a core v1 Secret object (its data is only tested for keys, never read or logged)
     * @return whether it holds {@code tls.crt} and {@code tls.key}
     */
    public static boolean hasTlsData(JsonNode secret) {
        JsonNode data = secret.path("data");
        return data.hasNonNull("tls.crt") && data.hasNonNull("tls.key");
    }

    /**
     * @param object any object
     * @return metadata.labels as a map
     */
    public static Map<String, String> labels(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.path("metadata").path("labels").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static Listener.LabelSelector selector(JsonNode s) {
        Map<String, String> labels = new LinkedHashMap<>();
        s.path("matchLabels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        List<Listener.Requirement> reqs = new ArrayList<>();
        for (JsonNode r : s.path("matchExpressions")) {
            List<String> values = new ArrayList<>();
            r.path("values").forEach(v -> values.add(v.asText()));
            reqs.add(new Listener.Requirement(text(r, "key", ""), text(r, "operator", ""), values));
        }
        return new Listener.LabelSelector(labels, reqs);
    }

    private static String namespace(JsonNode o, String defaultNamespace) {
        return text(o.path("metadata"), "namespace", defaultNamespace);
    }

    private static String name(JsonNode o) {
        return text(o.path("metadata"), "name", "");
    }

    private static long generation(JsonNode o) {
        return o.path("metadata").path("generation").asLong(0);
    }

    private static String text(JsonNode n, String field, String dflt) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? dflt : v.asText();
    }
}
