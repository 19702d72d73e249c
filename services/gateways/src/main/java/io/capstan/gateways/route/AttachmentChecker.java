package io.capstan.gateways.route;

import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure Gateway API attachment and reference checks for HTTPRoutes, following the v1 API reference and GEPs:
 * <ul>
 *   <li>{@code ParentReference}: group/kind default to Gateway, namespace to the route's; {@code sectionName}
 *   selects one listener by name, {@code port} the listeners on that port; a parentRef that selects no listener
 *   is {@code Accepted=False NoMatchingParent}.</li>
 *   <li>{@code Listener.allowedRoutes}: {@code namespaces.from} Same (default), All or Selector (a
 *   metav1.LabelSelector on the route's namespace labels); {@code kinds} default to HTTPRoute for HTTP and HTTPS
 *   listeners only. No allowing listener: {@code Accepted=False NotAllowedByListeners}.</li>
 *   <li>Hostnames: see {@link Hostnames}; no allowing listener with an intersecting hostname:
 *   {@code Accepted=False NoMatchingListenerHostname}.</li>
 *   <li>Values the edge cannot serve ({@link HttpRoute#unsupported()}): {@code Accepted=False UnsupportedValue}.</li>
 *   <li>backendRefs: not core Service {@code InvalidKind}; another namespace without a ReferenceGrant from
 *   {@code gateway.networking.k8s.io/HTTPRoute} in the route's namespace to core Service {@code RefNotPermitted};
 *   a missing Service {@code BackendNotFound}; reported on {@code ResolvedRefs} of every parent (precedence in
 *   that order when several refs fail; the message lists them all).</li>
 *   <li>Listener certificateRefs (HTTPS, and TLS in Terminate mode): not core Secret, missing, or without
 *   {@code tls.crt}/{@code tls.key}: {@code InvalidCertificateRef}; another namespace without a ReferenceGrant
 *   from {@code gateway.networking.k8s.io/Gateway} to core Secret: {@code RefNotPermitted}.</li>
 *   <li>{@code attachedRoutes}: routes with a parentRef selecting the listener and allowed by it, whatever their
 *   hostnames or other conditions (ListenerStatus.attachedRoutes).</li>
 * </ul>
 * No I/O, no clock: the conditions come without lastTransitionTime, the status writer stamps them.
 * Thread-safe (stateless).
 */
public final class AttachmentChecker {

    private AttachmentChecker() {
    }

    /**
     * The outcome of the checks.
     *
     * @param routes   one entry per route that names at least one Gateway of the inventory, in inventory order
     * @param gateways one entry per Gateway of the inventory, in inventory order
     */
    public record Report(List<RouteStatus> routes, List<GatewayStatus> gateways) {
        public Report {
            routes = List.copyOf(routes);
            gateways = List.copyOf(gateways);
        }

        /** @return the status of that route, or null when it names no Gateway of the inventory */
        public RouteStatus route(String namespace, String name) {
            return routes.stream().filter(r -> r.route().namespace().equals(namespace)
                && r.route().name().equals(name)).findFirst().orElse(null);
        }

        /** @return the status of that Gateway */
        public GatewayStatus gateway(String namespace, String name) {
            return gateways.stream().filter(g -> g.gateway().namespace().equals(namespace)
                && g.gateway().name().equals(name)).findFirst().orElseThrow();
        }
    }

    /**
     * Checks every route against every Gateway of the inventory.
     *
     * @param inventory the cluster's objects
     * @return route and listener outcomes
     */
    public static Report check(Inventory inventory) {
        Map<String, Gateway> gateways = new HashMap<>();
        Map<String, int[]> attached = new HashMap<>();
        for (Gateway g : inventory.gateways()) {
            gateways.put(Inventory.key(g.namespace(), g.name()), g);
            attached.put(Inventory.key(g.namespace(), g.name()), new int[g.listeners().size()]);
        }
        List<RouteStatus> routes = new ArrayList<>();
        for (HttpRoute route : inventory.routes()) {
            RouteStatus status = checkRoute(route, gateways, inventory, attached);
            if (status != null) {
                routes.add(status);
            }
        }
        List<GatewayStatus> gatewayStatuses = new ArrayList<>();
        for (Gateway g : inventory.gateways()) {
            int[] counts = attached.get(Inventory.key(g.namespace(), g.name()));
            List<GatewayStatus.ListenerResult> listeners = new ArrayList<>();
            for (int i = 0; i < g.listeners().size(); i++) {
                Listener l = g.listeners().get(i);
                listeners.add(new GatewayStatus.ListenerResult(l.name(), counts[i], supportedKinds(l),
                    certificateRefs(g, l, inventory)));
            }
            gatewayStatuses.add(new GatewayStatus(g, listeners));
        }
        return new Report(routes, gatewayStatuses);
    }

    private static RouteStatus checkRoute(HttpRoute route, Map<String, Gateway> gateways, Inventory inventory,
                                          Map<String, int[]> attached) {
        List<RouteStatus.Parent> parents = new ArrayList<>();
        Condition resolved = null;
        // a route counts once per listener even when two of its parentRefs select the same listener
        Map<String, boolean[]> counted = new HashMap<>();
        for (ParentRef ref : route.parentRefs()) {
            if (!ref.isGateway()) {
                continue;
            }
            String gwKey = Inventory.key(ref.namespace(), ref.name());
            Gateway gw = gateways.get(gwKey);
            if (gw == null) {
                continue;
            }
            if (resolved == null) {
                resolved = backendRefs(route, inventory);
            }
            Condition accepted;
            List<String> attachedListeners = new ArrayList<>();
            List<Integer> selected = new ArrayList<>();
            for (int i = 0; i < gw.listeners().size(); i++) {
                Listener l = gw.listeners().get(i);
                if ((ref.sectionName() == null || ref.sectionName().equals(l.name()))
                    && (ref.port() == null || ref.port() == l.port())) {
                    selected.add(i);
                }
            }
            if (selected.isEmpty()) {
                accepted = cond(Reasons.ACCEPTED, false, Reasons.NO_MATCHING_PARENT,
                    "Gateway " + gwKey + " has no listener" + selection(ref), route);
            } else {
                List<Integer> allowed = new ArrayList<>();
                List<String> refusals = new ArrayList<>();
                for (int i : selected) {
                    Listener l = gw.listeners().get(i);
                    String why = refusal(l, gw, route, inventory);
                    if (why == null) {
                        allowed.add(i);
                        boolean[] seen = counted.computeIfAbsent(gwKey, k -> new boolean[gw.listeners().size()]);
                        if (!seen[i]) {
                            seen[i] = true;
                            attached.get(gwKey)[i]++;
                        }
                    } else {
                        refusals.add("listener " + l.name() + ": " + why);
                    }
                }
                if (allowed.isEmpty()) {
                    accepted = cond(Reasons.ACCEPTED, false, Reasons.NOT_ALLOWED_BY_LISTENERS,
                        "no listener of Gateway " + gwKey + selection(ref) + " allows this route ("
                            + String.join("; ", refusals) + ")", route);
                } else {
                    for (int i : allowed) {
                        Listener l = gw.listeners().get(i);
                        if (Hostnames.matches(l.hostname(), route.hostnames())) {
                            attachedListeners.add(l.name());
                        }
                    }
                    if (attachedListeners.isEmpty()) {
                        List<String> names = new ArrayList<>();
                        for (int i : allowed) {
                            Listener l = gw.listeners().get(i);
                            names.add(l.name() + "=" + l.hostname());
                        }
                        accepted = cond(Reasons.ACCEPTED, false, Reasons.NO_MATCHING_LISTENER_HOSTNAME,
                            "route hostnames " + route.hostnames() + " intersect no hostname of the allowing"
                                + " listeners of Gateway " + gwKey + " " + names, route);
                    } else if (!route.unsupported().isEmpty()) {
                        accepted = cond(Reasons.ACCEPTED, false, Reasons.UNSUPPORTED_VALUE,
                            "unsupported: " + String.join(", ", route.unsupported()), route);
                        attachedListeners.clear();
                    } else {
                        accepted = cond(Reasons.ACCEPTED, true, Reasons.ACCEPTED,
                            "accepted by Gateway " + gwKey + " listeners " + attachedListeners, route);
                    }
                }
            }
            parents.add(new RouteStatus.Parent(ref, List.of(accepted, resolved), attachedListeners));
        }
        return parents.isEmpty() ? null : new RouteStatus(route, parents);
    }

    private static String selection(ParentRef ref) {
        StringBuilder sb = new StringBuilder();
        if (ref.sectionName() != null) {
            sb.append(" named ").append(ref.sectionName());
        }
        if (ref.port() != null) {
            sb.append(" on port ").append(ref.port());
        }
        return sb.toString();
    }

    /** @return why the listener refuses the route, or null when it allows it */
    private static String refusal(Listener l, Gateway gw, HttpRoute route, Inventory inventory) {
        if (!supportedKinds(l).contains(Reasons.HTTP_ROUTE)) {
            return "kinds " + supportedKinds(l) + " on protocol " + l.protocol() + " exclude HTTPRoute";
        }
        Listener.AllowedRoutes allowed = l.allowedRoutes();
        return switch (allowed.from()) {
            case All -> null;
            case Same -> route.namespace().equals(gw.namespace()) ? null
                : "namespaces from Same, route namespace " + route.namespace() + " is not " + gw.namespace();
            case Selector -> {
                Map<String, String> labels = inventory.namespaceLabels().getOrDefault(route.namespace(), Map.of());
                if (allowed.selector() == null) {
                    yield "namespaces from Selector without a selector";
                }
                yield allowed.selector().matches(labels) ? null
                    : "namespace " + route.namespace() + " not selected by " + describe(allowed.selector());
            }
        };
    }

    private static String describe(Listener.LabelSelector s) {
        List<String> parts = new ArrayList<>();
        s.matchLabels().entrySet().stream().sorted(Map.Entry.comparingByKey())
            .forEach(e -> parts.add(e.getKey() + "=" + e.getValue()));
        for (Listener.Requirement r : s.matchExpressions()) {
            parts.add(r.key() + " " + r.operator() + " " + r.values());
        }
        return String.join(",", parts);
    }

    /**
     * @param l a listener
     * @return the route kinds it accepts: its explicit kinds of the Gateway API group that Capstan knows, or the
     *     protocol's defaults (HTTPRoute for HTTP and HTTPS, TLSRoute for TLS, TCPRoute for TCP, UDPRoute for UDP)
     */
    static List<String> supportedKinds(Listener l) {
        if (!l.allowedRoutes().kinds().isEmpty()) {
            List<String> kinds = new ArrayList<>();
            for (Listener.RouteGroupKind k : l.allowedRoutes().kinds()) {
                if (Reasons.GROUP.equals(k.group()) && !kinds.contains(k.kind())) {
                    kinds.add(k.kind());
                }
            }
            return kinds;
        }
        return switch (l.protocol()) {
            case "HTTP", "HTTPS" -> List.of(Reasons.HTTP_ROUTE);
            case "TLS" -> List.of("TLSRoute");
            case "TCP" -> List.of("TCPRoute");
            case "UDP" -> List.of("UDPRoute");
            default -> List.of();
        };
    }

    private static Condition backendRefs(HttpRoute route, Inventory inventory) {
        List<String> notPermitted = new ArrayList<>();
        List<String> invalidKind = new ArrayList<>();
        List<String> notFound = new ArrayList<>();
        for (BackendRef b : route.backendRefs()) {
            String target = b.namespace() + "/" + b.name();
            if (!b.isService()) {
                invalidKind.add((b.group().isEmpty() ? "core" : b.group()) + "/" + b.kind() + " " + target);
                continue;
            }
            if (!b.namespace().equals(route.namespace()) && !granted(inventory, Reasons.GROUP, Reasons.HTTP_ROUTE,
                route.namespace(), "", "Service", b.namespace(), b.name())) {
                notPermitted.add("Service " + target);
                continue;
            }
            if (!inventory.services().contains(target)) {
                notFound.add("Service " + target);
            }
        }
        if (!notPermitted.isEmpty()) {
            return cond(Reasons.RESOLVED_REFS, false, Reasons.REF_NOT_PERMITTED,
                "no ReferenceGrant permits HTTPRoute in " + route.namespace() + " to reference "
                    + String.join(", ", notPermitted) + others(invalidKind, notFound), route);
        }
        if (!invalidKind.isEmpty()) {
            return cond(Reasons.RESOLVED_REFS, false, Reasons.INVALID_KIND,
                "backendRefs must be core Services: " + String.join(", ", invalidKind) + others(List.of(), notFound),
                route);
        }
        if (!notFound.isEmpty()) {
            return cond(Reasons.RESOLVED_REFS, false, Reasons.BACKEND_NOT_FOUND,
                "not found: " + String.join(", ", notFound), route);
        }
        return cond(Reasons.RESOLVED_REFS, true, Reasons.RESOLVED_REFS, "all references resolved", route);
    }

    private static String others(List<String> invalidKind, List<String> notFound) {
        StringBuilder sb = new StringBuilder();
        if (!invalidKind.isEmpty()) {
            sb.append("; invalid kind: ").append(String.join(", ", invalidKind));
        }
        if (!notFound.isEmpty()) {
            sb.append("; not found: ").append(String.join(", ", notFound));
        }
        return sb.toString();
    }

    private static Condition certificateRefs(Gateway g, Listener l, Inventory inventory) {
        boolean terminates = "HTTPS".equals(l.protocol())
            || ("TLS".equals(l.protocol()) && "Terminate".equals(l.tlsMode()));
        long gen = g.generation();
        if (!terminates) {
            return new Condition(Reasons.RESOLVED_REFS, ConditionStatus.True, Reasons.RESOLVED_REFS,
                "no certificate needed", null, gen);
        }
        if (l.certificateRefs().isEmpty()) {
            return new Condition(Reasons.RESOLVED_REFS, ConditionStatus.False, Reasons.INVALID_CERTIFICATE_REF,
                "listener terminates TLS but has no certificateRefs", null, gen);
        }
        List<String> invalid = new ArrayList<>();
        List<String> notPermitted = new ArrayList<>();
        for (Listener.CertificateRef ref : l.certificateRefs()) {
            String target = ref.namespace() + "/" + ref.name();
            if (!ref.isSecret()) {
                invalid.add((ref.group().isEmpty() ? "core" : ref.group()) + "/" + ref.kind() + " " + target
                    + " is not a core Secret");
                continue;
            }
            if (!ref.namespace().equals(g.namespace()) && !granted(inventory, Reasons.GROUP, Reasons.GATEWAY,
                g.namespace(), "", "Secret", ref.namespace(), ref.name())) {
                notPermitted.add("Secret " + target);
                continue;
            }
            Boolean tls = inventory.secrets().get(target);
            if (tls == null) {
                invalid.add("Secret " + target + " not found");
            } else if (!tls) {
                invalid.add("Secret " + target + " lacks tls.crt/tls.key");
            }
        }
        if (!notPermitted.isEmpty()) {
            return new Condition(Reasons.RESOLVED_REFS, ConditionStatus.False, Reasons.REF_NOT_PERMITTED,
                "no ReferenceGrant permits Gateway " + g.namespace() + "/" + g.name() + " to reference "
                    + String.join(", ", notPermitted), null, gen);
        }
        if (!invalid.isEmpty()) {
            return new Condition(Reasons.RESOLVED_REFS, ConditionStatus.False, Reasons.INVALID_CERTIFICATE_REF,
                String.join("; ", invalid), null, gen);
        }
        return new Condition(Reasons.RESOLVED_REFS, ConditionStatus.True, Reasons.RESOLVED_REFS,
            "all certificateRefs resolved", null, gen);
    }

    private static boolean granted(Inventory inventory, String fromGroup, String fromKind, String fromNamespace,
                                   String toGroup, String toKind, String toNamespace, String toName) {
        for (ReferenceGrant g : inventory.grants()) {
            if (g.permits(fromGroup, fromKind, fromNamespace, toGroup, toKind, toNamespace, toName)) {
                return true;
            }
        }
        return false;
    }

    private static Condition cond(String type, boolean ok, String reason, String message, HttpRoute route) {
        return new Condition(type, ok ? ConditionStatus.True : ConditionStatus.False, reason, message, null,
            route.generation());
    }
}
