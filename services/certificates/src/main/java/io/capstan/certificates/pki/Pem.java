package io.capstan.certificates.pki;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * PEM (RFC 7468) reading and writing of X.509 certificates, as found in {@code tls.crt} and {@code ca.crt}.
 */
public final class Pem {

    private Pem() {
    }

    /**
     * Parses every {@code CERTIFICATE} block, in input order; other blocks (keys, comments) are skipped.
     *
     * @param pem PEM text (may be null or blank: empty list)
     * @return the certificates in input order, duplicates kept
     * @throws PkiException reason {@code InvalidCertificate} when a CERTIFICATE block is not a valid certificate
     */
    public static List<X509Certificate> parseCertificates(String pem) {
        List<X509Certificate> out = new ArrayList<>();
        if (pem == null || pem.isBlank()) {
            return out;
        }
        JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof X509CertificateHolder h) {
                    out.add(conv.getCertificate(h));
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new PkiException("InvalidCertificate", "certificate PEM cannot be parsed: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Encodes certificates as concatenated {@code CERTIFICATE} blocks.
     *
     * @param certificates in the order to write
     * @return PEM text (empty string for an empty list)
     */
    public static String encode(List<X509Certificate> certificates) {
        StringWriter out = new StringWriter();
        try (PemWriter w = new PemWriter(out)) {
            for (X509Certificate c : certificates) {
                w.writeObject(new PemObject("CERTIFICATE", c.getEncoded()));
            }
        } catch (IOException | CertificateEncodingException e) {
            throw new PkiException("InvalidCertificate", "cannot encode a certificate: " + e.getMessage(), e);
        }
        return out.toString();
    }

    /**
     * Encodes one certificate.
     *
     * @param certificate the certificate
     * @return one PEM block
     */
    public static String encode(X509Certificate certificate) {
        return encode(List.of(certificate));
    }
}
