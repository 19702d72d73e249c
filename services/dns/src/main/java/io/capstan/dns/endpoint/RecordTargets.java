package io.capstan.dns.endpoint;

import io.capstan.dns.name.DnsNames;
import io.capstan.dns.name.InvalidNameException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Normalises record data so that the planner compares like with like (no churn from case, trailing dots, address
 * spelling or order): A as dotted quad (RFC 1035 §3.4.1), AAAA in RFC 5952 canonical text, CNAME/NS/PTR/DNAME targets
 * as normalised names without trailing dot, MX as {@code <preference> <host>}, SRV as
 * {@code <priority> <weight> <port> <target>}, TXT unchanged, other types with whitespace collapsed. Pure, thread-safe.
 */
public final class RecordTargets {

    private RecordTargets() {
    }

    /**
     * Normalises, de-duplicates and sorts the targets of one record set.
     *
     * @param type    record type, upper case
     * @param targets targets in presentation form
     * @return normalised targets, sorted, no duplicates
     * @throws InvalidTargetException when a target is not valid for the type
     */
    public static List<String> normalize(String type, Collection<String> targets) {
        TreeSet<String> out = new TreeSet<>();
        for (String t : targets) {
            out.add(normalizeOne(type, t));
        }
        return List.copyOf(out);
    }

    /**
     * As {@link #normalize} but keeps a target it cannot parse unchanged: for data read from a zone, which the planner
     * must compare but never refuses.
     */
    public static List<String> normalizeLenient(String type, Collection<String> targets) {
        TreeSet<String> out = new TreeSet<>();
        for (String t : targets) {
            try {
                out.add(normalizeOne(type, t));
            } catch (IllegalArgumentException e) {
                out.add(t);
            }
        }
        return new ArrayList<>(out);
    }

    /** Normalises one target; see the class comment. @throws InvalidTargetException when invalid */
    public static String normalizeOne(String type, String target) {
        if (target == null) {
            throw new InvalidTargetException("a " + type + " target is null");
        }
        switch (type) {
            case "A":
                return ipv4(target.strip());
            case "AAAA":
                return ipv6(target.strip());
            case "CNAME":
            case "NS":
            case "PTR":
            case "DNAME":
                return host(type, target.strip());
            case "MX": {
                String[] p = target.strip().split("\\s+");
                if (p.length != 2) {
                    throw new InvalidTargetException("MX target \"" + target + "\" is not \"<preference> <host>\" (RFC 1035 §3.3.9)");
                }
                return uint16(type, target, p[0]) + " " + host(type, p[1]);
            }
            case "SRV": {
                String[] p = target.strip().split("\\s+");
                if (p.length != 4) {
                    throw new InvalidTargetException("SRV target \"" + target
                            + "\" is not \"<priority> <weight> <port> <target>\" (RFC 2782)");
                }
                String host = p[3].equals(".") ? "." : host(type, p[3]);
                return uint16(type, target, p[0]) + " " + uint16(type, target, p[1]) + " " + uint16(type, target, p[2])
                        + " " + host;
            }
            case "TXT":
                return target;
            default:
                String s = target.strip().replaceAll("\\s+", " ");
                if (s.isEmpty()) {
                    throw new InvalidTargetException("a " + type + " target is empty");
                }
                return s;
        }
    }

    private static int uint16(String type, String target, String s) {
        try {
            int v = Integer.parseInt(s);
            if (v >= 0 && v <= 65535) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new InvalidTargetException(type + " target \"" + target + "\": \"" + s + "\" is not a number 0..65535");
    }

    private static String host(String type, String s) {
        try {
            String n = DnsNames.normalize(s);
            if (DnsNames.isWildcard(n)) {
                throw new InvalidTargetException(type + " target \"" + s + "\" is a wildcard name");
            }
            return n;
        } catch (InvalidNameException e) {
            throw new InvalidTargetException(type + " target is not a valid host name: " + e.getMessage());
        }
    }

    /**
     * @return the dotted-quad form of an IPv4 address
     * @throws InvalidTargetException when not four decimal octets without leading zeros
     */
    public static String ipv4(String s) {
        String[] p = s.split("\\.", -1);
        if (p.length != 4) {
            throw new InvalidTargetException("A target \"" + s + "\" is not an IPv4 address");
        }
        StringBuilder b = new StringBuilder();
        for (String o : p) {
            if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(Character::isDigit)
                    || (o.length() > 1 && o.charAt(0) == '0') || Integer.parseInt(o) > 255) {
                throw new InvalidTargetException("A target \"" + s + "\" is not an IPv4 address");
            }
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(Integer.parseInt(o));
        }
        return b.toString();
    }

