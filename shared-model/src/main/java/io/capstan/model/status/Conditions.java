package io.capstan.model.status;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Condition list helpers with the semantics of {@code meta.SetStatusCondition} (k8s.io/apimachinery) and
 * cert-manager's {@code pkg/api/util/conditions.go}: {@code lastTransitionTime} is kept unless the status flips, and
 * {@code observedGeneration} is stamped on every set.
 */
public final class Conditions {

    /** Condition type every component and object reports. */
    public static final String READY = "Ready";
    /** Set to True once a component removed everything it created for a deregistered cluster. */
    public static final String FINALIZED = "Finalized";

    private Conditions() {
    }

    /**
     * Returns a new list with {@code update} set: added when absent; when present, its lastTransitionTime is kept
     * unless the status changed. Order is kept; the input list is not changed.
     *
     * @param current    current conditions, may be empty
     * @param update     the new condition (its lastTransitionTime is ignored)
     * @param generation the observed generation to stamp
     * @param clock      the clock for a new transition time
     */
    public static List<Condition> set(List<Condition> current, Condition update, long generation, Clock clock) {
        List<Condition> out = new ArrayList<>(current.size() + 1);
        boolean found = false;
        for (Condition c : current) {
            if (c.type().equals(update.type())) {
                found = true;
                var time = c.status() == update.status() && c.lastTransitionTime() != null
                        ? c.lastTransitionTime() : clock.instant();
                out.add(new Condition(update.type(), update.status(), update.reason(), update.message(), time, generation));
            } else {
                out.add(c);
            }
        }
        if (!found) {
            out.add(new Condition(update.type(), update.status(), update.reason(), update.message(), clock.instant(), generation));
        }
        return List.copyOf(out);
    }

    /** The condition of that type, if present. */
    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
    }

    /** True when the condition of that type is present with status True. */
    public static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).map(c -> c.status() == ConditionStatus.True).orElse(false);
    }

    /**
     * True when both lists hold the same conditions (by {@link Condition#sameAs}) in any order: a publisher uses it to
     * skip a status write that would change nothing.
     */
    public static boolean equivalent(List<Condition> a, List<Condition> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Condition c : a) {
            if (find(b, c.type()).filter(c::sameAs).isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
