package io.capstan.certificates.pki;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A signed certificate with what goes beside it in a TLS Secret.
 *
 * @param certificate the new certificate
 * @param chain       {@code tls.crt}: the certificate, then the intermediates of the issuer, never a self-signed root
 * @param ca          {@code ca.crt}: the issuer's root, or the highest certificate when the issuer's bundle holds no
 *                    root; for a self-signed certificate, itself; may be null (only when nothing is known above)
 * @param shortened   true when the issuer's own notAfter cut the requested duration (the renewal time must be
 *                    computed from {@link #notBefore()}/{@link #notAfter()}, never from the spec's duration)
 */
public record IssuedCertificate(X509Certificate certificate, List<X509Certificate> chain, X509Certificate ca,
                                boolean shortened) {

    /** Copies the chain. */
    public IssuedCertificate {
        chain = List.copyOf(chain);
    }

    /** @return PEM of {@link #chain()} for {@code tls.crt} */
    public String tlsCrtPem() {
        return Pem.encode(chain);
    }

    /** @return PEM of {@link #ca()} for {@code ca.crt}, or empty string when unknown */
    public String caCrtPem() {
        return ca == null ? "" : Pem.encode(ca);
    }

    /** @return the certificate's notBefore */
    public Instant notBefore() {
        return certificate.getNotBefore().toInstant();
    }

    /** @return the certificate's notAfter */
    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }
}
