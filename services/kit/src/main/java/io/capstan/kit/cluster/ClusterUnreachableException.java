package io.capstan.kit.cluster;

/**
 * An API server (the management cluster's or a workload cluster's) could not be reached or refused the call
 * (network error, HTTP 5xx, 401, 403). Transient: the pass is retried with backoff (reason {@code ClusterUnreachable}).
 */
public class ClusterUnreachableException extends RuntimeException {

    /**
     * @param message what failed, never the kubeconfig or a token
     * @param cause   the client's error, may be null (pass null when its message could quote credentials)
     */
    public ClusterUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
