package io.capstan.gateways.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.gateways.route.GatewayStatus;
import io.capstan.gateways.route.Reasons;
import io.capstan.gateways.route.RouteStatus;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.Conditions;
import io.capstan.model.status.StatusEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pure: the {@code capstan.status} entries of the edge (component {@code gateways}), documented in
 * docs/asyncapi.yaml as {@code GatewaysEdgeGatewayDetails} and {@code GatewaysHttpRouteDetails}.
 * <ul>
 *   <li>Per HTTPRoute with a parentRef to a Gateway of the profile's controller: subject
 *   {@code gateway.networking.k8s.io/v1 HTTPRoute ns/name}, conditions {@code Ready}, {@code Accepted},
 *   {@code ResolvedRefs} (False with the first failing parent's reason), details {@code {controllerName, hostnames,
 *   parents: [{gateway: {namespace, name}, sectionName, port, listeners, accepted: {status, reason, message},
 *   resolvedRefs: {...}}], translatedFrom: {kind: Ingress, namespace, name} | null}}.</li>
 *   <li>The edge Gateway: subject {@code gateway.networking.k8s.io/v1 Gateway ns/name}, condition {@code Ready}
 *   (True reason {@code Ready} once the Gateway has an address and every HTTPS listener's certificate Secret
 *   resolves; False {@code AddressNotAssigned}, {@code WaitingForCertificates}, {@code NotOwned}), details
 *   {@code {className, controllerName, clusterIssuer, service: {namespace, name}, addresses: [...], listeners:
 *   [{name, protocol, port, hostname, certificateSecret, attachedRoutes, resolvedRefs: {status, reason, message}}],
 *   omittedHostnames: [...], conflicts: [...]}}.</li>
 * </ul>
 * Conditions carry no lastTransitionTime (the status ledger stamps them); observedGeneration is the object's.
 */
public final class EdgeReport {

    /** Status component name. */
    public static final String COMPONENT = "gateways";
    /** Ready reason of an edge Gateway without an address yet. */
    public static final String ADDRESS_NOT_ASSIGNED = "AddressNotAssigned";
    /** Ready reason of an edge Gateway whose listener certificates are not (all) issued yet. */
    public static final String WAITING_FOR_CERTIFICATES = "WaitingForCertificates";
    /** Ready reason when the cluster does not serve the Gateway API. */
    public static final String GATEWAY_API_MISSING = "GatewayAPINotInstalled";
    /** Ready reason when an edge object exists but is not Capstan's. */
    public static final String NOT_OWNED = "NotOwned";

    private EdgeReport() {
    }

    /**
     * @param cluster        cluster name
     * @param status         the checked route
     * @param translatedFrom name of the Ingress (same namespace) the route was translated from, or null
     * @return the route's entry
     */
    public static StatusEvent route(String cluster, RouteStatus status, String translatedFrom) {
        var route = status.route();
        List<Condition> conditions = new ArrayList<>();
        Condition accepted = firstFailing(status, Reasons.ACCEPTED);
        Condition resolved = firstFailing(status, Reasons.RESOLVED_REFS);
        Condition ready;
        if (accepted.status() != ConditionStatus.True) {
            ready = Condition.of(Conditions.READY, ConditionStatus.False, accepted.reason(), accepted.message());
        } else if (resolved.status() != ConditionStatus.True) {
            ready = Condition.of(Conditions.READY, ConditionStatus.False, resolved.reason(), resolved.message());
        } else {
            ready = Condition.of(Conditions.READY, ConditionStatus.True, Reasons.ACCEPTED,
                "accepted by " + status.parents().size() + " parent(s), all references resolved");
        }
        conditions.add(stamp(ready, route.generation()));
        conditions.add(stamp(accepted, route.generation()));
        conditions.add(stamp(resolved, route.generation()));
        ObjectNode d = Nodes.F.objectNode();
        d.put("controllerName", RouteStatusMerge.CONTROLLER_NAME);
        ArrayNode hosts = d.putArray("hostnames");
        route.hostnames().forEach(hosts::add);
        ArrayNode parents = d.putArray("parents");
        for (RouteStatus.Parent p : status.parents()) {
            ObjectNode e = parents.addObject();
            e.putObject("gateway").put("namespace", p.parentRef().namespace()).put("name", p.parentRef().name());
            if (p.parentRef().sectionName() == null) {
                e.putNull("sectionName");
            } else {
                e.put("sectionName", p.parentRef().sectionName());
            }
            if (p.parentRef().port() == null) {
                e.putNull("port");
            } else {
                e.put("port", p.parentRef().port());
            }
            ArrayNode l = e.putArray("listeners");
            p.listeners().forEach(l::add);
            e.set("accepted", brief(p.condition(Reasons.ACCEPTED)));
            e.set("resolvedRefs", brief(p.condition(Reasons.RESOLVED_REFS)));
        }
        if (translatedFrom == null) {
            d.putNull("translatedFrom");
        } else {
            d.putObject("translatedFrom").put("kind", "Ingress").put("namespace", route.namespace())
                .put("name", translatedFrom);
        }
        return new StatusEvent(cluster, COMPONENT, new StatusEvent.Subject(EdgePlanner.GATEWAY_API, "HTTPRoute",
            route.namespace(), route.name()), route.generation(), null, conditions, d);
    }

