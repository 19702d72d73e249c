package io.capstan.storage.reconcile;

/** The kubeconfig Secret of a cluster is absent, lacks key {@code value}, or is not a kubeconfig. Transient. */
public class KubeconfigMissingException extends RuntimeException {
    /** @param message names the Secret, never its content */
    public KubeconfigMissingException(String message) {
        super(message);
    }
}
