package io.capstan.model.reconcile;

import java.time.Duration;

/**
 * One reconcile pass for one key: observe desired and actual state, plan, apply, report (ARCHITECTURE.md, "The
 * reconciler shape"). Implementations must be idempotent: a pass with nothing to change writes nothing.
 *
 * @param <K> the key type, with value equality
 */
@FunctionalInterface
public interface Reconciler<K> {

    /**
     * Reconciles one key.
     *
     * @param key     what to reconcile
     * @param attempt 1 for a first pass, n+1 after n consecutive failures of this key
     * @return what to do next
     * @throws ReconcileException a classified failure; any other exception counts as transient
     */
    Result reconcile(K key, int attempt) throws Exception;

    /** The outcome of a successful pass. */
    record Result(Duration requeueAfter) {
        /** Done; the key comes back only on a new event or the periodic resync. */
        public static final Result DONE = new Result(null);

        /** Done for now, look again after {@code delay} (for example a certificate's renewal time). */
        public static Result requeueAfter(Duration delay) {
            return new Result(delay);
        }
    }

    /**
     * Called when a key failed; lets the service publish {@code Ready=False} once {@link Backoff#exhausted} holds or
     * the failure is terminal.
     */
    interface FailureListener<K> {
        /**
         * @param key     the key that failed
         * @param attempt consecutive failures so far, 1-based
         * @param error   the classified error
         */
        void failed(K key, int attempt, ReconcileException error);
    }
}
