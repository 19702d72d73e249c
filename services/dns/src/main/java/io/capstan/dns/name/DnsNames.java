package io.capstan.dns.name;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Normalisation and validation of DNS names, the single place where a name from a Kubernetes object, a profile or a
 * request becomes the form every other class uses: absolute, lowercase ASCII, IDN labels in punycode, WITHOUT the
 * trailing dot ({@code www.xn--bcher-kva.example}).
 *
 * <p>Rules: a trailing dot is ignored (RFC 1034 §3.1 absolute form); ideographic and fullwidth full stops separate
 * labels (RFC 3490 §3.1); a label with non-ASCII characters is converted with {@link IDN#toASCII(String, int)}
 * (IDNA 2003 nameprep: case folding and NFKC, close to the UTS-46 mapping), an ASCII label is lowercased; each label
 * is 1..63 octets and the name at most 253 octets (RFC 1035 §2.3.4, presentation form without the final dot);
 * letters, digits, hyphen and underscore only (underscore for names like {@code _acme-challenge}, RFC 8552), no
 * hyphen at the start or end of a label (RFC 1123 §2.1), an {@code xn--} label must be valid punycode (RFC 5891
 * §4.2.3.1); {@code *} only as the whole leftmost label (RFC 4592 §2.1.1). Pure functions, thread-safe.
 */
public final class DnsNames {

    /** Longest label in octets (RFC 1035 §2.3.4). */
    public static final int MAX_LABEL_OCTETS = 63;
    /** Longest name in octets, presentation form without the trailing dot (RFC 1035 §2.3.4). */
    public static final int MAX_NAME_OCTETS = 253;

    private DnsNames() {
    }

    /**
     * Normalises a host name that may be a wildcard ({@code *.apps.example.test}).
     *
     * @param raw the name as given, any case, with or without trailing dot, Unicode or punycode
     * @return the normalised name, for example {@code id.apps.xn--bcher-kva.example} for {@code Id.Apps.Bücher.Example.}
     * @throws InvalidNameException when the name breaks one of the rules of the class comment
     */
    public static String normalize(String raw) {
        return normalize(raw, true);
    }

    /**
     * Normalises a zone name or a domain filter entry: as {@link #normalize(String)} but a {@code *} label is refused.
     *
     * @throws InvalidNameException when the name is not a valid zone name
     */
    public static String normalizeZone(String raw) {
        return normalize(raw, false);
    }

    private static String normalize(String raw, boolean wildcardAllowed) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidNameException(raw, "the name is empty");
        }
        String s = raw.strip().replace('\u3002', '.').replace('\uFF0E', '.').replace('\uFF61', '.');
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty()) {
            throw new InvalidNameException(raw, "the root name is not a host name");
        }
        String[] labels = s.split("\\.", -1);
        List<String> out = new ArrayList<>(labels.length);
        for (int i = 0; i < labels.length; i++) {
            out.add(label(raw, labels[i], i, wildcardAllowed));
        }
        String name = String.join(".", out);
        if (name.length() > MAX_NAME_OCTETS) {
            throw new InvalidNameException(raw, "the name is " + name.length() + " octets, the limit is "
                    + MAX_NAME_OCTETS + " (RFC 1035 §2.3.4)");
        }
        return name;
    }

    private static String label(String raw, String label, int index, boolean wildcardAllowed) {
        if (label.isEmpty()) {
            throw new InvalidNameException(raw, "empty label at position " + (index + 1) + " (RFC 1035 §2.3.4)");
        }
        if (label.equals("*")) {
            if (!wildcardAllowed) {
                throw new InvalidNameException(raw, "a zone or domain filter cannot be a wildcard");
            }
            if (index != 0) {
                throw new InvalidNameException(raw, "'*' is allowed only as the whole leftmost label (RFC 4592 §2.1.1)");
            }
            return label;
        }
        if (label.indexOf('*') >= 0) {
            throw new InvalidNameException(raw, "label \"" + label
                    + "\" contains '*', which is allowed only as the whole leftmost label (RFC 4592 §2.1.1)");
        }
        String ascii;
        if (label.chars().allMatch(c -> c < 0x80)) {
            ascii = label.toLowerCase(Locale.ROOT);
        } else {
            try {
                ascii = IDN.toASCII(label, 0).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                if (String.valueOf(e.getMessage()).contains("too long")) {
                    throw new InvalidNameException(raw, "label \"" + label + "\" is longer than 63 octets in punycode,"
                            + " the limit is 63 (RFC 1035 §2.3.4, RFC 5891)");
                }
                throw new InvalidNameException(raw, "label \"" + label + "\" cannot be converted to punycode (RFC 5891): "
                        + e.getMessage());
            }
        }
        if (ascii.length() > MAX_LABEL_OCTETS) {
            throw new InvalidNameException(raw, "label \"" + ascii + "\" is " + ascii.length()
                    + " octets, the limit is " + MAX_LABEL_OCTETS + " (RFC 1035 §2.3.4)");
        }
        for (int i = 0; i < ascii.length(); i++) {
            char c = ascii.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                throw new InvalidNameException(raw, "label \"" + label + "\" contains '" + c
                        + "'; only letters, digits, '-' and '_' are allowed (RFC 1035 §2.3.1)");
            }
        }
        if (ascii.startsWith("-") || ascii.endsWith("-")) {
            throw new InvalidNameException(raw, "label \"" + ascii + "\" starts or ends with '-' (RFC 1123 §2.1)");
        }
        if (ascii.startsWith("xn--")) {
            String unicode = IDN.toUnicode(ascii, IDN.ALLOW_UNASSIGNED);
            boolean roundTrips;
            try {
                roundTrips = !unicode.equals(ascii)
                        && IDN.toASCII(unicode, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT).equals(ascii);
            } catch (IllegalArgumentException e) {
                roundTrips = false;
            }
            if (!roundTrips) {
                throw new InvalidNameException(raw, "label \"" + ascii + "\" is not valid punycode (RFC 5891 §4.2.3.1)");
            }
        }
        return ascii;
    }

    /**
     * True when {@code name} is {@code zone} or lies below it on a label boundary ({@code a.example.test} is in
     * {@code example.test}, {@code fooexample.test} is not). Both arguments normalised.
     */
    public static boolean isAtOrBelow(String name, String zone) {
        if (zone.isEmpty()) {
            return false;
        }
        return name.equals(zone) || (name.length() > zone.length() && name.endsWith(zone)
                && name.charAt(name.length() - zone.length() - 1) == '.');
    }

    /** The leftmost label of a normalised name ({@code www} of {@code www.example.test}). */
    public static String firstLabel(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** True when the leftmost label is {@code *} (RFC 4592). */
    public static boolean isWildcard(String name) {
        return name.equals("*") || name.startsWith("*.");
    }
}
