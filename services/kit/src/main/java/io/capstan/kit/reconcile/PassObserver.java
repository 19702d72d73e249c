package io.capstan.kit.reconcile;

/**
 * Told about every reconcile pass, for metrics ({@link io.capstan.kit.metrics.ServiceMetrics}). Implementations must
 * be fast and must not throw.
 */
public interface PassObserver {

    /**
     * One pass ended.
     *
     * @param key     the work-queue key (a cluster name for storage)
     * @param outcome the service's outcome name, a small fixed set (storage: {@code ensured}, {@code unchanged},
     *                {@code finalized}, {@code forgotten}, {@code invalid-profile}, {@code failed}, {@code not-owned})
     * @param nanos   duration of the pass, nanoseconds
     */
    void passed(String key, String outcome, long nanos);

    /** Told when a write met a 409 Conflict and the pass re-read and re-planned. */
    default void conflict(String key) {
    }

    /** Ignores everything. */
    PassObserver NONE = (k, o, n) -> { };
}
