package io.capstan.watcher.status;

import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.Conditions;
import io.capstan.model.status.StatusEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The component status of the cluster watcher for one cluster (key {@code <cluster>/cluster-watcher}, subject null)
 * and the decision to publish it: only when a condition changed (no status churn), or when the last publication is
 * older than the heartbeat, so that a silent watcher can be told from a healthy one. Pure: the time is passed in.
 *
 * <p>Conditions: {@value #CLUSTER_REACHABLE} (True {@code Reachable}; False {@code Unreachable},
 * {@code KubeconfigMissing} or {@code KubeconfigInvalid}), {@code Ready} (True {@code Watching}; False
 * {@code Syncing}, the reachability reason, or {@code Deleting}), and after cleanup {@code Finalized=True}
 * ({@code CleanedUp}). Each carries {@code observedGeneration} = the cluster generation.
 */
public final class WatcherStatus {

    /** Component name, the second segment of the status key. */
    public static final String COMPONENT = "cluster-watcher";
    /** Condition type telling whether the cluster's API server answers. */
    public static final String CLUSTER_REACHABLE = "ClusterReachable";

    private final String cluster;
    private final Duration heartbeat;
    private List<Condition> conditions = List.of();
    private Instant lastPublished;

    /**
     * @param cluster   cluster name
     * @param heartbeat longest time between two publications of an unchanged status
     */
    public WatcherStatus(String cluster, Duration heartbeat) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
    }

    /**
     * Computes the status of a pass and decides whether to publish it. When it returns an event, the caller publishes
     * it; the tracker then counts it as published.
     *
     * @param health     what the pass observed
     * @param message    detail for a person (never secret material), may be null
     * @param generation cluster generation (the ClusterEvent's)
     * @param now        the current time
     * @return the event to publish, or empty when nothing changed and the heartbeat is not due
     */
    public Optional<StatusEvent> next(ClusterHealth health, String message, long generation, Instant now) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        List<Condition> next = conditions;
        String msg = message == null ? "" : message;
        switch (health) {
            case WATCHING, SYNCING -> next = Conditions.set(next, Condition.of(CLUSTER_REACHABLE, ConditionStatus.True,
                    "Reachable", "API server answers"), generation, clock);
            case UNREACHABLE -> next = Conditions.set(next, Condition.of(CLUSTER_REACHABLE, ConditionStatus.False,
                    "Unreachable", msg), generation, clock);
            case KUBECONFIG_MISSING -> next = Conditions.set(next, Condition.of(CLUSTER_REACHABLE, ConditionStatus.False,
                    "KubeconfigMissing", msg), generation, clock);
            case KUBECONFIG_INVALID -> next = Conditions.set(next, Condition.of(CLUSTER_REACHABLE, ConditionStatus.False,
                    "KubeconfigInvalid", msg), generation, clock);
            case FINALIZED -> {
                next = Conditions.set(next, Condition.of(Conditions.FINALIZED, ConditionStatus.True, "CleanedUp",
                        "every published resource key was tombstoned"), generation, clock);
            }
        }
        Condition ready = switch (health) {
            case WATCHING -> Condition.of(Conditions.READY, ConditionStatus.True, "Watching", "informers synced");
            case SYNCING -> Condition.of(Conditions.READY, ConditionStatus.False, "Syncing", "informers are listing");
            case UNREACHABLE -> Condition.of(Conditions.READY, ConditionStatus.False, "Unreachable", msg);
            case KUBECONFIG_MISSING -> Condition.of(Conditions.READY, ConditionStatus.False, "KubeconfigMissing", msg);
            case KUBECONFIG_INVALID -> Condition.of(Conditions.READY, ConditionStatus.False, "KubeconfigInvalid", msg);
            case FINALIZED -> Condition.of(Conditions.READY, ConditionStatus.False, "Deleting", "cluster deregistered");
        };
        next = Conditions.set(next, ready, generation, clock);
        if (health != ClusterHealth.FINALIZED) {
            next = next.stream().filter(c -> !c.type().equals(Conditions.FINALIZED)).toList();
        }
        boolean changed = !Conditions.equivalent(conditions, next);
        boolean due = lastPublished == null || !now.isBefore(lastPublished.plus(heartbeat));
        conditions = next;
        if (!changed && !due) {
            return Optional.empty();
        }
        lastPublished = now;
        return Optional.of(new StatusEvent(cluster, COMPONENT, null, generation, now, next, null));
    }

    /** The conditions last computed. */
    public List<Condition> conditions() {
        return conditions;
    }

    /** The status record key of this cluster: {@code <cluster>/cluster-watcher}. */
    public String key() {
        return StatusEvent.key(cluster, COMPONENT, null);
    }
}
