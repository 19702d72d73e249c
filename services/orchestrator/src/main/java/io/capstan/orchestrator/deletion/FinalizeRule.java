package io.capstan.orchestrator.deletion;

import io.capstan.model.status.Conditions;
import io.capstan.orchestrator.status.ComponentStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides when a cluster being deleted may be forgotten. Pure.
 */
public final class FinalizeRule {

    private FinalizeRule() {
    }

    /** The decision. */
    public enum Decision {
        /** Some expected component has not finalized yet and the timeout has not passed. */
        WAIT,
        /** Every expected component reported Finalized=True at the deletion generation (or later). */
        FINALIZED,
        /** The timeout passed first. */
        TIMED_OUT
    }

    /**
     * @param generation  the cluster generation at which deletion was asked (or later)
     * @param requestedAt when deletion was asked
     * @param reported    component-level statuses by component name
     * @param expected    the components that must finalize (config {@code capstan.components})
     * @param now         current time
     * @param timeout     config {@code capstan.deletion.timeout}
     */
    public static Decision decide(long generation, Instant requestedAt, Map<String, ComponentStatus> reported,
                                  List<String> expected, Instant now, Duration timeout) {
        if (unfinalized(generation, reported, expected).isEmpty()) {
            return Decision.FINALIZED;
        }
        return requestedAt != null && !requestedAt.plus(timeout).isAfter(now) ? Decision.TIMED_OUT : Decision.WAIT;
    }

    /**
     * The expected components that have not reported {@code Finalized=True} at {@code generation} or later.
     *
     * @param generation the cluster generation at which deletion was asked (or later)
     * @param reported   component-level statuses by component name
     * @param expected   the components that must finalize (config {@code capstan.components})
     * @return those components, in the order of {@code expected}; empty when every one finalized
     */
    public static List<String> unfinalized(long generation, Map<String, ComponentStatus> reported, List<String> expected) {
        List<String> missing = new ArrayList<>();
        for (String c : expected) {
            ComponentStatus s = reported.get(c);
            if (s == null || s.observedGeneration() < generation || !Conditions.isTrue(s.conditions(), Conditions.FINALIZED)) {
                missing.add(c);
            }
        }
        return List.copyOf(missing);
    }
}
