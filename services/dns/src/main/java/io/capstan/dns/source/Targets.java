package io.capstan.dns.source;

import org.xbill.DNS.Address;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns targets into typed record data as ExternalDNS's {@code endpoint.EndpointsForHostname} does: IPv4 addresses
 * make an {@code A} record set, IPv6 addresses an {@code AAAA} one, host names a {@code CNAME}. Two deliberate
 * differences, because they would be invalid DNS (RFC 1034 §3.6.2: a CNAME has one target and no other data beside
 * it): host names are dropped when there is an address, and a CNAME keeps only the first host name in sort order.
 * No name is ever resolved (literal parsing only).
 */
public final class Targets {

    private Targets() {
    }

    /** An IPv4 literal, dotted quad. */
    public static boolean isIpv4(String s) {
        return Address.isDottedQuad(s);
    }

    /** An IPv6 literal (RFC 4291 §2.2 text forms). */
    public static boolean isIpv6(String s) {
        return s.indexOf(':') >= 0 && Address.toByteArray(s, Address.IPv6) != null;
    }

    /**
     * One IPv6 address in the RFC 5952 canonical text form (lowercase, no leading zeros, longest run of two or more
     * zero groups as {@code ::}), the form DNS servers print; anything else returned unchanged.
     */
    public static String canonical(String target) {
        if (!isIpv6(target)) {
            return target;
        }
        byte[] b = Address.toByteArray(target, Address.IPv6);
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
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
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
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

    /**
     * Groups targets by record type.
     *
     * @param targets addresses and host names; blanks ignored; a host name's trailing dot removed, lowercased
     * @return type ({@code A}, {@code AAAA}, {@code CNAME}) to its targets, sorted; empty when there is no target
     */
    public static Map<String, List<String>> byType(List<String> targets) {
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String raw : targets) {
            String t = raw == null ? "" : raw.trim();
            if (t.isEmpty()) {
                continue;
            }
            if (isIpv4(t)) {
                v4.add(t);
            } else if (isIpv6(t)) {
                v6.add(canonical(t));
            } else {
                String n = t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
                names.add(n.toLowerCase(Locale.ROOT));
            }
        }
        Map<String, List<String>> out = new TreeMap<>();
        if (!v4.isEmpty()) {
            out.put("A", v4.stream().distinct().sorted().toList());
        }
        if (!v6.isEmpty()) {
            out.put("AAAA", v6.stream().distinct().sorted().toList());
        }
        if (out.isEmpty() && !names.isEmpty()) {
            out.put("CNAME", List.of(names.stream().sorted().findFirst().orElseThrow()));
        }
        return out;
    }
}
