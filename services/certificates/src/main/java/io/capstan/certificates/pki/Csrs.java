package io.capstan.certificates.pki;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.List;

/**
 * PKCS#10 certificate signing requests (RFC 2986) built with BouncyCastle: subject, SANs (RFC 5280 4.2.1.6), key
 * usage, extended key usage and basic constraints in the extensionRequest attribute (RFC 2985 5.4.2), as cert-manager
 * builds them ({@code pki.GenerateCSR}).
 */
public final class Csrs {

    private Csrs() {
    }

    /**
     * Builds and signs a CSR.
     *
     * @param spec what to ask for
     * @param keys the key pair of the future certificate
     * @return the signed request
     * @throws PkiException reason {@code InvalidCSR} when it cannot be built (e.g. a SAN that is not a valid IP)
     */
    public static PKCS10CertificationRequest build(CsrSpec spec, KeyPair keys) {
        try {
            JcaPKCS10CertificationRequestBuilder b =
                    new JcaPKCS10CertificationRequestBuilder(spec.subject().toX500Name(), keys.getPublic());
            b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions(spec));
            return b.build(contentSigner(keys.getPrivate()));
        } catch (IOException | RuntimeException e) {
            if (e instanceof PkiException pe) {
                throw pe;
            }
            throw new PkiException("InvalidCSR", "cannot build the certificate signing request: " + e.getMessage(), e);
        }
    }

    static Extensions extensions(CsrSpec spec) throws IOException {
        ExtensionsGenerator g = new ExtensionsGenerator();
        List<GeneralName> names = new ArrayList<>();
        spec.dnsNames().forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
        for (String ip : spec.ipAddresses()) {
            names.add(new GeneralName(GeneralName.iPAddress, ip));
        }
        spec.uris().forEach(u -> names.add(new GeneralName(GeneralName.uniformResourceIdentifier, new DERIA5String(u))));
        spec.emailAddresses().forEach(m -> names.add(new GeneralName(GeneralName.rfc822Name, m)));
        if (!names.isEmpty()) {
            // RFC 5280 4.2.1.6: critical when the subject is empty
            boolean critical = spec.subject().toX500Name().getRDNs().length == 0;
            g.addExtension(Extension.subjectAlternativeName, critical,
                    new GeneralNames(names.toArray(new GeneralName[0])));
        }
        int bits = 0;
        List<KeyPurposeId> purposes = new ArrayList<>();
        for (Usage u : spec.usages()) {
            bits |= u.keyUsageBit();
            if (u.purpose() != null && !purposes.contains(u.purpose())) {
                purposes.add(u.purpose());
            }
        }
        if (spec.isCA()) {
            bits |= KeyUsage.keyCertSign;
        }
        if (bits != 0) {
            g.addExtension(Extension.keyUsage, true, new KeyUsage(bits));
        }
        if (!purposes.isEmpty()) {
            g.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes.toArray(new KeyPurposeId[0])));
        }
        g.addExtension(Extension.basicConstraints, true, new BasicConstraints(spec.isCA()));
        return g.generate();
    }

    /**
     * @param csr a request
     * @return the extensions it asks for (empty when it has no extensionRequest attribute)
     */
    public static Extensions requestedExtensions(PKCS10CertificationRequest csr) {
        for (Attribute a : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            ASN1Encodable[] values = a.getAttributeValues();
            if (values.length > 0) {
                return Extensions.getInstance(values[0]);
            }
        }
        return new Extensions(new Extension[0]);
    }

    /**
     * Checks the request's self-signature (proof of possession).
     *
     * @param csr a request
     * @throws PkiException reason {@code InvalidCSR} when the signature does not verify
     */
    public static void verify(PKCS10CertificationRequest csr) {
        try {
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(PrivateKeys.publicKey(csr.getSubjectPublicKeyInfo())))) {
                throw new PkiException("InvalidCSR", "the signature of the certificate signing request does not verify");
            }
        } catch (OperatorCreationException | PKCSException e) {
            throw new PkiException("InvalidCSR", "the certificate signing request cannot be verified: " + e.getMessage(), e);
        }
    }

    /**
     * @param csr a request
     * @return PEM block {@code CERTIFICATE REQUEST} (as in a CertificateRequest's {@code spec.request}, base64 of it)
     */
    public static String toPem(PKCS10CertificationRequest csr) {
        StringWriter out = new StringWriter();
        try (PemWriter w = new PemWriter(out)) {
            w.writeObject(new PemObject("CERTIFICATE REQUEST", csr.getEncoded()));
        } catch (IOException e) {
            throw new PkiException("InvalidCSR", "cannot encode the CSR: " + e.getMessage(), e);
        }
        return out.toString();
    }

    /**
     * @param pem PEM text holding a {@code CERTIFICATE REQUEST} (or {@code NEW CERTIFICATE REQUEST}) block
     * @return the request
     * @throws PkiException reason {@code InvalidCSR} when absent or malformed
     */
    public static PKCS10CertificationRequest parsePem(String pem) {
        try (PemReader r = new PemReader(new StringReader(pem == null ? "" : pem))) {
            PemObject o;
            while ((o = r.readPemObject()) != null) {
                if (o.getType().endsWith("CERTIFICATE REQUEST")) {
                    return new PKCS10CertificationRequest(o.getContent());
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new PkiException("InvalidCSR", "the certificate signing request cannot be parsed: " + e.getMessage(), e);
        }
        throw new PkiException("InvalidCSR", "no CERTIFICATE REQUEST block in the PEM text");
    }

    /**
     * The signature algorithm cert-manager picks for a signing key: RSA SHA-256/384/512 by modulus size (<3072,
     * <4096, else), ECDSA by curve (P-256 SHA-256, P-384 SHA-384, P-521 SHA-512), Ed25519 pure.
     *
     * @param key the signing key
     * @return a ContentSigner over the JCA default providers
     * @throws PkiException reason {@code InvalidKey} for another key type
     */
    public static ContentSigner contentSigner(PrivateKey key) {
        String alg;
        if (key instanceof RSAKey rsa) {
            int bits = rsa.getModulus().bitLength();
            alg = bits >= 4096 ? "SHA512withRSA" : bits >= 3072 ? "SHA384withRSA" : "SHA256withRSA";
        } else if (key instanceof ECKey ec) {
            int bits = ec.getParams().getOrder().bitLength();
            alg = bits > 384 ? "SHA512withECDSA" : bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
        } else if ("EdDSA".equals(key.getAlgorithm()) || "Ed25519".equals(key.getAlgorithm())) {
            alg = "Ed25519";
        } else {
            throw new PkiException("InvalidKey", "cannot sign with a " + key.getAlgorithm() + " key");
        }
        try {
            return new JcaContentSignerBuilder(alg).build(key);
        } catch (OperatorCreationException e) {
            throw new PkiException("InvalidKey", "cannot sign with " + alg + ": " + e.getMessage(), e);
        }
    }

    /** @return the X.500 subject of the request */
    static X500Name subject(PKCS10CertificationRequest csr) {
        return csr.getSubject();
    }
}