    /**
     * @param cluster   cluster name
     * @param profile   edge settings
     * @param plan      the planned edge
     * @param gateway   listener outcome of the edge Gateway, or null when it is not in the cluster yet
     * @param observed  the edge Gateway as read from the cluster (for status.addresses and generation), or null
     * @param conflicts edge objects that exist without Capstan's marks (never touched), e.g.
     *                  {@code "Service capstan-gateways/edge-capstan-edge"}
     * @return the edge Gateway's entry
     */
    public static StatusEvent gateway(String cluster, EdgeProfile profile, EdgePlanner.Plan plan,
                                      GatewayStatus gateway, JsonNode observed, List<String> conflicts) {
        long generation = observed == null ? 0 : observed.path("metadata").path("generation").asLong(0);
        List<String> addresses = new ArrayList<>();
        if (observed != null) {
            for (JsonNode a : observed.path("status").path("addresses")) {
                addresses.add(a.path("value").asText());
            }
        }
        ObjectNode d = Nodes.F.objectNode();
        d.put("className", profile.className());
        d.put("controllerName", profile.controllerName());
        if (profile.clusterIssuer() == null) {
            d.putNull("clusterIssuer");
        } else {
            d.put("clusterIssuer", profile.clusterIssuer());
        }
        d.putObject("service").put("namespace", profile.namespace()).put("name", profile.serviceName());
        ArrayNode addr = d.putArray("addresses");
        addresses.forEach(addr::add);
        ArrayNode listeners = d.putArray("listeners");
        List<String> waiting = new ArrayList<>();
        for (JsonNode l : plan.gateway().path("spec").path("listeners")) {
            ObjectNode e = listeners.addObject();
            String name = l.path("name").asText();
            e.put("name", name);
            e.put("protocol", l.path("protocol").asText());
            e.put("port", l.path("port").asInt());
            if (l.has("hostname")) {
                e.put("hostname", l.path("hostname").asText());
                e.put("certificateSecret", l.path("tls").path("certificateRefs").path(0).path("name").asText());
            } else {
                e.putNull("hostname");
                e.putNull("certificateSecret");
            }
            GatewayStatus.ListenerResult r = null;
            if (gateway != null) {
                r = gateway.listeners().stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
            }
            e.put("attachedRoutes", r == null ? 0 : r.attachedRoutes());
            if (r == null) {
                e.putObject("resolvedRefs").put("status", "Unknown").put("reason", "Pending")
                    .put("message", "listener not in the cluster yet");
                if (l.has("tls")) {
                    waiting.add(name);
                }
            } else {
                e.set("resolvedRefs", brief(r.resolvedRefs()));
                if (r.resolvedRefs().status() != ConditionStatus.True) {
                    waiting.add(name);
                }
            }
        }
        ArrayNode omitted = d.putArray("omittedHostnames");
        plan.omitted().forEach(omitted::add);
        ArrayNode conflictNode = d.putArray("conflicts");
        conflicts.forEach(conflictNode::add);
        Condition ready;
        if (!conflicts.isEmpty()) {
            ready = Condition.of(Conditions.READY, ConditionStatus.False, NOT_OWNED,
                "exists without Capstan's ownership marks, left untouched: " + String.join(", ", conflicts));
        } else if (addresses.isEmpty()) {
            ready = Condition.of(Conditions.READY, ConditionStatus.False, ADDRESS_NOT_ASSIGNED,
                "the Gateway has no address yet (its Service " + profile.namespace() + "/" + profile.serviceName()
                    + " waits for a load-balancer address, then the gateway controller publishes it)");
        } else if (!waiting.isEmpty()) {
            ready = Condition.of(Conditions.READY, ConditionStatus.False, WAITING_FOR_CERTIFICATES,
                "listeners waiting for their certificate Secret: " + String.join(", ", waiting));
        } else {
            ready = Condition.of(Conditions.READY, ConditionStatus.True, "Ready",
                "addresses " + addresses + ", " + plan.hostnames().size() + " HTTPS listener(s) with certificates");
        }
        return new StatusEvent(cluster, COMPONENT, new StatusEvent.Subject(EdgePlanner.GATEWAY_API, "Gateway",
            profile.namespace(), profile.gatewayName()), generation, null, List.of(stamp(ready, generation)), d);
    }

    /**
     * The edge Gateway's entry when the cluster does not serve the Gateway API ({@code gateway.networking.k8s.io/v1}
     * answers 404): {@code Ready=False} reason {@value #GATEWAY_API_MISSING}, no details.
     *
     * @param cluster cluster name
     * @param profile edge settings
     * @return the entry
     */
    public static StatusEvent gatewayApiMissing(String cluster, EdgeProfile profile) {
        return new StatusEvent(cluster, COMPONENT, new StatusEvent.Subject(EdgePlanner.GATEWAY_API, "Gateway",
            profile.namespace(), profile.gatewayName()), 0, null, List.of(Condition.of(Conditions.READY,
                ConditionStatus.False, GATEWAY_API_MISSING, "the cluster does not serve gateway.networking.k8s.io/v1 "
                    + "(install the Gateway API CRDs and a controller for " + profile.controllerName() + ")")), null);
    }

    private static Condition firstFailing(RouteStatus status, String type) {
        for (RouteStatus.Parent p : status.parents()) {
            Condition c = p.condition(type);
            if (c.status() != ConditionStatus.True) {
                return c;
            }
        }
        return status.parents().get(0).condition(type);
    }

    private static Condition stamp(Condition c, long generation) {
        return new Condition(c.type(), c.status(), c.reason(), c.message(), null, generation);
    }

    private static ObjectNode brief(Condition c) {
        return Nodes.F.objectNode().put("status", c.status().name()).put("reason", c.reason())
            .put("message", c.message());
    }

    /** @return a map view for tests: key to event */
    static Map<String, StatusEvent> byKey(List<StatusEvent> events) {
        Map<String, StatusEvent> m = new java.util.LinkedHashMap<>();
        events.forEach(e -> m.put(e.key(), e));
        return m;
    }
}
