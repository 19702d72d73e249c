package io.capstan.certificates.pki;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

/**
 * Signs certificate signing requests, as cert-manager's CA and SelfSigned issuers do: serial of 128 random bits
 * (RFC 5280 4.1.2.2: positive, at most 20 octets), notBefore = now (whole seconds), notAfter = now + duration but
 * never beyond the CA's own notAfter (then the certificate is shorter and {@link IssuedCertificate#shortened()} is
 * true), subjectKeyIdentifier (RFC 5280 4.2.1.2, SHA-1 of the key), authorityKeyIdentifier = the CA's key id,
 * basicConstraints, keyUsage, extKeyUsage and SANs copied from the request's extensionRequest.
 */
public final class Signer {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final BcX509ExtensionUtils EXT = new BcX509ExtensionUtils();

    private Signer() {
    }

    /**
     * Signs a request with a CA.
     *
     * @param csr      the request (its signature is verified first)
     * @param ca       the signing CA
     * @param duration requested lifetime (positive)
     * @param now      the issuance instant (from the caller's Clock)
     * @return the certificate, {@code tls.crt} chain and {@code ca.crt}
     * @throws PkiException {@code InvalidCSR} for a bad request, {@code IssuerExpired} when the CA is not valid at
     *                      {@code now}
     */
    public static IssuedCertificate sign(PKCS10CertificationRequest csr, SigningAuthority ca, Duration duration, Instant now) {
        Csrs.verify(csr);
        X509Certificate caCert = ca.certificate();
        Instant start = now.truncatedTo(ChronoUnit.SECONDS);
        Instant caEnd = caCert.getNotAfter().toInstant();
        if (!caEnd.isAfter(start) || caCert.getNotBefore().toInstant().isAfter(start)) {
            throw new PkiException("IssuerExpired", "the CA certificate " + caCert.getSubjectX500Principal()
                    + " is not valid at " + start + " (valid " + caCert.getNotBefore().toInstant() + " to " + caEnd + ")");
        }
        Instant end = start.plus(duration);
        boolean shortened = false;
        if (end.isAfter(caEnd)) {
            end = caEnd;
            shortened = true;
        }
        byte[] caKeyId = CertificateChain.subjectKeyId(caCert);
        SubjectPublicKeyInfo caSpki = SubjectPublicKeyInfo.getInstance(caCert.getPublicKey().getEncoded());
        X500Name issuer = X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded());
        X509Certificate leaf = build(csr, issuer, start, end, caKeyId != null ? caKeyId
                : EXT.createSubjectKeyIdentifier(caSpki).getKeyIdentifier(), Csrs.contentSigner(ca.key()));
        CertificateChain caChain = ca.chain();
        List<X509Certificate> chain = new java.util.ArrayList<>();
        chain.add(leaf);
        if (!CertificateChain.isSelfSigned(caCert)) {
            chain.addAll(caChain.tlsCertificates());
        }
        X509Certificate root = caChain.root() != null ? caChain.root() : caChain.tlsCertificates()
                .get(caChain.tlsCertificates().size() - 1);
        return new IssuedCertificate(leaf, chain, root, shortened);
    }

    /**
     * Signs a request with its own key (cert-manager's SelfSigned issuer): issuer = subject.
     *
     * @param csr      the request
     * @param key      the private key that goes with the request's public key
     * @param duration lifetime
     * @param now      issuance instant
     * @return the certificate; chain = [certificate], ca = certificate
     * @throws PkiException {@code InvalidCSR} for a bad request, {@code KeyMismatch} when the key is not the CSR's,
     *                      {@code EmptySubject} when the request has no subject (cert-manager would issue a certificate
     *                      with an empty issuer name, which RFC 5280 forbids and the JDK cannot represent)
     */
    public static IssuedCertificate selfSign(PKCS10CertificationRequest csr, PrivateKey key, Duration duration, Instant now) {
        Csrs.verify(csr);
        if (csr.getSubject().getRDNs().length == 0) {
            throw new PkiException("EmptySubject", "a self-signed certificate needs a subject (spec.commonName or "
                    + "spec.subject): its issuer name is its subject, and RFC 5280 4.1.2.4 forbids an empty issuer name");
        }
        if (!PrivateKeys.sameKey(PrivateKeys.publicKeyOf(key), PrivateKeys.publicKey(csr.getSubjectPublicKeyInfo()))) {
            throw new PkiException("KeyMismatch", "the private key does not belong to the certificate signing request");
        }
        Instant start = now.truncatedTo(ChronoUnit.SECONDS);
        byte[] keyId = EXT.createSubjectKeyIdentifier(csr.getSubjectPublicKeyInfo()).getKeyIdentifier();
        X509Certificate cert = build(csr, csr.getSubject(), start, start.plus(duration), keyId, Csrs.contentSigner(key));
        return new IssuedCertificate(cert, List.of(cert), cert, false);
    }

    private static X509Certificate build(PKCS10CertificationRequest csr, X500Name issuer, Instant start, Instant end,
                                         byte[] authorityKeyId, ContentSigner signer) {
        try {
            BigInteger serial = new BigInteger(1, randomBytes());
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuer, serial, Date.from(start), Date.from(end),
                    csr.getSubject(), csr.getSubjectPublicKeyInfo());
            Extensions requested = Csrs.requestedExtensions(csr);
            copy(b, requested, Extension.subjectAlternativeName);
            copy(b, requested, Extension.extendedKeyUsage);
            Extension ku = requested.getExtension(Extension.keyUsage);
            b.addExtension(Extension.keyUsage, true, ku != null ? KeyUsage.getInstance(ku.getParsedValue())
                    : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            Extension bc = requested.getExtension(Extension.basicConstraints);
            b.addExtension(Extension.basicConstraints, true,
                    bc != null ? BasicConstraints.getInstance(bc.getParsedValue()) : new BasicConstraints(false));
            b.addExtension(Extension.subjectKeyIdentifier, false,
                    EXT.createSubjectKeyIdentifier(csr.getSubjectPublicKeyInfo()));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    new org.bouncycastle.asn1.x509.AuthorityKeyIdentifier(authorityKeyId));
            X509CertificateHolder h = b.build(signer);
            return new JcaX509CertificateConverter().getCertificate(h);
        } catch (Exception e) {
            if (e instanceof PkiException pe) {
                throw pe;
            }
            throw new PkiException("SigningFailed", "cannot sign the certificate: " + e.getMessage(), e);
        }
    }

    private static void copy(X509v3CertificateBuilder b, Extensions requested, org.bouncycastle.asn1.ASN1ObjectIdentifier oid)
            throws org.bouncycastle.cert.CertIOException {
        Extension e = requested.getExtension(oid);
        if (e != null) {
            b.addExtension(e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
