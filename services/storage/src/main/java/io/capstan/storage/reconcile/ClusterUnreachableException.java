package io.capstan.storage.reconcile;

/** The workload cluster's API server could not be reached or refused the call (network, 5xx, 401, 403). Transient. */
public class ClusterUnreachableException extends RuntimeException {
    /** @param message what failed, never the kubeconfig or a token */
    public ClusterUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
