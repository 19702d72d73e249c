package io.capstan.gateways.ipam;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The pools a cluster's allocator uses: the profile's pools and the cluster's IPAddressPools, checked together. A pool
 * whose name is taken, or whose addresses overlap an earlier pool's (profile pools first, then the cluster's by
 * name), is left out and reported with the reason, as MetalLB refuses overlapping pools.
 *
 * @param valid   pools to allocate from
 * @param invalid pools left out, with why
 */
public record PoolSet(List<AddressPool> valid, List<InvalidPool> invalid) {

    /**
     * A pool that cannot be used.
     *
     * @param name   pool name
     * @param source where it is defined
     * @param reason CamelCase: {@code InvalidAddresses}, {@code Overlap}, {@code DuplicateName}, {@code InvalidSpec}
     * @param message a sentence naming the offending entry
     */
    public record InvalidPool(String name, AddressPool.Source source, String reason, String message) {
    }

    public PoolSet {
        valid = List.copyOf(valid);
        invalid = List.copyOf(invalid);
    }

    /**
     * Checks pools together.
     *
     * @param profilePools pools of the profile (already parsed)
     * @param clusterPools IPAddressPools of the cluster that parsed
     * @param unreadable   IPAddressPools that did not parse (reported as they are)
     */
    public static PoolSet of(List<AddressPool> profilePools, List<AddressPool> clusterPools, List<InvalidPool> unreadable) {
        List<AddressPool> ordered = new ArrayList<>(profilePools);
        List<AddressPool> cluster = new ArrayList<>(clusterPools);
        cluster.sort(Comparator.comparing(AddressPool::name));
        ordered.addAll(cluster);
        List<AddressPool> ok = new ArrayList<>();
        List<InvalidPool> bad = new ArrayList<>(unreadable);
        for (AddressPool p : ordered) {
            String why = null;
            String reason = null;
            for (AddressPool q : ok) {
                if (q.name().equals(p.name())) {
                    reason = "DuplicateName";
                    why = "pool name " + p.name() + " is already used by a " + q.source().name().toLowerCase() + " pool";
                    break;
                }
                for (AddressRange a : p.ranges()) {
                    for (AddressRange b : q.ranges()) {
                        if (a.overlaps(b)) {
                            reason = "Overlap";
                            why = "addresses " + a.text() + " overlap " + b.text() + " of pool " + q.name();
                        }
                    }
                }
                if (why != null) {
                    break;
                }
            }
            if (why == null) {
                for (int i = 0; i < p.ranges().size() && why == null; i++) {
                    for (int j = i + 1; j < p.ranges().size(); j++) {
                        if (p.ranges().get(i).overlaps(p.ranges().get(j))) {
                            reason = "Overlap";
                            why = "addresses " + p.ranges().get(i).text() + " and " + p.ranges().get(j).text() + " overlap";
                            break;
                        }
                    }
                }
            }
            if (why == null) {
                ok.add(p);
            } else {
                bad.add(new InvalidPool(p.name(), p.source(), reason, why));
            }
        }
        return new PoolSet(ok, bad);
    }
}
