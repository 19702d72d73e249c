package io.capstan.dns.zone;

import io.capstan.dns.name.DnsNames;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Chooses the zone a name belongs to among the zones a cluster may use, as ExternalDNS's
 * {@code provider.ZoneIDName.FindZone}: the most specific zone that is the name itself (the apex) or one of its
 * suffixes on a label boundary. {@code svc.int.example.test} goes to {@code int.example.test} when both it and
 * {@code example.test} are given; {@code fooexample.test} belongs to neither. Never answers an empty zone. Immutable.
 */
public final class ZoneSelector {

    private final List<String> zones;

    /**
     * @param zones zone names as configured, any case, with or without trailing dot, Unicode or punycode
     * @throws io.capstan.dns.name.InvalidNameException when a zone name is invalid (empty, wildcard, bad label)
     */
    public ZoneSelector(Collection<String> zones) {
        TreeSet<String> set = new TreeSet<>();
        for (String z : zones) {
            set.add(DnsNames.normalizeZone(z));
        }
        List<String> sorted = new ArrayList<>(set);
        sorted.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        this.zones = List.copyOf(sorted);
    }

    /**
     * The most specific zone holding a name.
     *
     * @param name a normalised name ({@link DnsNames#normalize(String)})
     * @return the zone, or empty when no zone holds the name
     */
    public Optional<String> zoneOf(String name) {
        for (String z : zones) {
            if (DnsNames.isAtOrBelow(name, z)) {
                return Optional.of(z);
            }
        }
        return Optional.empty();
    }

    /** The zones, normalised, most specific (longest) first. */
    public List<String> zones() {
        return zones;
    }
}
