package io.capstan.dns.reconcile;

/**
 * A cluster's DNS provider cannot be built: its credential Secret is missing or unreadable, or the provider type is
 * not available. Reported as the component's {@code Ready=False} reason {@code ProviderSecretMissing} or
 * {@code ProviderUnavailable}; retried with backoff. The message names the Secret and key, never a value.
 */
public class ProviderSetupException extends RuntimeException {

    private final String reason;

    /**
     * @param reason  CamelCase reason
     * @param message what is missing, with no credential
     */
    public ProviderSetupException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** CamelCase reason. */
    public String reason() {
        return reason;
    }
}
