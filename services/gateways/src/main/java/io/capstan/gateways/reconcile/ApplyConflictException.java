package io.capstan.gateways.reconcile;

/** A write met a 409 (stale resourceVersion): re-read and re-plan. */
public final class ApplyConflictException extends RuntimeException {

    /** @param message names the object */
    public ApplyConflictException(String message) {
        super(message);
    }
}
