package io.capstan.dns.plan;

import io.capstan.dns.endpoint.RecordTargets;
import io.capstan.dns.provider.RecordSet;
import io.capstan.dns.provider.ZoneChanges;
import io.capstan.dns.registry.MarkerValue;
import io.capstan.dns.registry.ZoneRegistry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The next state of one zone while a pass is planned: starts as the zone read, is changed only through
 * {@link #setData} and {@link #setMarker}, and ends as the {@link ZoneChanges} between the two. A write whose
 * normalised content equals what is there keeps the record set as read (no churn from spelling).
 */
final class ZoneDraft {

    private record Entry(String name, String type, long ttl, List<String> values) {
    }

    private final ZoneRegistry current;
    private final long defaultTtl;
    private final TreeMap<String, Entry> next = new TreeMap<>();

    ZoneDraft(ZoneRegistry current, long defaultTtl) {
        this.current = current;
        this.defaultTtl = defaultTtl;
        for (RecordSet rs : current.recordSets().values()) {
            next.put(rs.id(), new Entry(rs.name(), rs.type(), rs.ttl(), rs.targets()));
        }
    }

    /** The record data (markers excluded) of {@code (name, type)} in the next state, normalised. */
    List<String> data(String name, String type) {
        Entry e = next.get(name + ' ' + type);
        if (e == null) {
            return List.of();
        }
        List<String> d = type.equals("TXT") ? e.values.stream().filter(v -> !MarkerValue.isMarker(v)).toList() : e.values;
        return RecordTargets.normalizeLenient(type, d);
    }

    /** True when the TXT record set {@code name} holds an ownership marker in the next state. */
    boolean hasMarkers(String name) {
        Entry e = next.get(name + " TXT");
        return e != null && e.values.stream().anyMatch(MarkerValue::isMarker);
    }

    /** TTL of {@code (name, type)} in the next state, or -1. */
    long ttl(String name, String type) {
        Entry e = next.get(name + ' ' + type);
        return e == null ? -1 : e.ttl;
    }

    /** Record types with data at a name in the next state. */
    Set<String> typesAt(String name) {
        Set<String> out = new TreeSet<>();
        // ids are "<name> <type>" and names hold no space: the record sets of one name are one range of the map
        for (Entry e : next.subMap(name + ' ', name + '!').values()) {
            if (!data(e.name, e.type).isEmpty()) {
                out.add(e.type);
            }
        }
        return out;
    }

    /**
     * Replaces the data of {@code (name, type)}; TXT marker strings at that name are kept. An empty {@code data}
     * removes the data (and the record set when nothing else is left).
     */
    void setData(String name, String type, Set<String> data, long ttl) {
        String id = name + ' ' + type;
        Entry e = next.get(id);
        List<String> have = data(name, type);
        if (e != null && new TreeSet<>(have).equals(new TreeSet<>(data)) && (data.isEmpty() || e.ttl == ttl)) {
            return;
        }
        List<String> values = new ArrayList<>();
        if (e != null && type.equals("TXT")) {
            e.values.stream().filter(MarkerValue::isMarker).forEach(values::add);
        }
        values.addAll(data);
        put(id, name, type, e == null || !data.isEmpty() ? ttl : e.ttl, values);
    }

    /**
     * Sets the marker value of {@code value.owner()} in the TXT record set {@code markerName} ({@code value} null:
     * removes it), keeping every other string of that record set as read.
     */
    void setMarker(String markerName, String owner, MarkerValue value) {
        String id = markerName + " TXT";
        Entry e = next.get(id);
        List<String> values = new ArrayList<>();
        boolean same = false;
        if (e != null) {
            for (String v : e.values) {
                var parsed = MarkerValue.parse(v);
                if (parsed.isPresent() && parsed.get().owner().equals(owner)) {
                    if (value != null && parsed.get().sameAs(value) && !same) {
                        same = true;
                        values.add(v);
                    }
                    continue;
                }
                values.add(v);
            }
        }
        if (value != null && !same) {
            values.add(value.format());
        }
        put(id, markerName, "TXT", e == null ? defaultTtl : e.ttl, values);
    }

    private void put(String id, String name, String type, long ttl, List<String> values) {
        if (values.isEmpty()) {
            next.remove(id);
        } else {
            next.put(id, new Entry(name, type, ttl, List.copyOf(new TreeSet<>(values))));
        }
    }

    private static boolean isMarkerSet(RecordSet rs) {
        return rs.type().equals("TXT") && !rs.targets().isEmpty() && rs.targets().stream().allMatch(MarkerValue::isMarker);
    }

    /**
     * The changes from the zone read to the next state. Creates list marker record sets first (a record never exists
     * without its marker, even when a batch is cut short), deletes list them last; updates list markers first.
     */
    ZoneChanges changes() {
        Map<String, RecordSet> cur = current.recordSets();
        Set<String> ids = new TreeSet<>(cur.keySet());
        ids.addAll(next.keySet());
        List<RecordSet> creates = new ArrayList<>();
        List<RecordSet[]> updates = new ArrayList<>();
        List<RecordSet> deletes = new ArrayList<>();
        for (String id : ids) {
            RecordSet before = cur.get(id);
            Entry e = next.get(id);
            RecordSet after = e == null ? null : new RecordSet(e.name, e.type, e.ttl, e.values);
            if (before == null && after != null) {
                creates.add(after);
            } else if (before != null && after == null) {
                deletes.add(before);
            } else if (before != null && (before.ttl() != after.ttl()
                    || !new HashSet<>(before.targets()).equals(new HashSet<>(after.targets())))) {
                updates.add(new RecordSet[]{before, after});
            }
        }
        Comparator<RecordSet> markersFirst = Comparator.comparing(rs -> isMarkerSet(rs) ? 0 : 1);
        creates.sort(markersFirst.thenComparing(RecordSet::id));
        deletes.sort(markersFirst.reversed().thenComparing(RecordSet::id));
        updates.sort(Comparator.<RecordSet[], Integer>comparing(u -> isMarkerSet(u[1]) ? 0 : 1)
                .thenComparing(u -> u[0].id()));
        return new ZoneChanges(current.zone(), creates, updates.stream().map(u -> u[0]).toList(),
                updates.stream().map(u -> u[1]).toList(), deletes);
    }
}
