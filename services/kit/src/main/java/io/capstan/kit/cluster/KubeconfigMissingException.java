package io.capstan.kit.cluster;

/**
 * The kubeconfig Secret of a cluster ({@code <cluster>-kubeconfig}, key {@code value}) is absent, lacks the key, or
 * does not hold a usable kubeconfig. Transient: the orchestrator may still be writing it (reason
 * {@code KubeconfigMissing}).
 */
public class KubeconfigMissingException extends RuntimeException {

    /** @param message names the Secret, never its content */
    public KubeconfigMissingException(String message) {
        super(message);
    }
}
