package io.capstan.dns.source;

import io.capstan.dns.endpoint.SourceRef;

import io.capstan.dns.endpoint.Endpoint;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Endpoints of Gateway API routes ({@code gateway.networking.k8s.io} HTTPRoute, GRPCRoute, TLSRoute), as ExternalDNS's
 * {@code source/gateway.go}:
 * <ul>
 *   <li>names: {@code spec.hostnames[]} plus the route's {@code hostname} annotation; a route without either takes
 *   the {@code hostname} of the parent's listeners (the one named by {@code parentRefs[].sectionName}, else all);
 *   when every matched listener has a hostname, a route hostname that none of them matches (equal, or one side a
 *   {@code *.} wildcard of the other) is not published through that parent;</li>
 *   <li>targets: the route's {@code target} annotation, else for every parent Gateway ({@code parentRefs[]} of kind
 *   Gateway, namespace defaulting to the route's) its {@code target} annotation, else its
 *   {@code status.addresses[].value} (IPAddress or Hostname);</li>
 *   <li>a parent for which the route's {@code status.parents[]} says {@code Accepted=False} is skipped (a route
 *   without status, as in an API server with no Gateway controller, is taken as accepted);</li>
 *   <li>TTL from the route's {@code ttl} annotation.</li>
 * </ul>
 */
public final class RouteSource {

    /** The route kinds read. */
    public static final Set<String> KINDS = Set.of("HTTPRoute", "GRPCRoute", "TLSRoute");
    /** The Gateway API group. */
    public static final String GROUP = "gateway.networking.k8s.io";

    private RouteSource() {
    }

    /**
     * @param kind     HTTPRoute, GRPCRoute or TLSRoute
     * @param route    the route object JSON
     * @param gateways finds the parent Gateways
     * @param problems receives what is wrong
     * @return its endpoints
     */
    public static List<Endpoint> endpoints(String kind, JsonNode route, GatewayLookup gateways,
                                                 List<SourceProblem> problems) {
        if (Annotations.otherController(route)) {
            return List.of();
        }
        SourceRef ref = Endpoints.ref(kind, route);
        List<String> routeHosts = new ArrayList<>();
        Endpoints.addText(routeHosts, route.path("spec").path("hostnames"));
        for (String h : Annotations.list(route, "hostname")) {
            if (!routeHosts.contains(h)) {
                routeHosts.add(h);
            }
        }
        List<String> routeTargets = Annotations.list(route, "target");
        long ttl = Endpoints.ttl(route, ref, problems);
        List<String> hosts = new ArrayList<>();
        List<String> targets = new ArrayList<>(routeTargets);
        boolean anyParent = false;
        for (JsonNode parent : route.path("spec").path("parentRefs")) {
            String group = parent.path("group").asText(GROUP);
            String pkind = parent.path("kind").asText("Gateway");
            if (!GROUP.equals(group) || !"Gateway".equals(pkind)) {
                continue;
            }
            String ns = parent.path("namespace").asText(ref.namespace());
            String name = parent.path("name").asText("");
            if (name.isEmpty() || rejected(route, ns, name, ref.namespace())) {
                continue;
            }
            JsonNode gw = gateways.gateway(ns, name).orElse(null);
            if (gw == null) {
                problems.add(new SourceProblem(ref, null, "ParentGatewayNotFound",
                        "parent Gateway " + ns + "/" + name + " is not in the cluster"));
                continue;
            }
            anyParent = true;
            List<String> listenerHosts = new ArrayList<>();
            boolean everyListenerNamed = true;
            String section = parent.path("sectionName").asText("");
            for (JsonNode l : gw.path("spec").path("listeners")) {
                if (!section.isEmpty() && !section.equals(l.path("name").asText())) {
                    continue;
                }
                String lh = l.path("hostname").asText("").trim();
                if (lh.isEmpty()) {
                    everyListenerNamed = false;
                } else if (!listenerHosts.contains(lh)) {
                    listenerHosts.add(lh);
                }
            }
            if (routeHosts.isEmpty()) {
                listenerHosts.stream().filter(h -> !hosts.contains(h)).forEach(hosts::add);
            } else {
                for (String h : routeHosts) {
                    boolean ok = !everyListenerNamed || listenerHosts.isEmpty()
                            || listenerHosts.stream().anyMatch(lh -> matches(lh, h));
                    if (ok && !hosts.contains(h)) {
                        hosts.add(h);
                    }
                }
            }
            if (routeTargets.isEmpty()) {
                List<String> gwTargets = Annotations.list(gw, "target");
                if (gwTargets.isEmpty()) {
                    for (JsonNode a : gw.path("status").path("addresses")) {
                        String v = a.path("value").asText("").trim();
                        if (!v.isEmpty()) {
                            gwTargets.add(v);
                        }
                    }
                }
                gwTargets.stream().filter(t -> !targets.contains(t)).forEach(targets::add);
            }
        }
        if (!anyParent) {
            return List.of();
        }
        return Endpoints.forHostnames(hosts, targets, ttl, ref, Endpoints.createdAt(route));
    }

    /** True when the route's status says the parent did not accept it. */
    private static boolean rejected(JsonNode route, String ns, String name, String routeNs) {
        for (JsonNode p : route.path("status").path("parents")) {
            JsonNode ref = p.path("parentRef");
            if (!name.equals(ref.path("name").asText()) || !ns.equals(ref.path("namespace").asText(routeNs))) {
                continue;
            }
            for (JsonNode c : p.path("conditions")) {
                if ("Accepted".equals(c.path("type").asText()) && "False".equals(c.path("status").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Gateway API hostname matching of a listener hostname and a route hostname (either may be a wildcard). */
    static boolean matches(String listener, String route) {
        String l = strip(listener);
        String r = strip(route);
        if (l.equals(r)) {
            return true;
        }
        if (l.startsWith("*.")) {
            return r.endsWith(l.substring(1)) && r.length() > l.length() - 1;
        }
        if (r.startsWith("*.")) {
            return l.endsWith(r.substring(1)) && l.length() > r.length() - 1;
        }
        return false;
    }

    private static String strip(String h) {
        String s = h.trim().toLowerCase(Locale.ROOT);
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
