package io.capstan.orchestrator.status;

import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.Conditions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes a cluster's phase from its component statuses. Pure: values and the current time in, values out.
 *
 * <p>Rules, first match wins:
 * <ol>
 *   <li>{@code Deleting} when deletion was asked;</li>
 *   <li>{@code Unreachable} when component {@code cluster-watcher} reports {@code ClusterReachable=False};</li>
 *   <li>{@code Pending} when no component has reported;</li>
 *   <li>{@code Degraded} when an expected component reports {@code Ready=False} for a reason other than waiting
 *       (a reason starting with {@code WaitingFor}, such as {@code WaitingForGateways}: a component that waits for
 *       another one it depends on is provisioning, not failing) or starting ({@code Syncing}, {@code Progressing});</li>
 *   <li>{@code Ready} when every expected component reports {@code Ready=True} with observedGeneration at least the
 *       cluster generation;</li>
 *   <li>{@code Provisioning} otherwise.</li>
 * </ol>
 * A component whose {@code observedAt} is older than the stale limit is first shown with
 * {@code Ready=Unknown, reason StatusStale}, so it never counts as Ready (nor as Degraded). Components are shown in
 * the order of the expected list (config {@code capstan.components}, which lists them in the order of what they
 * need: gateways, dns, certificates), then the unexpected ones by name.
 */
public final class PhaseRules {

    /** Description of the rules, for the OpenAPI document. */
    public static final String DESCRIPTION = """
            phase, first match wins: Deleting if deletion was asked; Unreachable if component cluster-watcher has \
            ClusterReachable=False; Pending if no component reported yet; Degraded if any expected component has \
            Ready=False for a reason other than WaitingFor*, Syncing or Progressing (a component waiting for another, \
            e.g. reason WaitingForGateways, or still starting is provisioning); Ready if every expected component (config capstan.components) has Ready=True with \
            observedGeneration >= the cluster generation; else Provisioning. A component whose status is older than \
            capstan.status.stale-after is shown with Ready=Unknown, reason StatusStale, and never counts as Ready.""";

    /** Prefix of the {@code Ready=False} reasons by which a component says it waits for another one. */
    public static final String WAITING_PREFIX = "WaitingFor";

    /** The component that reports reachability. */
    public static final String CLUSTER_WATCHER = "cluster-watcher";
    /** Condition type of the cluster watcher's reachability. */
    public static final String CLUSTER_REACHABLE = "ClusterReachable";
    /** Reason set on the Ready condition of a stale component. */
    public static final String STALE_REASON = "StatusStale";

    private PhaseRules() {
    }

    /**
     * The phase and the components as they are shown.
     *
     * @param phase      the computed phase
     * @param components every reported component (expected or not), stale ones with Ready=Unknown
     */
    public record Evaluation(Phase phase, Map<String, ComponentStatus> components) {
    }

    /**
     * Evaluates a cluster.
     *
     * @param generation the cluster's generation, at least 1
     * @param deleting   whether deletion was asked
     * @param reported   latest component-level status per component name
     * @param expected   the components that must be Ready (config {@code capstan.components})
     * @param now        current time
     * @param staleAfter age after which a status no longer counts
     */
    public static Evaluation evaluate(long generation, boolean deleting, Map<String, ComponentStatus> reported,
                                      List<String> expected, Instant now, Duration staleAfter) {
        Map<String, ComponentStatus> shown = new LinkedHashMap<>();
        java.util.Comparator<String> order = java.util.Comparator
                .<String>comparingInt(c -> expected.contains(c) ? expected.indexOf(c) : expected.size())
                .thenComparing(java.util.Comparator.naturalOrder());
        reported.entrySet().stream().sorted(Map.Entry.comparingByKey(order))
                .forEach(e -> shown.put(e.getKey(), freshOrStale(e.getValue(), now, staleAfter)));
        return new Evaluation(phase(generation, deleting, shown, expected), shown);
    }

    private static Phase phase(long generation, boolean deleting, Map<String, ComponentStatus> shown, List<String> expected) {
        if (deleting) {
            return Phase.Deleting;
        }
        ComponentStatus watcher = shown.get(CLUSTER_WATCHER);
        if (watcher != null && status(watcher, CLUSTER_REACHABLE).filter(s -> s == ConditionStatus.False).isPresent()) {
            return Phase.Unreachable;
        }
        if (shown.isEmpty()) {
            return Phase.Pending;
        }
        for (String c : expected) {
            ComponentStatus s = shown.get(c);
            if (s != null && Conditions.find(s.conditions(), Conditions.READY)
                    .filter(x -> x.status() == ConditionStatus.False && !isWaiting(x)).isPresent()) {
                return Phase.Degraded;
            }
        }
        boolean allReady = !expected.isEmpty();
        for (String c : expected) {
            ComponentStatus s = shown.get(c);
            if (s == null || !Conditions.isTrue(s.conditions(), Conditions.READY) || s.observedGeneration() < generation) {
                allReady = false;
                break;
            }
        }
        return allReady ? Phase.Ready : Phase.Provisioning;
    }

    /** {@code Ready=False} reasons by which a component says it is still starting, not failing. */
    public static final java.util.Set<String> PROGRESSING_REASONS = java.util.Set.of("Syncing", "Progressing");

    /**
     * Whether a condition says its component is on its way rather than failing: it waits for another one (reason
     * {@code WaitingFor...}) or is still starting ({@link #PROGRESSING_REASONS}, for example the cluster watcher's
     * {@code Syncing} while its informers list).
     */
    public static boolean isWaiting(Condition c) {
        return c.reason() != null && (c.reason().startsWith(WAITING_PREFIX) || PROGRESSING_REASONS.contains(c.reason()));
    }

    private static Optional<ConditionStatus> status(ComponentStatus s, String type) {
        return Conditions.find(s.conditions(), type).map(Condition::status);
    }

    /** The status as shown: unchanged when fresh; Ready replaced by Unknown/StatusStale when older than the limit. */
    static ComponentStatus freshOrStale(ComponentStatus s, Instant now, Duration staleAfter) {
        if (s.observedAt() == null || !s.observedAt().plus(staleAfter).isBefore(now)) {
            return s;
        }
        String message = "last status from " + s.observedAt() + " is older than " + staleAfter.toSeconds() + "s";
        List<Condition> out = new ArrayList<>();
        boolean replaced = false;
        for (Condition c : s.conditions()) {
            if (c.type().equals(Conditions.READY)) {
                out.add(new Condition(Conditions.READY, ConditionStatus.Unknown, STALE_REASON, message,
                        c.status() == ConditionStatus.Unknown ? c.lastTransitionTime() : s.observedAt().plus(staleAfter),
                        c.observedGeneration()));
                replaced = true;
            } else {
                out.add(c);
            }
        }
        if (!replaced) {
            out.add(new Condition(Conditions.READY, ConditionStatus.Unknown, STALE_REASON, message,
                    s.observedAt().plus(staleAfter), s.observedGeneration()));
        }
        return new ComponentStatus(out, s.observedGeneration(), s.observedAt());
    }
}
