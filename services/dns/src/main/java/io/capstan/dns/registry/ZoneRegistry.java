package io.capstan.dns.registry;

import io.capstan.dns.name.DnsNames;
import io.capstan.dns.provider.RecordSet;
import io.capstan.dns.zone.ZoneSelector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The ownership view of one zone as read from its provider, as ExternalDNS's {@code TXTRegistry.Records}: every
 * record set the planner may look at (the SOA, the apex NS and names that belong to a more specific configured zone
 * are left out), and who owns each record set according to the markers.
 *
 * <p>A TXT record set may hold marker values (text with {@code heritage=external-dns}) and ordinary text side by side
 * (an apex TXT with an SPF string and a legacy marker): {@link #data} returns only the ordinary text, {@link #markersAt}
 * only the markers. The ownership of {@code (name, type)} is read from its marker name and, only when that holds no
 * marker, from the names ExternalDNS used before (legacy type-less name, un-replaced wildcard). Immutable.
 */
public final class ZoneRegistry {

    /**
     * Who owns a record set.
     *
     * @param values     the marker values found (one per owner), empty when the record set is unowned
     * @param markerName the TXT name they were found at, or the name the marker must have when none was found
     * @param adopted    true when they were found only at a legacy / alternate name
     */
    public record Ownership(List<MarkerValue> values, String markerName, boolean adopted) {

        /** True when some value names {@code owner}. */
        public boolean ownedBy(String owner) {
            return values.stream().anyMatch(v -> v.owner().equals(owner));
        }

        /** The value of {@code owner}, if any. */
        public Optional<MarkerValue> valueOf(String owner) {
            return values.stream().filter(v -> v.owner().equals(owner)).findFirst();
        }

        /** Values of other owners. */
        public List<MarkerValue> others(String owner) {
            return values.stream().filter(v -> !v.owner().equals(owner)).toList();
        }
    }

    private final String zone;
    private final MarkerNames names;
    private final TreeMap<String, RecordSet> sets = new TreeMap<>();

    /**
     * @param zone     the zone, normalised
     * @param current  the zone's record sets as {@link io.capstan.dns.provider.DnsProvider#records} returns them
     * @param names    the marker naming in use
     * @param selector every configured zone, to leave out names of a more specific zone (delegation NS, glue)
     */
    public ZoneRegistry(String zone, List<RecordSet> current, MarkerNames names, ZoneSelector selector) {
        this.zone = zone;
        this.names = names;
        for (RecordSet rs : current) {
            String type = rs.type().toUpperCase(Locale.ROOT);
            String name;
            try {
                name = DnsNames.normalize(rs.name());
            } catch (IllegalArgumentException e) {
                name = rs.name().toLowerCase(Locale.ROOT);
            }
            if (type.equals("SOA") || (type.equals("NS") && name.equals(zone))) {
                continue;
            }
            if (!DnsNames.isAtOrBelow(name, zone) || !selector.zoneOf(name).map(zone::equals).orElse(true)) {
                continue;
            }
            RecordSet normal = new RecordSet(name, type, rs.ttl(), rs.targets());
            sets.merge(normal.id(), normal, (a, b) -> {
                List<String> all = new ArrayList<>(a.targets());
                all.addAll(b.targets());
                return new RecordSet(a.name(), a.type(), Math.min(a.ttl(), b.ttl()), all);
            });
        }
    }

    /** The zone name. */
    public String zone() {
        return zone;
    }

    /** The marker naming in use. */
    public MarkerNames markerNames() {
        return names;
    }

    /** Every record set considered, keyed by {@link RecordSet#id()}, sorted. */
    public Map<String, RecordSet> recordSets() {
        return Collections.unmodifiableMap(sets);
    }

    /** The record set {@code (name, type)} as read, if any. */
    public Optional<RecordSet> get(String name, String type) {
        return Optional.ofNullable(sets.get(name + ' ' + type));
    }

    /**
     * The record data of {@code (name, type)} that is not an ownership marker (for TXT: the strings without
     * {@code heritage=external-dns}); empty when there is none.
     */
    public List<String> data(String name, String type) {
        RecordSet rs = sets.get(name + ' ' + type);
        if (rs == null) {
            return List.of();
        }
        if (!type.equals("TXT")) {
            return rs.targets();
        }
        return rs.targets().stream().filter(t -> !MarkerValue.isMarker(t)).toList();
    }

    /** True when {@code (name, type)} holds record data (see {@link #data}). */
    public boolean hasData(String name, String type) {
        return !data(name, type).isEmpty();
    }

    /** The marker values stored in the TXT record set {@code markerName}, in text order. */
    public List<MarkerValue> markersAt(String markerName) {
        RecordSet rs = sets.get(markerName + " TXT");
        if (rs == null) {
            return List.of();
        }
        List<MarkerValue> out = new ArrayList<>();
        for (String t : rs.targets()) {
            MarkerValue.parse(t).ifPresent(out::add);
        }
        return out;
    }

    /**
     * Who owns {@code (name, type)}.
     *
     * @throws MarkerNameException when the record's marker cannot be named (label or name too long)
     */
    public Ownership ownership(String name, String type) {
        String primary = names.markerName(name, type, zone);
        List<MarkerValue> values = markersAt(primary);
        if (!values.isEmpty()) {
            return new Ownership(values, primary, false);
        }
        for (String alt : names.alternateNames(name, type, zone)) {
            List<MarkerValue> v = markersAt(alt);
            if (!v.isEmpty() && alt.equals(names.legacyName(name, zone).orElse(null))
                    && names.isTypedMarkerName(alt, zone)) {
                continue; // read as a type-prefixed marker of another record, as ExternalDNS does
            }
            if (!v.isEmpty()) {
                return new Ownership(v, alt, true);
            }
        }
        return new Ownership(List.of(), primary, false);
    }

    /** The record types that hold data at a name, sorted. */
    public List<String> typesAt(String name) {
        List<String> out = new ArrayList<>();
        // ids are "<name> <type>" and names hold no space: the record sets of one name are one range of the map
        for (RecordSet rs : sets.subMap(name + ' ', name + '!').values()) {
            if (hasData(name, rs.type())) {
                out.add(rs.type());
            }
        }
        return out;
    }

    /** Names of TXT record sets holding at least one marker value, with those values. */
    public Map<String, List<MarkerValue>> markerSets() {
        Map<String, List<MarkerValue>> out = new LinkedHashMap<>();
        for (RecordSet rs : sets.values()) {
            if (rs.type().equals("TXT")) {
                List<MarkerValue> v = markersAt(rs.name());
                if (!v.isEmpty()) {
                    out.put(rs.name(), v);
                }
            }
        }
        return out;
    }
}
