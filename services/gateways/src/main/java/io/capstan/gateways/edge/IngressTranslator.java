package io.capstan.gateways.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pure: translates an opted-in {@code networking.k8s.io/v1} Ingress (annotation {@value #OPT_IN}{@code : "true"})
 * into HTTPRoutes on the edge Gateway, in the Ingress's namespace, following the mapping of the Gateway API
 * project's ingress2gateway:
 * <ul>
 *   <li>one HTTPRoute per distinct {@code rules[].host} (a rule without host gives a route without hostnames), named
 *   {@code <ingress>-<8 hex of sha256(host)>}, parentRef the edge Gateway;</li>
 *   <li>paths grouped by backend into rules: {@code pathType} Exact stays {@code Exact}, Prefix and
 *   ImplementationSpecific become {@code PathPrefix} (ImplementationSpecific is controller-defined; prefix is
 *   what ingress-nginx does without regex);</li>
 *   <li>{@code defaultBackend}: a {@code PathPrefix /} rule on every host route, plus a route without hostnames;</li>
 *   <li>backend {@code service.port.name} is resolved to the Service's port number; a Service or port that cannot be
 *   resolved, and {@code resource} backends, are left out and reported as problems;</li>
 *   <li>{@code spec.tls} is not copied: HTTPS is served by the edge's listener per hostname with a certificate from
 *   the certificates service, so {@code tls[].secretName} is ignored.</li>
 * </ul>
 */
public final class IngressTranslator {

    /** HTTPRoute spec.rules maxItems. */
    static final int MAX_RULES = 16;
    /** HTTPRouteRule matches maxItems (Gateway API v1 standard channel). */
    static final int MAX_MATCHES = 64;

    /** Opt-in annotation on an Ingress. */
    public static final String OPT_IN = "capstan.io/edge";

    private IngressTranslator() {
    }

    /**
     * @param routes   the HTTPRoutes (owned marks included)
     * @param problems what was left out and why, empty when everything translated
     */
    public record Translation(List<ObjectNode> routes, List<String> problems) {
        public Translation {
            routes = List.copyOf(routes);
            problems = List.copyOf(problems);
        }
    }

    /**
     * @param ingress an Ingress object
     * @return whether it opted in
     */
    public static boolean optedIn(JsonNode ingress) {
        return "true".equalsIgnoreCase(ingress.path("metadata").path("annotations").path(OPT_IN).asText(""));
    }

    /**
     * @param cluster      registered cluster (ownership mark)
     * @param profile      edge settings (the Gateway routes attach to)
     * @param ingress      the Ingress
     * @param servicePorts port numbers by name of the Services of the Ingress's namespace: service name to
     *                     (port name to number); missing Services are absent
     * @return the HTTPRoutes and the problems
     */
    public static Translation translate(String cluster, EdgeProfile profile, JsonNode ingress,
                                        Map<String, Map<String, Integer>> servicePorts) {
        String ns = ingress.path("metadata").path("namespace").asText("default");
        String name = ingress.path("metadata").path("name").asText();
        List<String> problems = new ArrayList<>();
        // host ("" = any) -> backend key -> matches
        Map<String, Map<String, List<ObjectNode>>> byHost = new LinkedHashMap<>();
        Map<String, ObjectNode> backends = new LinkedHashMap<>();
        for (JsonNode rule : ingress.path("spec").path("rules")) {
            String host = rule.path("host").asText("").toLowerCase(Locale.ROOT);
            Map<String, List<ObjectNode>> rules = byHost.computeIfAbsent(host, h -> new LinkedHashMap<>());
            for (JsonNode path : rule.path("http").path("paths")) {
                ObjectNode backend = backend(path.path("backend"), servicePorts, problems,
                    "rule " + (host.isEmpty() ? "*" : host) + " path " + path.path("path").asText("/"));
                if (backend == null) {
                    continue;
                }
                String key = backend.toString();
                backends.putIfAbsent(key, backend);
                ObjectNode match = Nodes.F.objectNode();
                ObjectNode p = match.putObject("path");
                p.put("type", "Exact".equals(path.path("pathType").asText()) ? "Exact" : "PathPrefix");
                p.put("value", path.path("path").asText("/"));
                rules.computeIfAbsent(key, k -> new ArrayList<>()).add(match);
            }
        }
        ObjectNode defaultBackend = null;
        if (ingress.path("spec").has("defaultBackend")) {
            defaultBackend = backend(ingress.path("spec").path("defaultBackend"), servicePorts, problems,
                "defaultBackend");
            if (defaultBackend != null) {
                byHost.computeIfAbsent("", h -> new LinkedHashMap<>());
            }
        }
        List<ObjectNode> routes = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<ObjectNode>>> e : byHost.entrySet()) {
            String host = e.getKey();
            ObjectNode route = Nodes.object(EdgePlanner.GATEWAY_API, "HTTPRoute", ns, routeName(name, host));
            Ownership.stamp(route, cluster);
            Nodes.child(Nodes.child(route, "metadata"), "annotations").put(Ownership.TRANSLATED_FROM, name);
            ObjectNode spec = route.putObject("spec");
            ObjectNode parent = spec.putArray("parentRefs").addObject();
            parent.put("group", "gateway.networking.k8s.io");
            parent.put("kind", "Gateway");
            parent.put("namespace", profile.namespace());
            parent.put("name", profile.gatewayName());
            if (!host.isEmpty()) {
                spec.putArray("hostnames").add(host);
            }
            ArrayNode rules = spec.putArray("rules");
            int maxRules = defaultBackend == null ? MAX_RULES : MAX_RULES - 1;
            for (Map.Entry<String, List<ObjectNode>> r : e.getValue().entrySet()) {
                if (rules.size() == maxRules) {
                    problems.add("host " + (host.isEmpty() ? "*" : host) + ": more than " + maxRules
                        + " backends, backend " + r.getKey() + " left out (HTTPRoute rules maxItems " + MAX_RULES + ")");
                    continue;
                }
                ObjectNode rule = rules.addObject();
                ArrayNode matches = rule.putArray("matches");
                List<ObjectNode> ms = r.getValue();
                if (ms.size() > MAX_MATCHES) {
                    problems.add("host " + (host.isEmpty() ? "*" : host) + ": more than " + MAX_MATCHES
                        + " paths to backend " + r.getKey() + ", the rest left out (matches maxItems)");
                    ms = ms.subList(0, MAX_MATCHES);
                }
                ms.forEach(matches::add);
                rule.putArray("backendRefs").add(backends.get(r.getKey()).deepCopy());
            }
            if (defaultBackend != null) {
                ObjectNode rule = rules.addObject();
                ObjectNode p = rule.putArray("matches").addObject().putObject("path");
                p.put("type", "PathPrefix");
                p.put("value", "/");
                rule.putArray("backendRefs").add(defaultBackend.deepCopy());
            }
            if (rules.isEmpty()) {
                continue;
            }
            routes.add(route);
        }
        return new Translation(routes, problems);
    }

    private static ObjectNode backend(JsonNode backend, Map<String, Map<String, Integer>> servicePorts,
                                      List<String> problems, String where) {
        if (backend.has("resource")) {
            problems.add(where + ": resource backends are not translated");
            return null;
        }
        JsonNode svc = backend.path("service");
        String svcName = svc.path("name").asText("");
        Integer port = null;
        if (svc.path("port").has("number")) {
            port = svc.path("port").path("number").asInt();
        } else if (svc.path("port").has("name")) {
            String portName = svc.path("port").path("name").asText();
            Map<String, Integer> ports = servicePorts.get(svcName);
            port = ports == null ? null : ports.get(portName);
            if (port == null) {
                problems.add(where + ": port " + portName + " of Service " + svcName + " not found");
                return null;
            }
        }
        if (svcName.isEmpty() || port == null) {
            problems.add(where + ": backend without service name and port");
            return null;
        }
        ObjectNode ref = Nodes.F.objectNode();
        ref.put("name", svcName);
        ref.put("port", port);
        return ref;
    }

    /**
     * @param ingress Ingress name
     * @param host    rule host, "" for any
     * @return {@code <ingress>-<8 hex of sha256(host or "*")>}, at most 253 characters
     */
    public static String routeName(String ingress, String host) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                .digest((host.isEmpty() ? "*" : host).getBytes(StandardCharsets.UTF_8));
            String suffix = "-" + HexFormat.of().formatHex(d, 0, 4);
            String base = ingress.length() > 253 - suffix.length() ? ingress.substring(0, 253 - suffix.length()) : ingress;
            return base + suffix;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
