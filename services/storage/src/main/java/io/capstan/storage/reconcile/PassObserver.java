package io.capstan.storage.reconcile;

/** Told about every pass, for metrics. Implementations must be fast and must not throw. */
@FunctionalInterface
public interface PassObserver {

    /** Outcomes: {@code ensured}, {@code unchanged}, {@code finalized}, {@code forgotten}, {@code invalid-profile}, {@code failed}, {@code not-owned}
     * (skipped: the partition is not owned or its status not seeded yet). */
    void passed(String cluster, String outcome, long nanos);

    /** Told when a write met a 409 and the pass re-read and re-planned. */
    default void conflict(String cluster) {
    }

    /** Ignores everything. */
    PassObserver NONE = (c, o, n) -> { };
}
