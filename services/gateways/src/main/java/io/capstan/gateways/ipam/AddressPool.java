package io.capstan.gateways.ipam;

import java.util.List;
import java.util.Objects;

/**
 * One address pool, from the cluster profile or from a {@code metallb.io/v1beta1} IPAddressPool object (fields as in
 * MetalLB's IPAddressPoolSpec).
 *
 * @param name              pool name (the IPAddressPool's metadata.name, or the profile pool's name)
 * @param source            where it was defined
 * @param ranges            {@code spec.addresses}, in the order given (allocation walks them in that order)
 * @param autoAssign        {@code spec.autoAssign} (default true): false = only explicit requests use it
 * @param avoidBuggyIPs     {@code spec.avoidBuggyIPs} (default false): skip IPv4 addresses ending in .0 and .255
 * @param serviceAllocation {@code spec.serviceAllocation}, null when absent
 * @param fleetWide         Capstan's own flag (profile pools only): one address of the pool never goes to two clusters
 */
public record AddressPool(String name, Source source, List<AddressRange> ranges, boolean autoAssign,
                          boolean avoidBuggyIPs, ServiceAllocation serviceAllocation, boolean fleetWide) {

    /** Where a pool comes from. */
    public enum Source {
        /** the {@code gateways.pools} list of the cluster's profile */
        PROFILE,
        /** a metallb.io/v1beta1 IPAddressPool in the cluster */
        CLUSTER
    }

    public AddressPool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        ranges = List.copyOf(ranges);
    }

    /** True when the address is in one of the ranges and not skipped by {@code avoidBuggyIPs}. */
    public boolean contains(IpAddress a) {
        if (avoidBuggyIPs && a.confusesBuggyFirmware()) {
            return false;
        }
        for (AddressRange r : ranges) {
            if (r.contains(a)) {
                return true;
            }
        }
        return false;
    }

    /** The priority used for ordering (0 when unset). */
    public int priority() {
        return serviceAllocation == null ? 0 : serviceAllocation.priority();
    }
}
