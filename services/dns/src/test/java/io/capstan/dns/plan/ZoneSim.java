package io.capstan.dns.plan;

import io.capstan.dns.endpoint.Endpoint;
import io.capstan.dns.endpoint.SourceRef;
import io.capstan.dns.provider.RecordSet;
import io.capstan.dns.provider.ZoneChanges;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tiny test stand-in for a DNS server: zones as maps of record sets, and {@link #apply} with the RFC 2136 §2.4
 * prerequisites a real provider sends (a create needs "RRset does not exist", an update and a delete need the record
 * set exactly as planned). Not a provider: only for feeding one planning pass's result into the next.
 */
final class ZoneSim {

    private final Map<String, Map<String, RecordSet>> zones = new TreeMap<>();

    ZoneSim(String... zoneNames) {
        for (String z : zoneNames) {
            zones.put(z, new TreeMap<>());
        }
    }

    ZoneSim put(String zone, RecordSet rs) {
        zones.get(zone).put(rs.id(), rs);
        return this;
    }

    ZoneSim put(String zone, String name, String type, long ttl, String... targets) {
        return put(zone, new RecordSet(name, type, ttl, Arrays.asList(targets)));
    }

    /** The current state, as a provider's {@code records(zone)} per zone. */
    Map<String, List<RecordSet>> current() {
        Map<String, List<RecordSet>> out = new LinkedHashMap<>();
        zones.forEach((z, m) -> out.put(z, new ArrayList<>(m.values())));
        return out;
    }

    RecordSet get(String zone, String name, String type) {
        return zones.get(zone).get(name + ' ' + type);
    }

    List<RecordSet> all(String zone) {
        return new ArrayList<>(zones.get(zone).values());
    }

    /** Applies a plan's changes, checking the prerequisites; throws AssertionError when one fails. */
    void apply(Plan plan) {
        for (ZoneChanges zc : plan.changes()) {
            Map<String, RecordSet> z = zones.get(zc.zone());
            if (z == null) {
                throw new AssertionError("change for a zone that does not exist: " + zc.zone());
            }
            for (RecordSet d : zc.deletes()) {
                require(same(z.get(d.id()), d), "delete of " + d + " but the zone holds " + z.get(d.id()));
                z.remove(d.id());
            }
            for (int i = 0; i < zc.updateOld().size(); i++) {
                RecordSet old = zc.updateOld().get(i);
                RecordSet neu = zc.updateNew().get(i);
                require(old.id().equals(neu.id()), "update changes identity " + old + " -> " + neu);
                require(same(z.get(old.id()), old), "update of " + old + " but the zone holds " + z.get(old.id()));
                z.put(neu.id(), neu);
            }
            for (RecordSet c : zc.creates()) {
                require(!z.containsKey(c.id()), "create of " + c + " but RRset exists: " + z.get(c.id()));
                z.put(c.id(), c);
            }
        }
    }

    /**
     * Applies only the first {@code n} record-set changes of a plan in the order a provider sends them (deletes, then
     * updates, then creates, each list in order): a batch cut short by a crash.
     */
    void applyFirst(Plan plan, int n) {
        int left = n;
        for (ZoneChanges zc : plan.changes()) {
            List<RecordSet> deletes = zc.deletes().subList(0, Math.min(left, zc.deletes().size()));
            left -= deletes.size();
            int u = Math.min(left, zc.updateNew().size());
            left -= u;
            List<RecordSet> creates = zc.creates().subList(0, Math.min(left, zc.creates().size()));
            left -= creates.size();
            apply(new Plan(List.of(new ZoneChanges(zc.zone(), creates, zc.updateOld().subList(0, u),
                    zc.updateNew().subList(0, u), deletes)), List.of()));
        }
    }

    private static boolean same(RecordSet a, RecordSet b) {
        return a != null && a.ttl() == b.ttl() && new HashSet<>(a.targets()).equals(new HashSet<>(b.targets()));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }

    static Endpoint ep(String name, String type, SourceRef src, Instant created, String... targets) {
        return new Endpoint(name, type, List.of(targets), 0, src, created);
    }

    static SourceRef svc(String name) {
        return new SourceRef("Service", "default", name);
    }

    static SourceRef ing(String name) {
        return new SourceRef("Ingress", "default", name);
    }
}
