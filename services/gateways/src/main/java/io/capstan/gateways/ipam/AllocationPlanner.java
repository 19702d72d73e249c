package io.capstan.gateways.ipam;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One allocation pass over every LoadBalancer Service of a cluster, recomputed from full state (pure):
 * <ol>
 *   <li>Services are ordered by creation time, then {@code namespace/name} (deterministic; older Services first);</li>
 *   <li>restore: every address recorded in a Service's {@code status.loadBalancer.ingress} that still satisfies its
 *   request (same explicit addresses, named pool, families) and the pool and sharing rules is assigned again, before
 *   any new allocation (MetalLB rebuilds its state the same way at start);</li>
 *   <li>allocate: the other Services, in order ({@link Allocator#allocate}); a Service waiting for a freed address
 *   gets it on the next pass without any edit.</li>
 * </ol>
 */
public final class AllocationPlanner {

    private AllocationPlanner() {
    }

    /**
     * The result of a pass.
     *
     * @param outcomes  one per request, in the pass order
     * @param allocator the final state (who holds what)
     */
    public record Plan(List<Outcome> outcomes, Allocator allocator) {

        /** Outcomes by Service key. */
        public Map<String, Outcome> byKey() {
            Map<String, Outcome> m = new LinkedHashMap<>();
            outcomes.forEach(o -> m.put(o.key(), o));
            return m;
        }
    }

    /** The pass order: creation time (unknown last), then key. */
    public static final Comparator<ServiceRequest> ORDER = Comparator
            .comparing(ServiceRequest::created, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparing(ServiceRequest::key);

    /**
     * @param pools         valid pools ({@link PoolSet#valid()})
     * @param requests      every Service of type LoadBalancer the cluster's allocator serves
     * @param heldElsewhere fleet-wide addresses claimed by other clusters, to the holder
     */
    public static Plan plan(List<AddressPool> pools, List<ServiceRequest> requests, Map<IpAddress, String> heldElsewhere) {
        List<ServiceRequest> ordered = new ArrayList<>(requests);
        ordered.sort(ORDER);
        Allocator a = new Allocator(pools, heldElsewhere);
        Map<String, Outcome> out = new LinkedHashMap<>();
        Set<String> restored = new HashSet<>();
        for (ServiceRequest r : ordered) {
            if (restorable(a, r) && a.assign(r, r.previous()).isEmpty()) {
                restored.add(r.key());
            }
        }
        for (ServiceRequest r : ordered) {
            out.put(r.key(), a.allocate(r));
        }
        return new Plan(List.copyOf(out.values()), a);
    }

    private static boolean restorable(Allocator a, ServiceRequest r) {
        List<IpAddress> prev = r.previous();
        if (r.invalid() != null || prev.isEmpty() || prev.size() > 2) {
            return false;
        }
        if (!r.requestedIps().isEmpty() && !new HashSet<>(r.requestedIps()).equals(new HashSet<>(prev))) {
            return false;
        }
        List<IpFamily> wanted = r.wantedFamilies();
        Set<IpFamily> seen = new HashSet<>();
        for (IpAddress ip : prev) {
            if (!wanted.contains(ip.family()) || !seen.add(ip.family())) {
                return false;
            }
            AddressPool p = a.poolFor(ip);
            if (p == null || (r.requestedPool() != null && !p.name().equals(r.requestedPool()))) {
                return false;
            }
        }
        return r.policy() == FamilyPolicy.PreferDualStack || seen.size() == wanted.size();
    }
}
