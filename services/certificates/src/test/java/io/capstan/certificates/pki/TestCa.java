package io.capstan.certificates.pki;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Real test CAs: a self-signed root and an intermediate signed by it, made with the production code. */
public final class TestCa {

    public final KeyPair rootKeys;
    public final IssuedCertificate root;
    public final KeyPair intermediateKeys;
    public final IssuedCertificate intermediate;

    private TestCa(KeySpec keySpec, Instant now, Duration rootLife, Duration intermediateLife) {
        rootKeys = PrivateKeys.generate(keySpec);
        root = Signer.selfSign(Csrs.build(ca("Capstan Test Root"), rootKeys), rootKeys.getPrivate(), rootLife, now);
        intermediateKeys = PrivateKeys.generate(keySpec);
        intermediate = Signer.sign(Csrs.build(ca("Capstan Test Intermediate"), intermediateKeys),
                SigningAuthority.of(List.of(root.certificate()), rootKeys), intermediateLife, now);
    }

    /** Root valid 10 years, intermediate 5 years, ECDSA P-256. */
    public static TestCa create(Instant now) {
        return new TestCa(KeySpec.ECDSA_P256, now, Duration.ofDays(3650), Duration.ofDays(1825));
    }

    /** Custom lifetimes. */
    public static TestCa create(KeySpec keySpec, Instant now, Duration rootLife, Duration intermediateLife) {
        return new TestCa(keySpec, now, rootLife, intermediateLife);
    }

    static CsrSpec ca(String cn) {
        return new CsrSpec(new SubjectSpec(cn, List.of("Capstan"), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), null), List.of(), List.of(), List.of(), List.of(),
                Set.of(Usage.DIGITAL_SIGNATURE, Usage.CERT_SIGN, Usage.CRL_SIGN), true);
    }

    /** The intermediate as a CA Secret would hold it, with tls.crt listing root THEN intermediate (wrong order). */
    public String wrongOrderTlsCrt() {
        return Pem.encode(List.of(root.certificate(), intermediate.certificate()));
    }

    /** PKCS#1/SEC1 PEM of the intermediate's key. */
    public String intermediateKeyPem() {
        return PrivateKeys.toPem(intermediateKeys.getPrivate(), KeyEncoding.PKCS1);
    }
}
