package io.capstan.dns.provider.memory;

import io.capstan.dns.provider.DnsProvider;
import io.capstan.dns.provider.ProviderConflictException;
import io.capstan.dns.provider.ProviderException;
import io.capstan.dns.provider.RecordData;
import io.capstan.dns.provider.RecordSet;
import io.capstan.dns.provider.ZoneChanges;
import io.capstan.dns.provider.ZoneChanges.Change;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link DnsProvider} that keeps its zones in this JVM's memory, for the sandbox when no DNS server is configured
 * (and lost on restart). It behaves as {@link io.capstan.dns.provider.rfc2136.Rfc2136Provider} does against BIND:
 * every zone has an apex SOA (serial bumped by every applied message) and NS; changes go in messages of at most
 * {@code maxRecordSetsPerMessage} record sets, each all-or-nothing; a create requires that the record set does not
 * exist and an update or delete that it exists with the targets it was read with (RFC 2136 §2.4.3 and §2.4.2; TTL
 * is not compared), else {@link ProviderConflictException}; A and AAAA data must be address literals (AAAA kept in
 * RFC 5952 form). Thread-safe.
 */
public final class InMemoryProvider implements DnsProvider {

    private final int maxRecordSetsPerMessage;
    private final Map<String, Zone> zones = new TreeMap<>();

    /** A provider with no zone yet and 100 record sets per message. */
    public InMemoryProvider() {
        this(100);
    }

    /**
     * @param maxRecordSetsPerMessage record sets applied atomically together, at least 1
     */
    public InMemoryProvider(int maxRecordSetsPerMessage) {
        if (maxRecordSetsPerMessage < 1) {
            throw new IllegalArgumentException("maxRecordSetsPerMessage must be at least 1");
        }
        this.maxRecordSetsPerMessage = maxRecordSetsPerMessage;
    }

