package io.capstan.certificates.pki;

import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Validates a chain with the JDK's PKIX validator (RFC 5280 6.1): signatures, names, validity at an instant,
 * basicConstraints and keyUsage of the CAs. Revocation is not checked (no network).
 */
public final class ChainVerifier {

    private ChainVerifier() {
    }

    /**
     * @param chain  leaf first, then intermediates ({@code tls.crt}); a root in it is ignored as a trust anchor
     * @param anchor the trusted root ({@code ca.crt})
     * @param at     the instant of validation
     * @throws PkiException reason {@code ChainInvalid} with the validator's message and the failing index
     */
    public static void verify(List<X509Certificate> chain, X509Certificate anchor, Instant at) {
        try {
            List<X509Certificate> path = chain.stream().filter(c -> !c.equals(anchor)).toList();
            CertPath cp = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(cp, params);
        } catch (CertPathValidatorException e) {
            throw new PkiException("ChainInvalid", "the chain does not verify against " + anchor.getSubjectX500Principal()
                    + " (certificate index " + e.getIndex() + "): " + e.getMessage(), e);
        } catch (Exception e) {
            throw new PkiException("ChainInvalid", "the chain cannot be validated: " + e.getMessage(), e);
        }
    }
}
