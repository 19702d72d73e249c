package io.capstan.storage.report;

import io.capstan.model.status.Condition;
import io.capstan.model.status.Conditions;
import io.capstan.model.status.StatusEvent;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers what was last published per status key, so a pass publishes only what changed (no churn) and keeps
 * {@code lastTransitionTime} unless a status flips ({@link Conditions#set}). Thread-safe per cluster (one worker per
 * cluster at a time, by the work queue's guarantee).
 *
 * <p>Memory only: after a restart every entry is published once again with the same content (harmless on the
 * compacted topic); keys of objects that vanished while the service was down are not known and stay until the
 * cluster's tombstone.
 */
public final class StatusLedger {

    /**
     * What to send.
     *
     * @param publish  entries whose content changed, stamped
     * @param removals keys to tombstone ({@code io.capstan.status.removed.v1})
     */
    public record Changes(List<StatusEvent> publish, List<String> removals) {
        /** True when nothing is to be sent. */
        public boolean isEmpty() {
            return publish.isEmpty() && removals.isEmpty();
        }
    }

    private final Clock clock;
    private final Map<String, Map<String, StatusEvent>> byCluster = new ConcurrentHashMap<>();

    /** @param clock stamps transition and observation times */
    public StatusLedger(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * The changes that make the published state equal {@code entries}.
     *
     * @param cluster  cluster name
     * @param entries  the full set of entries of a pass
     * @param complete true when {@code entries} lists every object of the cluster (then keys not in it are removed);
     *                 false for a failure report that only updates the component entry
     */
    public Changes diff(String cluster, List<StatusEntry> entries, boolean complete) {
        Map<String, StatusEvent> last = byCluster.getOrDefault(cluster, Map.of());
        List<StatusEvent> publish = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (StatusEntry e : entries) {
            String key = StatusEvent.key(cluster, StorageReport.COMPONENT, e.subject());
            seen.add(key);
            StatusEvent prev = last.get(key);
            List<Condition> conds = prev == null ? List.of() : prev.conditions();
            // a failure entry carries Ready only: keep the other conditions as they were
            for (Condition c : e.conditions()) {
                conds = Conditions.set(conds, c, e.observedGeneration(), clock);
            }
            boolean same = prev != null && Conditions.equivalent(prev.conditions(), conds)
                    && Objects.equals(prev.details(), e.details() == null ? prev.details() : e.details())
                    && prev.observedGeneration() == e.observedGeneration();
            if (!same) {
                publish.add(new StatusEvent(cluster, StorageReport.COMPONENT, e.subject(), e.observedGeneration(),
                        clock.instant(), conds, e.details() == null && prev != null ? prev.details() : e.details()));
            }
        }
        List<String> removals = new ArrayList<>();
        if (complete) {
            for (String k : last.keySet()) {
                if (!seen.contains(k)) {
                    removals.add(k);
                }
            }
        }
        return new Changes(publish, removals);
    }

    /** Records that the changes were sent (call only after the broker acknowledged them). */
    public void commit(String cluster, Changes changes) {
        Map<String, StatusEvent> m = byCluster.computeIfAbsent(cluster, k -> new ConcurrentHashMap<>());
        changes.publish().forEach(e -> m.put(e.key(), e));
        changes.removals().forEach(m::remove);
    }

    /** Every key published for the cluster, and forgets them (the cluster's tombstone). */
    public List<String> forget(String cluster) {
        Map<String, StatusEvent> m = byCluster.remove(cluster);
        List<String> keys = new ArrayList<>(m == null ? List.of() : m.keySet());
        String component = StatusEvent.key(cluster, StorageReport.COMPONENT, null);
        if (!keys.contains(component)) {
            keys.add(component);
        }
        keys.sort(null);
        return keys;
    }

    /** The last published entry of a key, if any. */
    public java.util.Optional<StatusEvent> last(String cluster, String key) {
        return java.util.Optional.ofNullable(byCluster.getOrDefault(cluster, Map.of()).get(key));
    }
}
