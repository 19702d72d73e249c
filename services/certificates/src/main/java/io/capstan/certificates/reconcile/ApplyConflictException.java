package io.capstan.certificates.reconcile;

/** A write answered 409: the object exists already or changed since it was read. The pass re-reads and re-plans. */
public class ApplyConflictException extends RuntimeException {
    /** @param message what was written, never secret material */
    public ApplyConflictException(String message) {
        super(message);
    }
}
