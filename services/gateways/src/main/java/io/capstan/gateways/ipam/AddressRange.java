package io.capstan.gateways.ipam;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An inclusive range of addresses of one family, as MetalLB's {@code IPAddressPool.spec.addresses} entries give them:
 * a CIDR ({@code 192.0.2.0/28}, {@code fc00:f853:ccd:e799::/124}; RFC 4632 section 3.1) or a range
 * {@code 192.0.2.10-192.0.2.11} (both ends inclusive, same family, first not after last).
 *
 * @param first first address
 * @param last  last address, same family, not before first
 * @param text  the entry as written
 */
public record AddressRange(IpAddress first, IpAddress last, String text) {

    public AddressRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (first.family() != last.family()) {
            throw new IllegalArgumentException("range " + text + " mixes IPv4 and IPv6");
        }
        if (first.compareTo(last) > 0) {
            throw new IllegalArgumentException("range " + text + " ends before it starts");
        }
    }

    /**
     * Parses one {@code spec.addresses} entry.
     *
     * @param text CIDR or {@code first-last}
     * @throws IllegalArgumentException naming the entry when it is neither (a bare address without a prefix length is
     *                                  refused, as MetalLB refuses it; a CIDR with host bits set is refused)
     */
    public static AddressRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty address entry");
        }
        String t = text.trim();
        int dash = t.indexOf('-');
        if (dash >= 0) {
            try {
                IpAddress a = IpAddress.parse(t.substring(0, dash));
                IpAddress b = IpAddress.parse(t.substring(dash + 1));
                return new AddressRange(a, b, t);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid address range '" + t + "': " + e.getMessage());
            }
        }
        int slash = t.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("invalid CIDR '" + t + "': a prefix length is required (e.g. " + t + "/32)");
        }
        IpAddress base;
        int len;
        try {
            base = IpAddress.parse(t.substring(0, slash));
            String l = t.substring(slash + 1);
            if (l.isEmpty() || l.length() > 3 || !l.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("prefix length '" + l + "' is not a number");
            }
            len = Integer.parseInt(l);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid CIDR '" + t + "': " + e.getMessage());
        }
        int bits = IpAddress.bits(base.family());
        if (len > bits) {
            throw new IllegalArgumentException("invalid CIDR '" + t + "': prefix length " + len + " exceeds " + bits);
        }
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - len).subtract(BigInteger.ONE);
        if (!base.value().and(hostMask).equals(BigInteger.ZERO)) {
            throw new IllegalArgumentException("invalid CIDR '" + t + "': host bits are set (network is "
                    + new IpAddress(base.family(), base.value().andNot(hostMask)) + "/" + len + ")");
        }
        return new AddressRange(base, new IpAddress(base.family(), base.value().or(hostMask)), t);
    }

    /** The family of both ends. */
    public IpFamily family() {
        return first.family();
    }

    /** True when {@code a} lies in the range (same family, between the ends). */
    public boolean contains(IpAddress a) {
        return a.family() == first.family() && a.compareTo(first) >= 0 && a.compareTo(last) <= 0;
    }

    /** True when the two ranges share an address. */
    public boolean overlaps(AddressRange o) {
        return o.family() == family() && first.compareTo(o.last) <= 0 && o.first.compareTo(last) <= 0;
    }

    /** Number of addresses (IPv6 ranges may be huge). */
    public BigInteger size() {
        return last.value().subtract(first.value()).add(BigInteger.ONE);
    }
}
