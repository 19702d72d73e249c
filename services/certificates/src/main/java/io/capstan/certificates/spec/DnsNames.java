package io.capstan.certificates.spec;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * DNS names of certificates (RFC 5280 4.2.1.6 dNSName in the RFC 1034 preferred syntax, RFC 6125 6.4.3 wildcards,
 * RFC 5891 A-labels). Capstan normalises rather than refuses letter case: DNS is case-insensitive (RFC 4343) and
 * certificates carry lower case, so {@code App.Example.Test} becomes {@code app.example.test} and the next pass
 * compares equal (no re-issue). Internationalised names become their A-label (punycode) form.
 */
public final class DnsNames {

    /** RFC 1035 2.3.4: a full name is at most 253 characters in text form (255 octets on the wire). */
    public static final int MAX_LENGTH = 253;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private DnsNames() {
    }

    /**
     * Normalises and validates one DNS name.
     *
     * @param name as written in a manifest, e.g. {@code App.Example.Test}, {@code *.example.test}, {@code bücher.example}
     * @return lower case A-label form, e.g. {@code app.example.test}, {@code xn--bcher-kva.example}
     * @throws IllegalArgumentException with a message saying what is wrong (empty, trailing dot, wildcard not the
     *                                  whole left label, bad label, longer than 253)
     */
    public static String normalize(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a DNS name must not be empty");
        }
        if (!name.strip().equals(name) || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a DNS name must not contain white space");
        }
        if (name.endsWith(".")) {
            throw new IllegalArgumentException("a DNS name must not end with a dot");
        }
        if (name.equals("*")) {
            throw new IllegalArgumentException("a wildcard needs a domain below it (\"*.example.com\")");
        }
        boolean wildcard = name.startsWith("*.");
        String rest = wildcard ? name.substring(2) : name;
        if (rest.contains("*")) {
            throw new IllegalArgumentException("a wildcard is allowed only as the whole left-most label (\"*.example.com\")");
        }
        String ascii;
        if (StandardCharsets.US_ASCII.newEncoder().canEncode(rest)) {
            ascii = rest.toLowerCase(Locale.ROOT); // the label checks below are the STD3 rules
        } else {
            try {
                ascii = IDN.toASCII(rest, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a valid internationalised DNS name (IDNA): " + e.getMessage());
            }
        }
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(ascii)) {
            throw new IllegalArgumentException("not a valid DNS name");
        }
        for (String label : ascii.split("\\.", -1)) {
            if (label.isEmpty()) {
                throw new IllegalArgumentException("a DNS name must not have empty labels");
            }
            if (label.length() > 63) {
                throw new IllegalArgumentException("label \"" + label + "\" is longer than 63 characters");
            }
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("label \"" + label
                        + "\" must consist of letters, digits and '-', and start and end with a letter or digit");
            }
        }
        String out = wildcard ? "*." + ascii : ascii;
        if (out.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must be no more than " + MAX_LENGTH + " characters, has " + out.length());
        }
        return out;
    }

    /**
     * Whether a name is a syntactically valid DNS name with at least two labels (used to decide whether a common
     * name is a host name to normalise like the SANs).
     *
     * @param name a string
     * @return true when {@link #normalize(String)} accepts it and it contains a dot
     */
    public static boolean isHostName(String name) {
        try {
            normalize(name);
            return name.indexOf('.') > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
