package io.capstan.gateways.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.gateways.ipam.AddressPool;
import io.capstan.gateways.ipam.AddressRange;
import io.capstan.gateways.ipam.AllocationState;
import io.capstan.gateways.ipam.IpAddress;
import io.capstan.gateways.ipam.Outcome;
import io.capstan.gateways.ipam.PoolSet;
import io.capstan.gateways.service.ExposureCheck;
import io.capstan.kit.status.StatusEntry;
import io.capstan.model.event.Json;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.Conditions;
import io.capstan.model.status.StatusEvent;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the gateways component's status entries (pure). Shapes (documented in docs/asyncapi.yaml,
 * {@code GatewaysServiceDetails} and {@code GatewaysComponentDetails}):
 * <ul>
 *   <li>per Service (subject {@code v1 Service ns/name}): conditions {@code Ready} (True when addresses are held or
 *   the cloud wrote one; else False with the allocation reason) and, for an exposure finding, {@code EdgeBypass=True};
 *   details {@code {addresses[], pool, state: Allocated|Pending|Refused|Cloud, reason, message, exposure?}};</li>
 *   <li>a NodePort (or unserved LoadBalancer) Service with only an exposure finding: {@code Ready=False} with the
 *   finding's reason, details {@code {exposure: {reason, message}}};</li>
 *   <li>the component (subject null): {@code Ready} and {@code PoolsValid}; details {@code {infrastructure, mode:
 *   allocator|cloud, loadBalancerClass, pools[], invalidPools[], services {allocated, pending, refused, cloud},
 *   exposureFindings}}.</li>
 * </ul>
 */
public final class GatewaysReport {

    /** The component name (status key segment). */
    public static final String COMPONENT = "gateways";
    /** Condition type of an exposure finding. */
    public static final String EDGE_BYPASS = "EdgeBypass";
    /** Condition type of the pools' validity (component entry). */
    public static final String POOLS_VALID = "PoolsValid";

    private GatewaysReport() {
    }

    /** Subject of a Service entry. */
    public static StatusEvent.Subject serviceSubject(String namespace, String name) {
        return new StatusEvent.Subject("v1", "Service", namespace, name);
    }

    /**
     * The entry of one Service.
     *
     * @param svc       the Service JSON (namespace, name, generation)
     * @param state     the allocation state, null when the Service is only an exposure finding
     * @param addresses addresses (allocated, or written by the cloud controller)
     * @param pool      pool or null
     * @param reason    CamelCase reason of the state
     * @param message   sentence
     * @param finding   exposure finding or null
     */
    public static StatusEntry service(JsonNode svc, AllocationState state, List<String> addresses, String pool,
                                      String reason, String message, ExposureCheck.Finding finding) {
        JsonNode md = svc.path("metadata");
        long gen = md.path("generation").asLong(0);
        List<Condition> conds = new ArrayList<>();
        ObjectNode d = Json.MAPPER.createObjectNode();
        if (state != null) {
            ArrayNode a = d.putArray("addresses");
            addresses.forEach(a::add);
            d.put("pool", pool);
            d.put("state", state.name());
            d.put("reason", reason);
            d.put("message", message);
            boolean ok = state == AllocationState.Allocated || (state == AllocationState.Cloud && !addresses.isEmpty());
            conds.add(Condition.of(Conditions.READY, ok ? ConditionStatus.True : ConditionStatus.False, reason, message));
        }
        if (finding != null) {
            ObjectNode e = d.putObject("exposure");
            e.put("reason", finding.reason());
            e.put("message", finding.message());
            if (state == null) {
                conds.add(Condition.of(Conditions.READY, ConditionStatus.False, finding.reason(), finding.message()));
            }
            conds.add(Condition.of(EDGE_BYPASS, ConditionStatus.True, finding.reason(), finding.message()));
        }
        return new StatusEntry(serviceSubject(md.path("namespace").asText("default"), md.path("name").asText()), conds, d, gen);
    }

    /** An allocator outcome as a Service entry. */
    public static StatusEntry service(JsonNode svc, Outcome o, ExposureCheck.Finding finding) {
        return service(svc, o.state(), o.addresses().stream().map(IpAddress::toString).toList(), o.pool(), o.reason(),
                o.message(), finding);
    }

