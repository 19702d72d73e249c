package io.capstan.certificates.renewal;

import java.security.KeyPair;
import java.time.Instant;

/**
 * What to do with a Certificate's Secret on this pass ({@link ReissuePolicy#decide}). Reasons are cert-manager's
 * trigger policy reasons ({@code internal/controller/certificates/policies/constants.go}).
 */
public sealed interface ReissueDecision {

    /** @return CamelCase reason */
    String reason();

    /** @return human-readable message naming the Secret and what differs */
    String message();

    /**
     * The Secret holds a valid certificate for the spec: nothing to issue. Requeue at {@code renewalTime}.
     *
     * @param notBefore   the current certificate's notBefore
     * @param notAfter    its notAfter
     * @param renewalTime when it becomes due ({@link RenewalTime})
     * @param reason      {@code UpToDate}, or {@code IssuerExpiring} when renewal is due but the issuer's own
     *                    certificate ends no later than this one (a re-issue could not last longer; renew the issuer)
     * @param message     explanation
     */
    record UpToDate(Instant notBefore, Instant notAfter, Instant renewalTime, String reason, String message)
            implements ReissueDecision {
    }

    /**
     * Issue a new certificate (Issuing=True with this reason).
     *
     * @param reason   {@code DoesNotExist}, {@code MissingData}, {@code InvalidKeyPair}, {@code InvalidCertificate},
     *                 {@code SecretMismatch}, {@code IncorrectIssuer}, {@code IncorrectCertificate}, {@code Expired},
     *                 {@code Renewing}
     * @param message  explanation
     * @param reuseKey the Secret's key to sign again (rotationPolicy Never and the key matches the spec), or null to
     *                 generate a new key
     */
    record Issue(String reason, String message, KeyPair reuseKey) implements ReissueDecision {
    }

    /**
     * Do not issue and report Ready=False with this reason: the situation needs a change by a person (e.g.
     * rotationPolicy Never with a key that does not match the spec). The Secret is left untouched.
     *
     * @param reason  CamelCase reason
     * @param message what is wrong and how to fix it
     */
    record Blocked(String reason, String message) implements ReissueDecision {
    }
}
