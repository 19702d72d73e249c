package io.capstan.certificates.pki;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An ordered certificate chain: the leaf, the intermediates above it (never self-signed), and the self-signed root
 * when the bundle holds it. Built from a bundle in any order by issuer/subject name, key identifiers (RFC 5280
 * 4.2.1.1/4.2.1.2) and signature, as cert-manager's {@code ParseSingleCertificateChain} does.
 *
 * @param leaf          the end of the chain (for a CA Secret: the CA certificate that owns the key)
 * @param intermediates certificates above the leaf, nearest first; none is self-signed
 * @param root          the self-signed certificate that ends the chain, or null when the bundle does not hold it
 *                      (for a self-signed leaf, the leaf itself)
 * @param unused        certificates of the bundle that are not part of the chain (for warnings)
 */
public record CertificateChain(X509Certificate leaf, List<X509Certificate> intermediates, X509Certificate root,
                               List<X509Certificate> unused) {

    /** Copies the lists. */
    public CertificateChain {
        intermediates = List.copyOf(intermediates);
        unused = List.copyOf(unused);
    }

    /**
     * Orders a bundle into a chain.
     *
     * @param bundle  certificates in any order, duplicates allowed (for example a CA Secret's {@code tls.crt} plus
     *                {@code ca.crt})
     * @param leafKey the public key of the private key that goes with the leaf (for example the CA Secret's
     *                {@code tls.key}); null to pick the certificate that signs no other in the bundle (the first such
     *                in input order)
     * @return the chain; {@link #root()} null when the bundle stops below a self-signed certificate
     * @throws PkiException reason {@code InvalidCertificate} for an empty bundle, {@code KeyMismatch} when no
     *                      certificate holds {@code leafKey}
     */
    public static CertificateChain build(Collection<X509Certificate> bundle, PublicKey leafKey) {
        List<X509Certificate> certs = dedupe(bundle);
        if (certs.isEmpty()) {
            throw new PkiException("InvalidCertificate", "the bundle holds no certificate");
        }
        X509Certificate leaf = null;
        if (leafKey != null) {
            for (X509Certificate c : certs) {
                if (PrivateKeys.sameKey(c.getPublicKey(), leafKey)) {
                    leaf = c;
                    break;
                }
            }
            if (leaf == null) {
                throw new PkiException("KeyMismatch", "no certificate of the bundle (" + certs.size()
                        + ") holds the public key of the private key");
            }
        } else {
            for (X509Certificate c : certs) {
                boolean signsAnother = false;
                for (X509Certificate other : certs) {
                    if (other != c && issuedBy(other, c)) {
                        signsAnother = true;
                        break;
                    }
                }
                if (!signsAnother) {
                    leaf = c;
                    break;
                }
            }
            if (leaf == null) {
                leaf = certs.get(0);
            }
        }
        List<X509Certificate> above = new ArrayList<>();
        Set<X509Certificate> used = new HashSet<>();
        used.add(leaf);
        X509Certificate root = null;
        X509Certificate current = leaf;
        while (true) {
            if (isSelfSigned(current)) {
                root = current;
                break;
            }
            X509Certificate issuer = null;
            for (X509Certificate c : certs) {
                if (!used.contains(c) && issuedBy(current, c)) {
                    issuer = c;
                    break;
                }
            }
            if (issuer == null) {
                break;
            }
            used.add(issuer);
            if (isSelfSigned(issuer)) {
                root = issuer;
                break;
            }
            above.add(issuer);
            current = issuer;
        }
        List<X509Certificate> unused = new ArrayList<>();
        for (X509Certificate c : certs) {
            if (!used.contains(c)) {
                unused.add(c);
            }
        }
        return new CertificateChain(leaf, above, root, unused);
    }

    /**
     * @return the certificates for {@code tls.crt}: the leaf then the intermediates, never a self-signed root
     *         (RFC 8446 4.4.2 allows omitting it; cert-manager omits it); a self-signed leaf alone
     */
    public List<X509Certificate> tlsCertificates() {
        List<X509Certificate> out = new ArrayList<>();
        out.add(leaf);
        out.addAll(intermediates);
        return out;
    }

    /**
     * @return the certificate for {@code ca.crt}, cert-manager's rule: the self-signed root when present, else the
     *         highest certificate of a chain longer than one, else null
     */
    public X509Certificate caCertificate() {
        if (root != null) {
            return root;
        }
        return intermediates.isEmpty() ? null : intermediates.get(intermediates.size() - 1);
    }

    /**
     * Whether {@code child} names {@code parent} as issuer: equal names, matching key identifiers when both carry
     * them, and a signature that verifies with the parent's key.
     *
     * @param child  the certificate whose issuer is sought
     * @param parent the candidate issuer
     * @return true when the parent signed the child
     */
    public static boolean issuedBy(X509Certificate child, X509Certificate parent) {
        if (!child.getIssuerX500Principal().equals(parent.getSubjectX500Principal())) {
            return false;
        }
        byte[] aki = authorityKeyId(child);
        byte[] ski = subjectKeyId(parent);
        if (aki != null && ski != null && !Arrays.equals(aki, ski)) {
            return false;
        }
        try {
            child.verify(parent.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * @param c a certificate
     * @return true when its issuer is its subject and its own key verifies its signature
     */
    public static boolean isSelfSigned(X509Certificate c) {
        return issuedBy(c, c);
    }

    /**
     * @param c a certificate
     * @return the subjectKeyIdentifier extension's key id, or null when absent
     */
    public static byte[] subjectKeyId(X509Certificate c) {
        byte[] ext = c.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (ext == null) {
            return null;
        }
        return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getKeyIdentifier();
    }

    /**
     * @param c a certificate
     * @return the authorityKeyIdentifier extension's key id, or null when absent
     */
    public static byte[] authorityKeyId(X509Certificate c) {
        byte[] ext = c.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        if (ext == null) {
            return null;
        }
        return AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getKeyIdentifier();
    }

    private static List<X509Certificate> dedupe(Collection<X509Certificate> bundle) {
        List<X509Certificate> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (X509Certificate c : bundle) {
            try {
                if (seen.add(java.util.Base64.getEncoder().encodeToString(c.getEncoded()))) {
                    out.add(c);
                }
            } catch (CertificateEncodingException e) {
                throw new PkiException("InvalidCertificate", "a certificate cannot be encoded: " + e.getMessage(), e);
            }
        }
        return out;
    }
}
