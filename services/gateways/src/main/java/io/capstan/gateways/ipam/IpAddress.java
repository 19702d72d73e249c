package io.capstan.gateways.ipam;

import java.math.BigInteger;
import java.util.Objects;

/**
 * One IPv4 or IPv6 address as a number (IPv4: 32 bits, IPv6: 128 bits). Parsed from the textual forms of RFC 791
 * (dotted quad, exactly four decimal octets) and RFC 4291 section 2.2 (IPv6, with {@code ::} compression and an
 * embedded dotted quad); formatted in the canonical forms (IPv6 per RFC 5952: lower case, longest run of zero groups
 * compressed). Never resolves names.
 *
 * @param family IPv4 or IPv6
 * @param value  the address as an unsigned number
 */
public record IpAddress(IpFamily family, BigInteger value) implements Comparable<IpAddress> {

    private static final BigInteger V4_MAX = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    private static final BigInteger V6_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    public IpAddress {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(value, "value");
        if (value.signum() < 0 || value.compareTo(max(family)) > 0) {
            throw new IllegalArgumentException("address value out of range for " + family);
        }
    }

    /** The largest value of a family. */
    static BigInteger max(IpFamily f) {
        return f == IpFamily.IPv4 ? V4_MAX : V6_MAX;
    }

    /** Number of bits of the family: 32 or 128. */
    public static int bits(IpFamily f) {
        return f == IpFamily.IPv4 ? 32 : 128;
    }

    /**
     * Parses a literal address.
     *
     * @param text {@code 192.0.2.10} or {@code 2001:db8::1}; surrounding blanks are trimmed
     * @throws IllegalArgumentException when it is not an IPv4 or IPv6 literal
     */
    public static IpAddress parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("null is not an IP address");
        }
        String t = text.trim();
        if (t.indexOf(':') >= 0) {
            return new IpAddress(IpFamily.IPv6, parseV6(t, text));
        }
        return new IpAddress(IpFamily.IPv4, BigInteger.valueOf(parseV4(t, text)));
    }

    private static long parseV4(String t, String original) {
        String[] p = t.split("\\.", -1);
        if (p.length != 4) {
            throw new IllegalArgumentException("'" + original + "' is not an IP address");
        }
        long v = 0;
        for (String o : p) {
            if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("'" + original + "' is not an IP address");
            }
            int n = Integer.parseInt(o);
            if (n > 255) {
                throw new IllegalArgumentException("'" + original + "' is not an IP address (octet " + o + ")");
            }
            v = (v << 8) | n;
        }
        return v;
    }

    private static BigInteger parseV6(String t, String original) {
        IllegalArgumentException bad = new IllegalArgumentException("'" + original + "' is not an IP address");
        int dbl = t.indexOf("::");
        if (dbl >= 0 && t.indexOf("::", dbl + 1) >= 0) {
            throw bad;
        }
        String head = dbl >= 0 ? t.substring(0, dbl) : t;
        String tail = dbl >= 0 ? t.substring(dbl + 2) : "";
        java.util.List<Integer> h = groups(head, bad, tail.isEmpty() || dbl < 0);
        java.util.List<Integer> tl = dbl >= 0 ? groups(tail, bad, true) : java.util.List.of();
        int total = h.size() + tl.size();
        if (dbl < 0 ? total != 8 : total > 7) {
            throw bad;
        }
        BigInteger v = BigInteger.ZERO;
        for (int g : h) {
            v = v.shiftLeft(16).or(BigInteger.valueOf(g));
        }
        v = v.shiftLeft(16 * (8 - total));
        BigInteger low = BigInteger.ZERO;
        for (int g : tl) {
            low = low.shiftLeft(16).or(BigInteger.valueOf(g));
        }
        return v.or(low);
    }

    /** 16-bit groups of one side of "::"; the last part may be a dotted quad (two groups). */
    private static java.util.List<Integer> groups(String s, IllegalArgumentException bad, boolean mayEndWithV4) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        String[] p = s.split(":", -1);
        for (int i = 0; i < p.length; i++) {
            String g = p[i];
            if (i == p.length - 1 && mayEndWithV4 && g.indexOf('.') >= 0) {
                long v4 = parseV4(g, s);
                out.add((int) (v4 >>> 16));
                out.add((int) (v4 & 0xffff));
                continue;
            }
            if (g.isEmpty() || g.length() > 4) {
                throw bad;
            }
            try {
                out.add(Integer.parseInt(g, 16));
            } catch (NumberFormatException e) {
                throw bad;
            }
        }
        return out;
    }

    /** The address {@code n} after this one (n may be negative). */
    public IpAddress plus(long n) {
        return new IpAddress(family, value.add(BigInteger.valueOf(n)));
    }

    /**
     * True for an IPv4 address ending in .0 or .255: MetalLB's {@code avoidBuggyIPs} skips them (smurf protection of
     * some CPE firmwares drops their packets). Never true for IPv6.
     */
    public boolean confusesBuggyFirmware() {
        if (family != IpFamily.IPv4) {
            return false;
        }
        int last = value.intValue() & 0xff;
        return last == 0 || last == 255;
    }

    @Override
    public int compareTo(IpAddress o) {
        int f = family.compareTo(o.family);
        return f != 0 ? f : value.compareTo(o.value);
    }

    /** Canonical text: dotted quad, or RFC 5952 for IPv6. */
    @Override
    public String toString() {
        if (family == IpFamily.IPv4) {
            long v = value.longValue();
            return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
        }
        int[] g = new int[8];
        BigInteger v = value;
        for (int i = 7; i >= 0; i--) {
            g[i] = v.intValue() & 0xffff;
            v = v.shiftRight(16);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
