package io.capstan.certificates.renewal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * When to renew an issued certificate, from its REAL validity (the issuer may have shortened it), following
 * cert-manager's {@code pki.RenewalTime}: {@code renewBefore} when it is positive and shorter than the actual
 * lifetime; else {@code renewBeforePercentage} of the actual lifetime when in 1..99; else one third of the actual
 * lifetime before expiry (renewal at 2/3). Truncated to whole seconds, as the status field stores it.
 *
 * <p>No renewal loop: a {@code renewBefore} at least as long as the actual lifetime (a CA that cut the certificate
 * short) is ignored in favour of the 2/3 default, so the renewal time always lies strictly after notBefore. A
 * re-issue that could not outlive the current certificate is prevented by {@link ReissuePolicy} (it waits for the
 * issuer to be renewed), so a CA close to its own expiry cannot make Capstan re-issue ever faster.
 */
public final class RenewalTime {

    private RenewalTime() {
    }

    /**
     * @param notBefore             the issued certificate's notBefore
     * @param notAfter              the issued certificate's notAfter (after notBefore)
     * @param renewBefore           {@code spec.renewBefore} or null
     * @param renewBeforePercentage {@code spec.renewBeforePercentage} or null
     * @return the renewal instant, strictly after notBefore when the lifetime is at least 3 seconds
     */
    public static Instant of(Instant notBefore, Instant notAfter, Duration renewBefore, Integer renewBeforePercentage) {
        Duration actual = Duration.between(notBefore, notAfter);
        return notAfter.minus(renewBeforeOf(actual, renewBefore, renewBeforePercentage)).truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * @param actual                the certificate's actual lifetime
     * @param renewBefore           {@code spec.renewBefore} or null
     * @param renewBeforePercentage {@code spec.renewBeforePercentage} or null
     * @return how long before notAfter to renew
     */
    public static Duration renewBeforeOf(Duration actual, Duration renewBefore, Integer renewBeforePercentage) {
        if (renewBefore != null && !renewBefore.isNegative() && !renewBefore.isZero() && renewBefore.compareTo(actual) < 0) {
            return renewBefore;
        }
        if (renewBeforePercentage != null && renewBeforePercentage > 0 && renewBeforePercentage < 100) {
            return actual.multipliedBy(renewBeforePercentage).dividedBy(100);
        }
        return actual.dividedBy(3);
    }
}