    /**
     * The component entry of a reconciled cluster.
     *
     * @param generation     cluster generation
     * @param infrastructure infrastructure name
     * @param mode           {@code allocator} or {@code cloud}
     * @param lbClass        Capstan's class (allocator) or the class set on managed Services (cloud), may be null
     * @param pools          the pools (null on cloud)
     * @param inUse          addresses in use per pool name
     * @param states         how many Services are in each state
     * @param findings       exposure findings
     */
    public static StatusEntry component(long generation, String infrastructure, String mode, String lbClass, PoolSet pools,
                                        Map<String, Integer> inUse, Map<AllocationState, Integer> states, int findings) {
        ObjectNode d = Json.MAPPER.createObjectNode();
        d.put("infrastructure", infrastructure);
        d.put("mode", mode);
        d.put("loadBalancerClass", lbClass);
        ArrayNode ps = d.putArray("pools");
        ArrayNode bad = d.putArray("invalidPools");
        if (pools != null) {
            for (AddressPool p : pools.valid()) {
                ObjectNode o = ps.addObject();
                o.put("name", p.name());
                o.put("source", p.source() == AddressPool.Source.PROFILE ? "profile" : "cluster");
                ArrayNode a = o.putArray("addresses");
                p.ranges().stream().map(AddressRange::text).forEach(a::add);
                o.put("autoAssign", p.autoAssign());
                o.put("avoidBuggyIPs", p.avoidBuggyIPs());
                o.put("fleetWide", p.fleetWide());
                o.put("inUse", inUse.getOrDefault(p.name(), 0));
            }
            for (PoolSet.InvalidPool p : pools.invalid()) {
                ObjectNode o = bad.addObject();
                o.put("name", p.name());
                o.put("source", p.source() == AddressPool.Source.PROFILE ? "profile" : "cluster");
                o.put("reason", p.reason());
                o.put("message", p.message());
            }
        }
        ObjectNode s = d.putObject("services");
        Map<AllocationState, Integer> st = new EnumMap<>(AllocationState.class);
        st.putAll(states);
        for (AllocationState a : AllocationState.values()) {
            s.put(a.name().toLowerCase(), st.getOrDefault(a, 0));
        }
        d.put("exposureFindings", findings);
        List<Condition> conds = new ArrayList<>();
        conds.add(Condition.of(Conditions.READY, ConditionStatus.True, "Reconciled",
                mode.equals("cloud") ? "load balancers are assigned by the cloud controller (" + infrastructure + ")"
                        : "addresses allocated from " + (pools == null ? 0 : pools.valid().size()) + " pool(s)"));
        if (pools != null) {
            if (pools.invalid().isEmpty()) {
                conds.add(Condition.of(POOLS_VALID, ConditionStatus.True, "PoolsValid", "every address pool is usable"));
            } else {
                conds.add(Condition.of(POOLS_VALID, ConditionStatus.False, "InvalidPool", String.join("; ",
                        pools.invalid().stream().map(p -> p.name() + ": " + p.message()).toList())));
            }
        }
        return new StatusEntry(null, conds, d, generation);
    }

    /** The component entry of a failure ({@code Ready=False} with the reason; details kept from the last entry). */
    public static StatusEntry failure(long generation, String reason, String message) {
        return new StatusEntry(null, List.of(Condition.of(Conditions.READY, ConditionStatus.False, reason, message)), null,
                generation);
    }

    /** The component entry once a deregistered cluster is cleaned up. */
    public static StatusEntry finalized(long generation, List<String> removed) {
        ObjectNode d = Json.MAPPER.createObjectNode();
        ArrayNode a = d.putArray("removed");
        removed.forEach(a::add);
        return new StatusEntry(null, List.of(
                Condition.of(Conditions.READY, ConditionStatus.False, "Deregistered", "the cluster is being deleted"),
                Condition.of(Conditions.FINALIZED, ConditionStatus.True, "CleanedUp",
                        "addresses released and what Capstan wrote removed (" + removed.size() + " item(s))")), d, generation);
    }
}
