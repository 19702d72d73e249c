package io.capstan.storage.reconcile;

/** The API server answered 409: the object changed since it was read, or was created meanwhile. Re-read and re-plan. */
public class ApplyConflictException extends RuntimeException {
    /** @param message what was being written (no secret material) */
    public ApplyConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
