package io.capstan.certificates.pki;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A CA that signs: its certificate, its private key and the chain above it. Built from a CA Secret
 * ({@code tls.crt}, {@code tls.key}, optional {@code ca.crt}) whose certificates may come in any order, as
 * cert-manager's CA issuer accepts them.
 *
 * @param chain       the CA's chain: {@code chain.leaf()} is the CA certificate that holds {@code key}
 * @param key         the CA's private key
 */
public record SigningAuthority(CertificateChain chain, PrivateKey key) {

    /**
     * Loads a CA from PEM.
     *
     * @param certificatesPem the CA Secret's {@code tls.crt} (CA certificate and any of its chain, any order)
     * @param keyPem          the CA Secret's {@code tls.key}
     * @param caPem           the CA Secret's {@code ca.crt}, or null
     * @return the authority
     * @throws PkiException {@code InvalidKey}, {@code InvalidCertificate}, {@code KeyMismatch} (no certificate holds
     *                      the key) or {@code IssuerNotCA} (the certificate holding the key is not a CA: no
     *                      basicConstraints cA, or a keyUsage without keyCertSign)
     */
    public static SigningAuthority fromPem(String certificatesPem, String keyPem, String caPem) {
        KeyPair kp = PrivateKeys.parsePem(keyPem);
        List<X509Certificate> bundle = new ArrayList<>(Pem.parseCertificates(certificatesPem));
        bundle.addAll(Pem.parseCertificates(caPem));
        return of(bundle, kp);
    }

    /**
     * @param bundle the CA certificate and its chain in any order
     * @param keys   the CA key pair
     * @return the authority
     * @throws PkiException as {@link #fromPem}
     */
    public static SigningAuthority of(List<X509Certificate> bundle, KeyPair keys) {
        CertificateChain chain = CertificateChain.build(bundle, keys.getPublic());
        X509Certificate ca = chain.leaf();
        if (ca.getBasicConstraints() < 0) {
            throw new PkiException("IssuerNotCA", "the certificate holding the issuer key (" + ca.getSubjectX500Principal()
                    + ") is not a CA certificate (basicConstraints cA is not true)");
        }
        boolean[] ku = ca.getKeyUsage();
        if (ku != null && (ku.length < 6 || !ku[5])) {
            throw new PkiException("IssuerNotCA", "the CA certificate " + ca.getSubjectX500Principal()
                    + " has a keyUsage without keyCertSign");
        }
        return new SigningAuthority(chain, keys.getPrivate());
    }

    /** @return the CA certificate that signs */
    public X509Certificate certificate() {
        return chain.leaf();
    }
}
