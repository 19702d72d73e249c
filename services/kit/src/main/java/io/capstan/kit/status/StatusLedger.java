package io.capstan.kit.status;

import io.capstan.model.status.Condition;
import io.capstan.model.status.Conditions;
import io.capstan.model.status.StatusEvent;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Remembers what one component last published per status key ({@code <cluster>/<component>[/kind/namespace/name]},
 * {@link StatusEvent#key}), so a pass publishes only what changed (no churn) and keeps {@code lastTransitionTime}
 * unless a status flips ({@link Conditions#set}, after cert-manager's {@code pkg/api/util/conditions.go}).
 * Thread-safe per cluster (one worker per cluster at a time, by the work queue's guarantee).
 *
 * <p>The ledger is memory, rebuilt from {@code capstan.status} itself: when a replica is assigned a partition,
 * {@link #seed} loads what that topic holds for the clusters of the partition (the latest non-tombstone entry per key
 * of this component; see {@link io.capstan.kit.messaging.StatusSeed}), before any pass of those clusters runs. A
 * restarted service therefore publishes only real changes (same conditions keep their {@code lastTransitionTime}) and
 * tombstones the keys of objects that vanished while it was down. {@link #drop} forgets clusters whose partition moved
 * to another replica, without tombstones.
 *
 * <p>Heartbeat: the orchestrator marks a component status stale when its {@code observedAt} is older than
 * {@code capstan.status.stale-after} (5 min). So the component entry (subject null) of a cluster is published again,
 * conditions, details and {@code lastTransitionTime} unchanged and only {@code observedAt} fresh, by the first
 * {@link #diff} after its last publication is {@code heartbeat} old or older. Object entries are never heartbeated
 * (no churn). Pair it with {@link io.capstan.kit.reconcile.Resync#period}.
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

    private final String component;
    private final Clock clock;
    private final Duration heartbeat;
    private final Map<String, Map<String, StatusEvent>> byCluster = new ConcurrentHashMap<>();

    /**
     * A ledger without heartbeat: an unchanged component entry is never published again.
     *
     * @param component component name, the second segment of every key (for example {@code storage})
     * @param clock     stamps transition and observation times
     */
    public StatusLedger(String component, Clock clock) {
        this(component, clock, null);
    }

    /**
     * @param component component name, the second segment of every key (for example {@code storage})
     * @param clock     stamps transition and observation times
     * @param heartbeat longest age of the published component entry before an unchanged one is published again with a
     *                  fresh {@code observedAt} ({@code capstan.<component>.status-heartbeat}); null for none
     * @throws IllegalArgumentException when {@code heartbeat} is zero or negative
     */
    public StatusLedger(String component, Clock clock, Duration heartbeat) {
        this.component = Objects.requireNonNull(component, "component");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (heartbeat != null && (heartbeat.isZero() || heartbeat.isNegative())) {
            throw new IllegalArgumentException("heartbeat must be positive, got " + heartbeat);
        }
        this.heartbeat = heartbeat;
    }

    /** The component whose keys this ledger holds. */
    public String component() {
        return component;
    }

    /**
     * The changes that make the published state equal {@code entries}.
     *
     * @param cluster  cluster name
     * @param entries  the full set of entries of a pass
     * @param complete true when {@code entries} lists every object of the cluster (then keys not in it are removed);
     *                 false for a partial report (a failure that only updates the component entry, or a pass that
     *                 reports some objects only)
     */
    public Changes diff(String cluster, List<StatusEntry> entries, boolean complete) {
        Map<String, StatusEvent> last = byCluster.getOrDefault(cluster, Map.of());
        List<StatusEvent> publish = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (StatusEntry e : entries) {
            String key = StatusEvent.key(cluster, component, e.subject());
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
                publish.add(new StatusEvent(cluster, component, e.subject(), e.observedGeneration(),
                        clock.instant(), conds, e.details() == null && prev != null ? prev.details() : e.details()));
            } else if (e.subject() == null && heartbeatDue(prev)) {
                // unchanged component entry: the same content with a fresh observedAt, so it is not taken for stale
                publish.add(new StatusEvent(cluster, component, null, prev.observedGeneration(),
                        clock.instant(), prev.conditions(), prev.details()));
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

    /**
     * The tombstones of some keys of a cluster that this ledger holds (for example an answered request that was
     * withdrawn); keys it does not hold are left out.
     *
     * @param cluster  cluster name
     * @param subjects the objects whose entries are to be withdrawn
     */
    public Changes remove(String cluster, Collection<StatusEvent.Subject> subjects) {
        Map<String, StatusEvent> last = byCluster.getOrDefault(cluster, Map.of());
        List<String> removals = new ArrayList<>();
        for (StatusEvent.Subject s : subjects) {
            String key = StatusEvent.key(cluster, component, s);
            if (last.containsKey(key) && !removals.contains(key)) {
                removals.add(key);
            }
        }
        return new Changes(List.of(), removals);
    }

    private boolean heartbeatDue(StatusEvent prev) {
        return heartbeat != null && (prev.observedAt() == null
                || !clock.instant().isBefore(prev.observedAt().plus(heartbeat)));
    }

    /** Records that the changes were sent (call only after the broker acknowledged them). */
    public void commit(String cluster, Changes changes) {
        Map<String, StatusEvent> m = byCluster.computeIfAbsent(cluster, k -> new ConcurrentHashMap<>());
        changes.publish().forEach(e -> m.put(e.key(), e));
        changes.removals().forEach(m::remove);
    }

    /**
     * Every key published for the cluster, the component key always included, sorted; and forgets them (send them as
     * tombstones after the cluster's own tombstone).
     */
    public List<String> forget(String cluster) {
        Map<String, StatusEvent> m = byCluster.remove(cluster);
        List<String> keys = new ArrayList<>(m == null ? List.of() : m.keySet());
        String componentKey = StatusEvent.key(cluster, component, null);
        if (!keys.contains(componentKey)) {
            keys.add(componentKey);
        }
        keys.sort(null);
        return keys;
    }

    /**
     * Replaces what is known of the clusters {@code covers} accepts by the entries read back from
     * {@code capstan.status} (the latest non-tombstone value per key). Entries of another component or of a cluster
     * {@code covers} rejects are ignored; the entries are taken as they are (conditions with their
     * {@code lastTransitionTime}), so the next {@link #diff} compares against what the topic holds.
     *
     * @param covers    the clusters this seed is complete for (those of the partitions read)
     * @param published entries read from {@code capstan.status}
     */
    public void seed(Predicate<String> covers, Collection<StatusEvent> published) {
        drop(covers);
        for (StatusEvent e : published) {
            if (component.equals(e.component()) && covers.test(e.cluster())) {
                byCluster.computeIfAbsent(e.cluster(), k -> new ConcurrentHashMap<>()).put(e.key(), e);
            }
        }
    }

    /**
     * Forgets the clusters {@code which} accepts without tombstoning anything (their partition now belongs to another
     * replica, which seeds its own ledger from the topic).
     */
    public void drop(Predicate<String> which) {
        byCluster.keySet().removeIf(which);
    }

    /** The last published entry of a key, if any. */
    public Optional<StatusEvent> last(String cluster, String key) {
        return Optional.ofNullable(byCluster.getOrDefault(cluster, Map.of()).get(key));
    }

    /** The last published entry of the component ({@code subject} null) or of an object, if any. */
    public Optional<StatusEvent> last(String cluster, StatusEvent.Subject subject) {
        return last(cluster, StatusEvent.key(cluster, component, subject));
    }

    /** Every entry last published for a cluster (a copy), in no particular order. */
    public List<StatusEvent> entries(String cluster) {
        return List.copyOf(byCluster.getOrDefault(cluster, Map.of()).values());
    }
}
