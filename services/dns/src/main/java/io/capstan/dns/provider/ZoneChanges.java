package io.capstan.dns.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The changes the planner asks one zone's provider to make, as ExternalDNS's {@code plan.Changes}: whole record sets
 * are created, replaced or deleted; a provider applies them as RFC 2136 UPDATE messages or API calls, in the order
 * deletes, then updates, then creates, and never touches a record set that is not named here.
 *
 * @param zone      the zone name, absolute, lowercase, without trailing dot (never empty)
 * @param creates   record sets that do not exist yet
 * @param updateOld record sets as they are now, index-aligned with {@code updateNew} (a provider may use them as
 *                  RFC 2136 §2.4 prerequisites)
 * @param updateNew the record sets that replace them
 * @param deletes   record sets to remove, as they are now
 */
public record ZoneChanges(String zone, List<RecordSet> creates, List<RecordSet> updateOld, List<RecordSet> updateNew,
                          List<RecordSet> deletes) {

    /** @throws IllegalArgumentException on an empty zone or update lists of different lengths */
    public ZoneChanges {
        Objects.requireNonNull(zone, "zone");
        if (zone.isEmpty()) {
            throw new IllegalArgumentException("zone must not be empty");
        }
        creates = List.copyOf(creates);
        updateOld = List.copyOf(updateOld);
        updateNew = List.copyOf(updateNew);
        deletes = List.copyOf(deletes);
        if (updateOld.size() != updateNew.size()) {
            throw new IllegalArgumentException("updateOld and updateNew must be index-aligned");
        }
    }

    /** True when there is nothing to do. */
    public boolean isEmpty() {
        return creates.isEmpty() && updateNew.isEmpty() && deletes.isEmpty();
    }

    /** Number of record sets touched. */
    public int size() {
        return creates.size() + updateNew.size() + deletes.size();
    }

    /**
     * The changes one record set at a time in the order a provider applies them: every delete, then every update,
     * then every create, each list in its given order.
     */
    public List<Change> ordered() {
        List<Change> out = new ArrayList<>(size());
        deletes.forEach(d -> out.add(new Change(Change.Kind.DELETE, d, null)));
        for (int i = 0; i < updateNew.size(); i++) {
            out.add(new Change(Change.Kind.UPDATE, updateOld.get(i), updateNew.get(i)));
        }
        creates.forEach(c -> out.add(new Change(Change.Kind.CREATE, null, c)));
        return out;
    }

    /**
     * One record set's change.
     *
     * @param kind   what happens
     * @param before the record set as it is now (null for {@link Kind#CREATE})
     * @param after  the record set as it shall be (null for {@link Kind#DELETE})
     */
    public record Change(Kind kind, RecordSet before, RecordSet after) {

        /** Delete, update or create. */
        public enum Kind { DELETE, UPDATE, CREATE }

        /** The record set's identity ({@link RecordSet#id()} of {@code after}, else of {@code before}). */
        public RecordSet subject() {
            return after != null ? after : before;
        }
    }
}
