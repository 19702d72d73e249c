package io.capstan.dns.registry;

import io.capstan.dns.name.DnsNames;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Names of ownership markers, as ExternalDNS's {@code registry/mapper} {@code AffixNameMapper} writes them, plus the
 * two places where ExternalDNS's names are unusable.
 *
 * <p>Forward ({@link #markerName}): split the record name at its first dot; a leftmost {@code *} is replaced by the
 * wildcard replacement ({@code --txt-wildcard-replacement}); unless the prefix or suffix holds {@code %{record_type}},
 * the lowercased type and a hyphen go before the first label ({@code a-www.example.test}, {@code cname-shop...}); then
 * {@code <prefix><first label><suffix>.<rest>}, with {@code %{record_type}} in the prefix/suffix replaced by the
 * lowercased type ({@code --txt-prefix}, {@code --txt-suffix}; they are mutually exclusive).
 *
 * <p>Capstan's two deviations, both so that case 1 and case 2 of issue 3 hold:
 * <ul>
 *   <li>Wildcards: when no replacement is configured, {@value #DEFAULT_WILDCARD_REPLACEMENT} is used, so no marker
 *   label ever contains {@code *} ({@code a-*.apps...} would be a label with a {@code *} that is not a wildcard,
 *   RFC 4592) and it cannot collide with a host name (an underscore label is never a host name). The raw ExternalDNS
 *   name ({@code a-*.apps.example.test}) is still read for adoption.</li>
 *   <li>Apex: ExternalDNS names the apex {@code example.test} marker {@code a-example.test}, a name outside the zone
 *   (kubernetes-sigs/external-dns#449, #4234). When the ExternalDNS name lies inside the zone (a prefix ending with a
 *   dot such as {@code %{record_type}.}) it is used; otherwise the first label is the placeholder
 *   {@value #APEX_LABEL}: {@code a-_apex.example.test}.</li>
 * </ul>
 * Legacy markers (before ExternalDNS 0.12: no type, so {@code www.example.test} itself with no prefix) are read for
 * adoption of an existing zone, never written; AAAA records never had legacy markers (ExternalDNS rule). Immutable.
 */
public final class MarkerNames {

    /** The template ExternalDNS replaces by the lowercased record type in a prefix or suffix. */
    public static final String RECORD_TYPE_TEMPLATE = "%{record_type}";
    /** Replacement of a leftmost {@code *} when none is configured. */
    public static final String DEFAULT_WILDCARD_REPLACEMENT = "_wildcard";
    /** First label of an apex record's marker when the ExternalDNS name would leave the zone. */
    public static final String APEX_LABEL = "_apex";
    /** Record types whose markers {@link #recordsOf} recognises (ExternalDNS's {@code supportedRecords} and more). */
    public static final List<String> KNOWN_TYPES =
            List.of("A", "AAAA", "CNAME", "NS", "MX", "SRV", "PTR", "TXT", "NAPTR", "DNAME", "CAA");

    private final String prefix;
    private final String suffix;
    private final String wildcardReplacement;

    /**
     * @param prefix              {@code --txt-prefix}, may be empty, may hold {@code %{record_type}} and dots
     * @param suffix              {@code --txt-suffix}, may be empty; not together with a prefix
     * @param wildcardReplacement {@code --txt-wildcard-replacement}; empty means {@value #DEFAULT_WILDCARD_REPLACEMENT}
     * @throws IllegalArgumentException when both prefix and suffix are set, or one holds a character other than
     *                                  letters, digits, {@code - _ .} and the template, or the replacement is not a label
     */
    public MarkerNames(String prefix, String suffix, String wildcardReplacement) {
        this.prefix = prefix == null ? "" : prefix.strip().toLowerCase(Locale.ROOT);
        this.suffix = suffix == null ? "" : suffix.strip().toLowerCase(Locale.ROOT);
        String w = wildcardReplacement == null ? "" : wildcardReplacement.strip().toLowerCase(Locale.ROOT);
        this.wildcardReplacement = w.isEmpty() ? DEFAULT_WILDCARD_REPLACEMENT : w;
        if (!this.prefix.isEmpty() && !this.suffix.isEmpty()) {
            throw new IllegalArgumentException("txt prefix and txt suffix are mutually exclusive (ExternalDNS rule)");
        }
        checkAffix("txt prefix", this.prefix);
        checkAffix("txt suffix", this.suffix);
        if (!this.wildcardReplacement.matches("[a-z0-9_-]{1,63}") || this.wildcardReplacement.equals("*")) {
            throw new IllegalArgumentException("txt wildcard replacement \"" + wildcardReplacement
                    + "\" must be one label of letters, digits, '-' or '_'");
        }
    }

    private static void checkAffix(String what, String affix) {
        String plain = affix.replace(RECORD_TYPE_TEMPLATE, "a");
        if (!plain.matches("[a-z0-9_.-]*")) {
            throw new IllegalArgumentException(what + " \"" + affix
                    + "\" may hold only letters, digits, '-', '_', '.' and %{record_type}");
        }
        if (plain.contains("..") || (affix.startsWith(".") && !affix.isEmpty() && what.endsWith("prefix"))) {
            throw new IllegalArgumentException(what + " \"" + affix + "\" would make an empty label");
        }
    }

    /** The wildcard replacement in use. */
    public String wildcardReplacement() {
        return wildcardReplacement;
    }

    private boolean typeInAffix() {
        return prefix.contains(RECORD_TYPE_TEMPLATE) || suffix.contains(RECORD_TYPE_TEMPLATE);
    }

    /**
     * ExternalDNS's {@code ToTXTName}.
     *
     * @param typed   false for the legacy (type-less) name
     * @param replace false to keep a leftmost {@code *} as ExternalDNS does without a replacement
     */
    private String upstream(String name, String type, boolean typed, boolean replace) {
        String t = type.toLowerCase(Locale.ROOT);
        int dot = name.indexOf('.');
        String first = dot < 0 ? name : name.substring(0, dot);
        String rest = dot < 0 ? "" : name.substring(dot + 1);
        if (replace && first.equals("*")) {
            first = wildcardReplacement;
        }
        String p;
        String s;
        if (typed) {
            p = prefix.replace(RECORD_TYPE_TEMPLATE, t);
            s = suffix.replace(RECORD_TYPE_TEMPLATE, t);
            if (!typeInAffix()) {
                first = t + "-" + first;
            }
        } else {
            p = prefix.replace(RECORD_TYPE_TEMPLATE, "");
            s = suffix.replace(RECORD_TYPE_TEMPLATE, "");
        }
        return p + first + s + (rest.isEmpty() ? "" : "." + rest);
    }

    private String apexPlaceholder(String zone, String type) {
        String t = type.toLowerCase(Locale.ROOT);
        String first = typeInAffix() ? APEX_LABEL : t + "-" + APEX_LABEL;
        return prefix.replace(RECORD_TYPE_TEMPLATE, t) + first + suffix.replace(RECORD_TYPE_TEMPLATE, t) + "." + zone;
    }

    /**
     * The name of the TXT record set that holds the ownership marker of the record set {@code (name, type)}.
     *
     * @param name normalised record name, at or below {@code zone}
     * @param type record type, upper case
     * @param zone the record's zone, normalised
     * @return the marker name, inside the zone and never equal to {@code name}
     * @throws MarkerNameException when a label would exceed 63 octets, the name 253, or the marker leaves the zone
     */
    public String markerName(String name, String type, String zone) {
        String m = upstream(name, type, true, true);
        if (name.equals(zone) && !(DnsNames.isAtOrBelow(m, zone) && !m.equals(zone))) {
            m = apexPlaceholder(zone, type);
        }
        check(name, m, zone);
        return m;
    }

    /** Marker names read (never written) for adoption: the legacy type-less name and the un-replaced wildcard name. */
    public List<String> alternateNames(String name, String type, String zone) {
        Set<String> out = new LinkedHashSet<>();
        if (DnsNames.isWildcard(name)) {
            out.add(upstream(name, type, true, false));
        }
        if (!type.equals("AAAA")) {
            legacyName(name, zone).ifPresent(out::add);
            if (DnsNames.isWildcard(name)) {
                out.add(upstream(name, type, false, false));
            }
        }
        String primary;
        try {
            primary = markerName(name, type, zone);
        } catch (MarkerNameException e) {
            primary = null;
        }
        out.remove(primary);
        if (type.equals("TXT")) {
            out.remove(name); // a TXT record set is never its own marker
        }
        out.removeIf(n -> !DnsNames.isAtOrBelow(n, zone));
        return new ArrayList<>(out);
    }

    /**
     * The legacy (pre type-prefix) marker name of a record name: {@code <prefix><first label><suffix>.<rest>} with the
     * template removed; with no prefix and suffix the record name itself.
     *
     * @return the name, or empty when it would leave the zone or break a length limit
     */
    public Optional<String> legacyName(String name, String zone) {
        String m = upstream(name, "", false, true);
        if (!DnsNames.isAtOrBelow(m, zone)) {
            return Optional.empty();
        }
        try {
            check(name, m, zone);
        } catch (MarkerNameException e) {
            return Optional.empty();
        }
        return Optional.of(m);
    }

    private static void check(String name, String marker, String zone) {
        if (!DnsNames.isAtOrBelow(marker, zone)) {
            throw new MarkerNameException("the ownership marker \"" + marker + "\" of \"" + name
                    + "\" would lie outside the zone \"" + zone + "\"");
        }
        for (String label : marker.split("\\.", -1)) {
            if (label.isEmpty()) {
                throw new MarkerNameException("the ownership marker \"" + marker + "\" of \"" + name
                        + "\" has an empty label; check the TXT prefix/suffix");
            }
            if (label.length() > DnsNames.MAX_LABEL_OCTETS) {
                throw new MarkerNameException("the ownership marker of \"" + name + "\" would have the label \""
                        + label + "\" of " + label.length() + " octets (limit 63, RFC 1035 §2.3.4, the type and TXT "
                        + "prefix/suffix count); shorten the first label of the name");
            }
        }
        if (marker.length() > DnsNames.MAX_NAME_OCTETS) {
            throw new MarkerNameException("the ownership marker \"" + marker + "\" of \"" + name + "\" is "
                    + marker.length() + " octets (limit 253, RFC 1035 §2.3.4)");
        }
    }

    /**
     * A record set a marker may stand for.
     *
     * @param name   normalised record name
     * @param type   record type, or null for a legacy (type-less) marker
     */
    public record Owned(String name, String type) {
    }

    /**
     * The inverse of {@link #markerName} and of the names read for adoption: every {@code (name, type)} whose marker
     * (or legacy marker, {@code type} null) is {@code marker}, verified by computing the name forward. Used to find
     * markers whose record set is gone. Usually one answer; several when names are ambiguous.
     *
     * @param marker normalised TXT record name
     * @param zone   its zone
     */
    public List<Owned> recordsOf(String marker, String zone) {
        if (!DnsNames.isAtOrBelow(marker, zone)) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        names.add(zone);
        String host = marker.equals(zone) ? "" : marker.substring(0, marker.length() - zone.length() - 1);
        List<String> prefixes = new ArrayList<>();
        List<String> suffixes = new ArrayList<>();
        for (String t : KNOWN_TYPES) {
            prefixes.add(prefix.replace(RECORD_TYPE_TEMPLATE, t.toLowerCase(Locale.ROOT)));
            suffixes.add(suffix.replace(RECORD_TYPE_TEMPLATE, t.toLowerCase(Locale.ROOT)));
        }
        prefixes.add(prefix.replace(RECORD_TYPE_TEMPLATE, ""));
        suffixes.add(suffix.replace(RECORD_TYPE_TEMPLATE, ""));
        for (int i = 0; i < prefixes.size(); i++) {
            String p = prefixes.get(i);
            String s = suffixes.get(i);
            if (!host.startsWith(p)) {
                continue;
            }
            String h = host.substring(p.length());
            for (int j = 0; j <= h.length(); j++) {
                if (!h.startsWith(s, j)) {
                    continue;
                }
                int end = j + s.length();
                if (end != h.length() && h.charAt(end) != '.') {
                    continue;
                }
                String first = h.substring(0, j);
                String rest = h.substring(end);
                List<String> firsts = new ArrayList<>();
                firsts.add(first);
                int dash = first.indexOf('-');
                if (dash > 0) {
                    firsts.add(first.substring(dash + 1));
                }
                for (String f : firsts) {
                    if (f.isEmpty()) {
                        continue;
                    }
                    if (f.equals(APEX_LABEL) && rest.isEmpty()) {
                        names.add(zone);
                    }
                    String relative = f + rest;
                    names.add(relative + "." + zone);
                    if (f.equals(wildcardReplacement)) {
                        names.add("*" + rest + "." + zone);
                    }
                }
            }
        }
        List<Owned> out = new ArrayList<>();
        for (String n : names) {
            String name;
            try {
                name = DnsNames.normalize(n);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (!DnsNames.isAtOrBelow(name, zone)) {
                continue;
            }
            for (String t : KNOWN_TYPES) {
                try {
                    if (markerName(name, t, zone).equals(marker) || alternateNames(name, t, zone).contains(marker)
                            && !legacyName(name, zone).map(marker::equals).orElse(false)) {
                        out.add(new Owned(name, t));
                    }
                } catch (MarkerNameException e) {
                    // not this one
                }
            }
            if (legacyName(name, zone).map(marker::equals).orElse(false)) {
                out.add(new Owned(name, null));
            }
        }
        if (out.stream().anyMatch(o -> o.type() != null && isPrimary(o, marker, zone))) {
            // a name that reads as a type-prefixed marker is one (as ExternalDNS's ToEndpointName reads it)
            out.removeIf(o -> o.type() == null);
        }
        return List.copyOf(new LinkedHashSet<>(out));
    }

    private boolean isPrimary(Owned o, String marker, String zone) {
        try {
            return markerName(o.name(), o.type(), zone).equals(marker);
        } catch (MarkerNameException e) {
            return false;
        }
    }

    /**
     * True when {@code name} is the {@link #markerName} of some record set: such a TXT name is never read as a legacy
     * marker, as ExternalDNS's {@code ToEndpointName} reads a type-prefixed name as the new format only
     * ({@code a-web.example.test} is the marker of the A record {@code web}, not a legacy marker of {@code a-web}).
     */
    public boolean isTypedMarkerName(String name, String zone) {
        return recordsOf(name, zone).stream().anyMatch(o -> o.type() != null && isPrimary(o, name, zone));
    }
}
