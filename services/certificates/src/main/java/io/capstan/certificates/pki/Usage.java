package io.capstan.certificates.pki;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

import java.util.List;
import java.util.Optional;

/**
 * cert-manager's {@code spec.usages} values (cert-manager.io/v1 {@code KeyUsage}), each mapped to a key usage bit
 * (RFC 5280 4.2.1.3) or an extended key usage purpose (RFC 5280 4.2.1.12).
 */
public enum Usage {
    SIGNING("signing", KeyUsage.digitalSignature, null),
    DIGITAL_SIGNATURE("digital signature", KeyUsage.digitalSignature, null),
    CONTENT_COMMITMENT("content commitment", KeyUsage.nonRepudiation, null),
    KEY_ENCIPHERMENT("key encipherment", KeyUsage.keyEncipherment, null),
    KEY_AGREEMENT("key agreement", KeyUsage.keyAgreement, null),
    DATA_ENCIPHERMENT("data encipherment", KeyUsage.dataEncipherment, null),
    CERT_SIGN("cert sign", KeyUsage.keyCertSign, null),
    CRL_SIGN("crl sign", KeyUsage.cRLSign, null),
    ENCIPHER_ONLY("encipher only", KeyUsage.encipherOnly, null),
    DECIPHER_ONLY("decipher only", KeyUsage.decipherOnly, null),
    ANY("any", 0, KeyPurposeId.anyExtendedKeyUsage),
    SERVER_AUTH("server auth", 0, KeyPurposeId.id_kp_serverAuth),
    CLIENT_AUTH("client auth", 0, KeyPurposeId.id_kp_clientAuth),
    CODE_SIGNING("code signing", 0, KeyPurposeId.id_kp_codeSigning),
    EMAIL_PROTECTION("email protection", 0, KeyPurposeId.id_kp_emailProtection),
    SMIME("s/mime", 0, KeyPurposeId.id_kp_emailProtection),
    IPSEC_END_SYSTEM("ipsec end system", 0, KeyPurposeId.id_kp_ipsecEndSystem),
    IPSEC_TUNNEL("ipsec tunnel", 0, KeyPurposeId.id_kp_ipsecTunnel),
    IPSEC_USER("ipsec user", 0, KeyPurposeId.id_kp_ipsecUser),
    TIMESTAMPING("timestamping", 0, KeyPurposeId.id_kp_timeStamping),
    OCSP_SIGNING("ocsp signing", 0, KeyPurposeId.id_kp_OCSPSigning),
    MICROSOFT_SGC("microsoft sgc", 0, KeyPurposeId.getInstance(new ASN1ObjectIdentifier("1.3.6.1.4.1.311.10.3.3"))),
    NETSCAPE_SGC("netscape sgc", 0, KeyPurposeId.getInstance(new ASN1ObjectIdentifier("2.16.840.1.113730.4.1")));

    /**
     * Capstan's default when {@code spec.usages} is empty: cert-manager's default key usages (digital signature,
     * key encipherment) plus the server auth purpose that a TLS server certificate needs.
     */
    public static final List<Usage> DEFAULT = List.of(DIGITAL_SIGNATURE, KEY_ENCIPHERMENT, SERVER_AUTH);

    /**
     * The default of a CA certificate ({@code isCA: true}): cert-manager's default key usages, no extended key usage
     * (an EKU in a CA certificate would restrict what its leaves may be used for, e.g. Go and Istio refuse client
     * certificates under a server-auth-only CA); {@code cert sign} is added for every CA.
     */
    public static final List<Usage> DEFAULT_CA = List.of(DIGITAL_SIGNATURE, KEY_ENCIPHERMENT);

    private final String specName;
    private final int keyUsageBit;
    private final KeyPurposeId purpose;

    Usage(String specName, int keyUsageBit, KeyPurposeId purpose) {
        this.specName = specName;
        this.keyUsageBit = keyUsageBit;
        this.purpose = purpose;
    }

    /** @return the manifest spelling, e.g. {@code server auth} */
    public String specName() {
        return specName;
    }

    /** @return BouncyCastle's KeyUsage bit mask, 0 for an extended key usage */
    public int keyUsageBit() {
        return keyUsageBit;
    }

    /** @return the extended key usage purpose, or null for a key usage bit */
    public KeyPurposeId purpose() {
        return purpose;
    }

    /**
     * @param name manifest spelling (exact, lower case as cert-manager defines them)
     * @return the usage, or empty when unknown
     */
    public static Optional<Usage> fromSpecName(String name) {
        for (Usage u : values()) {
            if (u.specName.equals(name)) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }
}
