package io.capstan.gateways.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.gateways.route.ParentRef;
import io.capstan.gateways.route.RouteStatus;
import io.capstan.model.status.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Pure: the {@code status} of an HTTPRoute with Capstan's {@code status.parents[]} entries
 * ({@code RouteParentStatus}: parentRef, controllerName, conditions) replaced and every other controller's entry
 * kept as it was. A condition keeps its {@code lastTransitionTime} while its status is unchanged (metav1.Condition
 * semantics); {@code observedGeneration} is the route's generation. The result equals the input when nothing
 * changed, so the writer skips the update.
 */
public final class RouteStatusMerge {

    /**
     * The {@code controllerName} Capstan writes in route status: Capstan's attachment check, a controller of its
     * own beside the data-plane controller (for example Istio, which writes its own entry under
     * {@code istio.io/gateway-controller}), so the two never overwrite each other.
     */
    public static final String CONTROLLER_NAME = "capstan.io/gateways";
    /** RouteStatus.parents maxItems. */
    public static final int MAX_PARENTS = 32;

    private RouteStatusMerge() {
    }

    /**
     * @param current the route's current {@code status} (missing or null when none)
     * @param ours    Capstan's outcome per managed parentRef; empty removes Capstan's entries
     * @param now     transition time for a condition whose status flips
     * @return the new status object
     */
    public static ObjectNode merge(JsonNode current, List<RouteStatus.Parent> ours, Instant now) {
        ObjectNode out = current != null && current.isObject() ? ((ObjectNode) current).deepCopy() : Nodes.F.objectNode();
        ArrayNode parents = Nodes.F.arrayNode();
        JsonNode existing = out.path("parents");
        for (JsonNode p : existing) {
            if (!CONTROLLER_NAME.equals(p.path("controllerName").asText())) {
                parents.add(p);
            }
        }
        for (RouteStatus.Parent parent : ours) {
            if (parents.size() >= MAX_PARENTS) {
                break;
            }
            ObjectNode ref = parentRef(parent.parentRef());
            JsonNode previous = null;
            for (JsonNode p : existing) {
                if (CONTROLLER_NAME.equals(p.path("controllerName").asText()) && ref.equals(p.path("parentRef"))) {
                    previous = p;
                }
            }
            ObjectNode entry = parents.addObject();
            entry.set("parentRef", ref);
            entry.put("controllerName", CONTROLLER_NAME);
            ArrayNode conditions = entry.putArray("conditions");
            for (Condition c : parent.conditions()) {
                conditions.add(condition(c, previous, now));
            }
        }
        out.set("parents", parents);
        return out;
    }

    /** @return the parentRef as status writes it: group, kind, namespace, name, and sectionName/port when set */
    static ObjectNode parentRef(ParentRef p) {
        ObjectNode ref = Nodes.F.objectNode();
        ref.put("group", p.group());
        ref.put("kind", p.kind());
        ref.put("namespace", p.namespace());
        ref.put("name", p.name());
        if (p.sectionName() != null) {
            ref.put("sectionName", p.sectionName());
        }
        if (p.port() != null) {
            ref.put("port", p.port());
        }
        return ref;
    }

    private static ObjectNode condition(Condition c, JsonNode previous, Instant now) {
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        if (previous != null) {
            for (JsonNode old : previous.path("conditions")) {
                if (c.type().equals(old.path("type").asText()) && c.status().name().equals(old.path("status").asText())
                    && old.hasNonNull("lastTransitionTime")) {
                    time = old.get("lastTransitionTime").asText();
                }
            }
        }
        ObjectNode n = Nodes.F.objectNode();
        n.put("type", c.type());
        n.put("status", c.status().name());
        n.put("reason", c.reason());
        n.put("message", c.message().length() > 32768 ? c.message().substring(0, 32768) : c.message());
        n.put("observedGeneration", c.observedGeneration());
        n.put("lastTransitionTime", time);
        return n;
    }
}
