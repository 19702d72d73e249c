package io.capstan.certificates.reconcile;

/** The workload cluster's API server did not answer a read or write (transient: the pass is retried with backoff). */
public class ClusterReadException extends RuntimeException {
    /** @param message what failed, never secret material */
    public ClusterReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
