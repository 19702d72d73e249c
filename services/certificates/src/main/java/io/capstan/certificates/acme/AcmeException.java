package io.capstan.certificates.acme;

/**
 * An ACME order did not end in a certificate.
 */
public class AcmeException extends RuntimeException {

    private final String reason;
    private final boolean permanent;

    /**
     * @param reason    CamelCase reason for the Certificate's condition: {@code Denied} (the DNS service refused a
     *                  name), {@code ChallengeTimeout}, {@code OrderFailed}, {@code AcmeUnreachable}
     * @param message   detail, never key material
     * @param permanent true when trying again cannot help until the Certificate or the profile changes
     */
    public AcmeException(String reason, String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.permanent = permanent;
    }

    /** CamelCase reason. */
    public String reason() {
        return reason;
    }

    /** True when trying again cannot help until the input changes. */
    public boolean permanent() {
        return permanent;
    }
}
