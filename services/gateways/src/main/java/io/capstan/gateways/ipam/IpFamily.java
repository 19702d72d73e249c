package io.capstan.gateways.ipam;

/**
 * An IP family as Kubernetes names it in {@code spec.ipFamilies} of a Service ({@code IPv4}, {@code IPv6}).
 */
public enum IpFamily {
    IPv4,
    IPv6;

    /**
     * @param name {@code IPv4} or {@code IPv6}, as in {@code spec.ipFamilies}
     * @throws IllegalArgumentException for any other value
     */
    public static IpFamily parse(String name) {
        if ("IPv4".equals(name)) {
            return IPv4;
        }
        if ("IPv6".equals(name)) {
            return IPv6;
        }
        throw new IllegalArgumentException("unknown IP family '" + name + "' (IPv4 or IPv6)");
    }
}