    /**
     * Serves a zone (again: an existing zone is replaced) with its SOA, its NS {@code ns1.<zone>} and the given record
     * sets.
     *
     * @param zone    zone name, absolute, without trailing dot (lowercased here)
     * @param initial record sets inside the zone, for example foreign records a test wants left alone
     * @return this
     * @throws IllegalArgumentException on an empty zone name or a record set outside the zone
     */
    public synchronized InMemoryProvider addZone(String zone, List<RecordSet> initial) {
        String name = RecordData.hostname(zone);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("zone must not be empty");
        }
        Zone z = new Zone(name);
        for (RecordSet set : initial) {
            if (!RecordData.inZone(set.name(), name)) {
                throw new IllegalArgumentException(set.id() + " is outside zone " + name);
            }
            z.sets.put(set.id(), set);
        }
        zones.put(name, z);
        return this;
    }

    /** Serves an empty zone (SOA and NS only). */
    public InMemoryProvider addZone(String zone) {
        return addZone(zone, List.of());
    }

    /** Stops serving a zone; true when it was served. */
    public synchronized boolean removeZone(String zone) {
        return zones.remove(RecordData.hostname(zone)) != null;
    }

    @Override
    public synchronized List<RecordSet> records(String zone) throws ProviderException {
        return zone(zone).snapshot();
    }

    @Override
    public synchronized void apply(ZoneChanges changes) throws ProviderException {
        if (changes.isEmpty()) {
            return;
        }
        Zone zone = zone(changes.zone());
        List<Change> ordered = changes.ordered();
        List<Change> normalized = new ArrayList<>(ordered.size());
        for (Change change : ordered) {
            RecordSet subject = change.subject();
            if (!RecordData.inZone(subject.name(), zone.name)) {
                throw new ProviderException(prefix(zone.name) + subject.id() + " is outside the zone; nothing applied",
                    false, 0, null);
            }
            try {
                normalized.add(new Change(change.kind(), normalize(change.before()), normalize(change.after())));
            } catch (IllegalArgumentException e) {
                throw new ProviderException(prefix(zone.name) + e.getMessage() + "; nothing applied", false, 0,
                    null);
            }
        }
        int applied = 0;
        int messages = (normalized.size() + maxRecordSetsPerMessage - 1) / maxRecordSetsPerMessage;
        for (int m = 0; m < messages; m++) {
            List<Change> batch = normalized.subList(m * maxRecordSetsPerMessage,
                Math.min(normalized.size(), (m + 1) * maxRecordSetsPerMessage));
            Map<String, RecordSet> next = new LinkedHashMap<>(zone.sets);
            for (Change change : batch) {
                RecordSet subject = change.subject();
                RecordSet now = next.get(subject.id());
                boolean holds = change.kind() == Change.Kind.CREATE ? now == null
                    : now != null && (change.before().targets().isEmpty()
                        || now.targets().equals(change.before().targets()));
                if (!holds) {
                    String what = "message " + (m + 1) + " of " + messages + " (" + batch.size() + " record sets)";
                    throw new ProviderConflictException(prefix(zone.name) + what + " rejected, prerequisite failed ("
                        + (change.kind() == Change.Kind.CREATE ? "YXRRSET" : "NXRRSET") + "): " + subject.id()
                        + " changed since the zone was read; nothing of this message applied"
                        + (applied == 0 ? "" : "; " + applied + " record sets applied before it"), subject.id(),
                        applied);
                }
                next.remove(subject.id());
                if (change.after() != null && !change.after().targets().isEmpty()) {
                    next.put(subject.id(), change.after());
                }
            }
            zone.sets.clear();
            zone.sets.putAll(next);
            zone.serial++;
            applied += batch.size();
        }
    }

    private static RecordSet normalize(RecordSet set) {
        if (set == null) {
            return null;
        }
        String type = set.type().toUpperCase(Locale.ROOT);
        List<String> targets = switch (type) {
            case "A" -> set.targets().stream().map(t -> {
                if (!t.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}")) {
                    throw new IllegalArgumentException("bad A address for " + set.name() + ": " + t);
                }
                return t;
            }).toList();
            case "AAAA" -> set.targets().stream().map(t -> {
                try {
                    return RecordData.ipv6(t);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("bad AAAA address for " + set.name() + ": " + t);
                }
            }).toList();
            case "CNAME", "NS", "PTR", "DNAME" -> set.targets().stream().map(RecordData::hostname).toList();
            default -> set.targets();
        };
        return new RecordSet(RecordData.hostname(set.name()), type, set.ttl(), targets);
    }

    private Zone zone(String zone) throws ProviderException {
        if (zone == null || zone.isEmpty()) {
            throw new ProviderException(describe() + ": empty zone name", false, 0, null);
        }
        Zone z = zones.get(zone);
        if (z == null) {
            throw new ProviderException(prefix(zone) + "not served (NOTAUTH)", false, 0, null);
        }
        return z;
    }

    private String prefix(String zone) {
        return describe() + " zone " + zone + ": ";
    }

    @Override
    public String describe() {
        return "inmemory";
    }

    @Override
    public void close() {
        // nothing held outside memory
    }

    @Override
    public String toString() {
        return "InMemoryProvider" + zones.keySet();
    }

    /** One zone's record sets by {@link RecordSet#id()}. */
    private static final class Zone {
        final String name;
        final Map<String, RecordSet> sets = new LinkedHashMap<>();
        long serial = 1;

        Zone(String name) {
            this.name = name;
        }

        List<RecordSet> snapshot() {
            List<RecordSet> out = new ArrayList<>(sets.size() + 2);
            out.add(new RecordSet(name, "SOA", 300, List.of("ns1." + name + ". hostmaster." + name + ". " + serial
                + " 3600 600 86400 60")));
            if (!sets.containsKey(name + " NS")) {
                out.add(new RecordSet(name, "NS", 300, List.of("ns1." + name)));
            }
            out.addAll(sets.values());
            return out;
        }
    }
}
