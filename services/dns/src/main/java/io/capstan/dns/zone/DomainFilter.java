package io.capstan.dns.zone;

import io.capstan.dns.name.DnsNames;

import java.util.Collection;
import java.util.List;

/**
 * Which names a cluster may publish, as ExternalDNS's {@code --domain-filter} / {@code --exclude-domains}
 * ({@code endpoint.DomainFilter}): an entry {@code example.test} matches {@code example.test} and every name below it
 * on a label boundary; an entry with a leading dot ({@code .example.test}) matches only names below it; a trailing dot
 * is ignored, so {@code example.test.} and {@code example.test} behave the same. No include entry means every name;
 * an exclude entry wins over an include entry. Immutable.
 *
 * @param includes normalised include entries (subdomain-only entries keep their leading dot)
 * @param excludes normalised exclude entries
 */
public record DomainFilter(List<String> includes, List<String> excludes) {

    /** A filter that matches every name. */
    public static final DomainFilter ALL = new DomainFilter(List.of(), List.of());

    public DomainFilter {
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
    }

    /**
     * Builds a filter from configured entries.
     *
     * @param includes entries as configured (null or empty: every name)
     * @param excludes entries as configured (null or empty: none)
     * @throws io.capstan.dns.name.InvalidNameException when an entry is not a valid domain name
     */
    public static DomainFilter of(Collection<String> includes, Collection<String> excludes) {
        return new DomainFilter(normalize(includes), normalize(excludes));
    }

    private static List<String> normalize(Collection<String> entries) {
        if (entries == null) {
            return List.of();
        }
        return entries.stream()
                .filter(e -> e != null && !e.isBlank() && !e.strip().equals("."))
                .map(e -> {
                    String s = e.strip();
                    return s.startsWith(".") ? "." + DnsNames.normalizeZone(s.substring(1)) : DnsNames.normalizeZone(s);
                })
                .distinct().sorted().toList();
    }

    /**
     * @param name a normalised name
     * @return true when the name is included and not excluded
     */
    public boolean matches(String name) {
        boolean included = includes.isEmpty() || includes.stream().anyMatch(e -> entryMatches(e, name));
        return included && excludes.stream().noneMatch(e -> entryMatches(e, name));
    }

    private static boolean entryMatches(String entry, String name) {
        if (entry.startsWith(".")) {
            String base = entry.substring(1);
            return !name.equals(base) && DnsNames.isAtOrBelow(name, base);
        }
        return DnsNames.isAtOrBelow(name, entry);
    }
}