    /**
     * @return the RFC 5952 canonical text of an IPv6 address (lowercase, no leading zeros, the longest run of two or
     * more zero groups as {@code ::}, IPv4-mapped addresses as {@code ::ffff:192.0.2.1})
     * @throws InvalidTargetException when not an IPv6 address (zone ids refused)
     */
    public static String ipv6(String s) {
        String bad = "AAAA target \"" + s + "\" is not an IPv6 address";
        if (s.isEmpty() || s.indexOf('%') >= 0) {
            throw new InvalidTargetException(bad);
        }
        String text = s.toLowerCase(Locale.ROOT);
        int[] groups = new int[8];
        List<Integer> tail = new ArrayList<>();
        // an embedded IPv4 address in the last 32 bits
        int lastColon = text.lastIndexOf(':');
        if (lastColon < 0) {
            throw new InvalidTargetException(bad);
        }
        String last = text.substring(lastColon + 1);
        String head = text;
        if (last.indexOf('.') >= 0) {
            String v4;
            try {
                v4 = ipv4(last);
            } catch (InvalidTargetException e) {
                throw new InvalidTargetException(bad);
            }
            String[] o = v4.split("\\.");
            tail.add(Integer.parseInt(o[0]) << 8 | Integer.parseInt(o[1]));
            tail.add(Integer.parseInt(o[2]) << 8 | Integer.parseInt(o[3]));
            head = text.substring(0, lastColon + 1);
            if (head.endsWith(":") && !head.endsWith("::")) {
                head = head.substring(0, head.length() - 1);
            }
        }
        int dbl = head.indexOf("::");
        if (dbl >= 0 && head.indexOf("::", dbl + 1) >= 0) {
            throw new InvalidTargetException(bad);
        }
        List<Integer> left = hexGroups(dbl >= 0 ? head.substring(0, dbl) : head, bad);
        List<Integer> right = dbl >= 0 ? hexGroups(head.substring(dbl + 2), bad) : List.of();
        List<Integer> rightAll = new ArrayList<>(right);
        rightAll.addAll(tail);
        int total = left.size() + rightAll.size();
        if (dbl >= 0 ? total > 7 : total != 8) {
            throw new InvalidTargetException(bad);
        }
        for (int i = 0; i < left.size(); i++) {
            groups[i] = left.get(i);
        }
        for (int i = 0; i < rightAll.size(); i++) {
            groups[8 - rightAll.size() + i] = rightAll.get(i);
        }
        if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
                && groups[5] == 0xffff) {
            return "::ffff:" + (groups[6] >> 8) + "." + (groups[6] & 0xff) + "." + (groups[7] >> 8) + "."
                    + (groups[7] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] == 0) {
                int j = i;
                while (j < 8 && groups[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(groups[i]));
        }
        return b.toString();
    }

    private static List<Integer> hexGroups(String part, String bad) {
        List<Integer> out = new ArrayList<>();
        if (part.isEmpty()) {
            return out;
        }
        for (String g : part.split(":", -1)) {
            if (g.isEmpty() || g.length() > 4) {
                throw new InvalidTargetException(bad);
            }
            try {
                out.add(Integer.parseInt(g, 16));
            } catch (NumberFormatException e) {
                throw new InvalidTargetException(bad);
            }
        }
        return out;
    }
}
