package io.capstan.certificates.pki;

/**
 * A key, certificate, CSR or chain that cannot be used, with a CamelCase {@link #reason()} fit for a
 * {@code Ready=False} condition (for example {@code InvalidKey}, {@code InvalidCertificate}, {@code KeyMismatch},
 * {@code BrokenChain}, {@code InvalidCSR}, {@code IssuerNotCA}) and a message that names what is wrong. Messages
 * never contain key material.
 */
public class PkiException extends RuntimeException {

    private final String reason;

    /**
     * @param reason  CamelCase reason for a status condition
     * @param message human-readable explanation (no secrets)
     */
    public PkiException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * @param reason  CamelCase reason for a status condition
     * @param message human-readable explanation (no secrets)
     * @param cause   the underlying library error
     */
    public PkiException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** @return the CamelCase reason, never null */
    public String reason() {
        return reason;
    }
}
