package io.capstan.certificates.pki;

import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pure tests of CSR building and signing with real keys and certificates (no Quarkus). */
class SignerTest {

    static final Instant NOW = Instant.parse("2026-11-29T12:00:00.500Z");

    @Test
    void case5_caSecretListingRootThenIntermediateYieldsLeafIntermediateAndRootAsCa(@TempDir Path dir) throws Exception {
        TestCa ca = TestCa.create(NOW);
        SigningAuthority authority = SigningAuthority.fromPem(ca.wrongOrderTlsCrt(), ca.intermediateKeyPem(), null);
        assertThat(authority.certificate()).isEqualTo(ca.intermediate.certificate());

        KeyPair leafKeys = PrivateKeys.generate(KeySpec.ECDSA_P256);
        IssuedCertificate leaf = Signer.sign(Csrs.build(CsrSpec.ofDnsNames("app.example.test",
                List.of("app.example.test", "www.example.test")), leafKeys), authority, Duration.ofHours(2160), NOW);

        assertThat(leaf.chain()).containsExactly(leaf.certificate(), ca.intermediate.certificate());
        assertThat(leaf.ca()).isEqualTo(ca.root.certificate());
        ChainVerifier.verify(leaf.chain(), leaf.ca(), NOW.plusSeconds(60));

        // and the same chain passes openssl verify, from the PEM text that would go into the Secret
        Path caFile = dir.resolve("ca.crt");
        Path tls = dir.resolve("tls.crt");
        Files.writeString(caFile, leaf.caCrtPem());
        Files.writeString(tls, leaf.tlsCrtPem());
        List<X509Certificate> parsed = Pem.parseCertificates(leaf.tlsCrtPem());
        Path leafFile = dir.resolve("leaf.pem");
        Path untrusted = dir.resolve("untrusted.pem");
        Files.writeString(leafFile, Pem.encode(parsed.get(0)));
        Files.writeString(untrusted, Pem.encode(parsed.subList(1, parsed.size())));
        Process p = new ProcessBuilder("openssl", "verify", "-CAfile", caFile.toString(), "-untrusted",
                untrusted.toString(), leafFile.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains(": OK");
    }

    @ParameterizedTest(name = "a {0} CA signs a leaf that verifies")
    @EnumSource(value = KeyAlgorithm.class)
    void everyCaKeyAlgorithmSigns(KeyAlgorithm alg) {
        TestCa ca = TestCa.create(KeySpec.of(alg, 0), NOW, Duration.ofDays(365), Duration.ofDays(200));
        KeyPair leafKeys = PrivateKeys.generate(KeySpec.RSA_2048);
        IssuedCertificate leaf = Signer.sign(Csrs.build(CsrSpec.ofDnsNames(null, List.of("a.example.test")), leafKeys),
                SigningAuthority.of(List.of(ca.intermediate.certificate(), ca.root.certificate()), ca.intermediateKeys),
                Duration.ofHours(24), NOW);
        ChainVerifier.verify(leaf.chain(), leaf.ca(), NOW);
    }

    @Test
    void leafCarriesRequestedNamesUsagesKeyIdsAndRandomSerial() throws Exception {
        TestCa ca = TestCa.create(NOW);
        SigningAuthority authority = SigningAuthority.of(List.of(ca.root.certificate()), ca.rootKeys);
        KeyPair keys = PrivateKeys.generate(KeySpec.ECDSA_P256);
        CsrSpec spec = new CsrSpec(SubjectSpec.ofCommonName("App.Example.Test"), List.of("app.example.test"),
                List.of("192.0.2.7", "2001:db8::1"), List.of("spiffe://cluster.local/ns/a/sa/b"), List.of("ops@example.test"),
                Set.of(Usage.DIGITAL_SIGNATURE, Usage.KEY_ENCIPHERMENT, Usage.SERVER_AUTH, Usage.CLIENT_AUTH), false);
        IssuedCertificate a = Signer.sign(Csrs.build(spec, keys), authority, Duration.ofHours(24), NOW);
        IssuedCertificate b = Signer.sign(Csrs.build(spec, keys), authority, Duration.ofHours(24), NOW);
        X509Certificate c = a.certificate();

        assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=App.Example.Test");
        Collection<List<?>> sans = c.getSubjectAlternativeNames();
        assertThat(sans).extracting(l -> l.get(0) + "=" + l.get(1)).containsExactlyInAnyOrder(
                GeneralName.dNSName + "=app.example.test", GeneralName.iPAddress + "=192.0.2.7",
                GeneralName.iPAddress + "=2001:db8:0:0:0:0:0:1",
                GeneralName.uniformResourceIdentifier + "=spiffe://cluster.local/ns/a/sa/b",
                GeneralName.rfc822Name + "=ops@example.test");
        assertThat(c.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(c.getKeyUsage()[2]).as("keyEncipherment").isTrue();
        assertThat(c.getKeyUsage()[5]).as("keyCertSign").isFalse();
        assertThat(c.getExtendedKeyUsage()).containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(c.getBasicConstraints()).isEqualTo(-1);
        assertThat(CertificateChain.authorityKeyId(c)).isEqualTo(CertificateChain.subjectKeyId(ca.root.certificate()));
        assertThat(CertificateChain.subjectKeyId(c)).isNotNull();
        assertThat(c.getSerialNumber().signum()).isPositive();
        assertThat(c.getSerialNumber().bitLength()).isBetween(100, 128);
        assertThat(c.getSerialNumber()).isNotEqualTo(b.certificate().getSerialNumber());
        assertThat(a.notBefore()).isEqualTo(NOW.truncatedTo(ChronoUnit.SECONDS));
        assertThat(a.notAfter()).isEqualTo(NOW.truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofHours(24)));
        assertThat(a.shortened()).isFalse();
        assertThat(a.chain()).containsExactly(c);
        assertThat(a.ca()).isEqualTo(ca.root.certificate());
    }

    @Test
    void defaultUsagesAreDigitalSignatureKeyEnciphermentAndServerAuth() throws Exception {
        TestCa ca = TestCa.create(NOW);
        KeyPair keys = PrivateKeys.generate(KeySpec.ECDSA_P256);
        X509Certificate c = Signer.sign(Csrs.build(CsrSpec.ofDnsNames(null, List.of("x.example.test")), keys),
                SigningAuthority.of(List.of(ca.root.certificate()), ca.rootKeys), Duration.ofHours(1), NOW).certificate();
        assertThat(c.getKeyUsage()).startsWith(true, false, true, false, false, false);
        assertThat(c.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    }

    @Test
    void aCaWithDefaultUsagesHasNoExtendedKeyUsage() throws Exception {
        KeyPair keys = PrivateKeys.generate(KeySpec.ECDSA_P256);
        CsrSpec ca = new CsrSpec(SubjectSpec.ofCommonName("istio-ca"), List.of(), List.of(), List.of(), List.of(), Set.of(), true);
        X509Certificate c = Signer.selfSign(Csrs.build(ca, keys), keys.getPrivate(), Duration.ofDays(3650), NOW).certificate();
        assertThat(c.getExtendedKeyUsage()).isNull();
        assertThat(c.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(c.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void caCertificateIsMarkedCaWithCertSign() {
        TestCa ca = TestCa.create(NOW);
        X509Certificate i = ca.intermediate.certificate();
        assertThat(i.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(i.getKeyUsage()[5]).isTrue();
        assertThat(CertificateChain.isSelfSigned(ca.root.certificate())).isTrue();
        assertThat(CertificateChain.isSelfSigned(i)).isFalse();
    }

    @Test
    void notAfterNeverExceedsTheCasNotAfterAndTheShorteningIsReported() {
        TestCa ca = TestCa.create(KeySpec.ECDSA_P256, NOW, Duration.ofDays(3650), Duration.ofDays(10));
        SigningAuthority authority = SigningAuthority.of(List.of(ca.intermediate.certificate(), ca.root.certificate()),
                ca.intermediateKeys);
        KeyPair keys = PrivateKeys.generate(KeySpec.ECDSA_P256);
        IssuedCertificate leaf = Signer.sign(Csrs.build(CsrSpec.ofDnsNames(null, List.of("s.example.test")), keys),
                authority, Duration.ofHours(2160), NOW.plus(Duration.ofDays(9)));
        assertThat(leaf.shortened()).isTrue();
        assertThat(leaf.notAfter()).isEqualTo(ca.intermediate.notAfter());
        assertThat(Duration.between(leaf.notBefore(), leaf.notAfter())).isLessThan(Duration.ofDays(2));
    }

    @Test
    void expiredCaRefusesToSign() {
        TestCa ca = TestCa.create(KeySpec.ECDSA_P256, NOW, Duration.ofDays(3650), Duration.ofDays(10));
        SigningAuthority authority = SigningAuthority.of(List.of(ca.intermediate.certificate()), ca.intermediateKeys);
        KeyPair keys = PrivateKeys.generate(KeySpec.ECDSA_P256);
        assertThatThrownBy(() -> Signer.sign(Csrs.build(CsrSpec.ofDnsNames(null, List.of("s.example.test")), keys),
                authority, Duration.ofHours(1), NOW.plus(Duration.ofDays(11))))
                .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.reason()).isEqualTo("IssuerExpired"));
    }

    @Test
    void caSecretWhoseKeyMatchesNoCertificateOrANonCaIsRefused() {
        TestCa ca = TestCa.create(NOW);
        KeyPair other = PrivateKeys.generate(KeySpec.ECDSA_P256);
        assertThatThrownBy(() -> SigningAuthority.of(List.of(ca.root.certificate()), other))
                .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.reason()).isEqualTo("KeyMismatch"));

        KeyPair leafKeys = PrivateKeys.generate(KeySpec.ECDSA_P256);
        IssuedCertificate leaf = Signer.sign(Csrs.build(CsrSpec.ofDnsNames(null, List.of("l.example.test")), leafKeys),
                SigningAuthority.of(List.of(ca.root.certificate()), ca.rootKeys), Duration.ofHours(1), NOW);
        assertThatThrownBy(() -> SigningAuthority.of(List.of(leaf.certificate()), leafKeys))
                .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.reason()).isEqualTo("IssuerNotCA"));
    }

    @Test
    void selfSignedCertificateIsItsOwnChainAndCa() {
        KeyPair keys = PrivateKeys.generate(KeySpec.ED25519);
        IssuedCertificate c = Signer.selfSign(Csrs.build(CsrSpec.ofDnsNames("self.example.test",
                List.of("self.example.test")), keys), keys.getPrivate(), Duration.ofDays(30), NOW);
        assertThat(c.chain()).containsExactly(c.certificate());
        assertThat(c.ca()).isEqualTo(c.certificate());
        ChainVerifier.verify(List.of(), c.ca(), NOW);
        KeyPair wrong = PrivateKeys.generate(KeySpec.ED25519);
        assertThatThrownBy(() -> Signer.selfSign(Csrs.build(CsrSpec.ofDnsNames("x", List.of("x.example.test")), keys),
                wrong.getPrivate(), Duration.ofDays(1), NOW))
                .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.reason()).isEqualTo("KeyMismatch"));
    }

    @Test
    void selfSignedWithoutSubjectIsRefusedSayingWhy() {
        KeyPair keys = PrivateKeys.generate(KeySpec.ECDSA_P256);
        assertThatThrownBy(() -> Signer.selfSign(Csrs.build(CsrSpec.ofDnsNames(null, List.of("x.example.test")), keys),
                keys.getPrivate(), Duration.ofDays(1), NOW))
                .isInstanceOfSatisfying(PkiException.class, e -> {
                    assertThat(e.reason()).isEqualTo("EmptySubject");
                    assertThat(e.getMessage()).contains("spec.commonName");
                });
    }

    @Test
    void chainVerifierRefusesAChainFromAnotherRoot() {
        TestCa ca = TestCa.create(NOW);
        TestCa other = TestCa.create(NOW);
        assertThatThrownBy(() -> ChainVerifier.verify(List.of(ca.intermediate.certificate()), other.root.certificate(), NOW))
                .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.reason()).isEqualTo("ChainInvalid"));
    }

    @Test
    void csrRoundTripsThroughPemAndTamperingIsDetected() {
        KeyPair keys = PrivateKeys.generate(KeySpec.ECDSA_P256);
        var csr = Csrs.build(CsrSpec.ofDnsNames(null, List.of("a.example.test")), keys);
        String pem = Csrs.toPem(csr);
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        var back = Csrs.parsePem(pem);
        Csrs.verify(back);
        assertThat(Csrs.requestedExtensions(back).getExtension(
                org.bouncycastle.asn1.x509.Extension.subjectAlternativeName)).isNotNull();
        assertThatThrownBy(() -> Csrs.parsePem("nothing"))
                .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.reason()).isEqualTo("InvalidCSR"));
    }

    @Test
    void chainIsBuiltFromAnyOrderAndReportsStrangers() {
        TestCa ca = TestCa.create(NOW);
        KeyPair leafKeys = PrivateKeys.generate(KeySpec.ECDSA_P256);
        IssuedCertificate leaf = Signer.sign(Csrs.build(CsrSpec.ofDnsNames(null, List.of("o.example.test")), leafKeys),
                SigningAuthority.of(List.of(ca.intermediate.certificate(), ca.root.certificate()), ca.intermediateKeys),
                Duration.ofHours(1), NOW);
        TestCa stranger = TestCa.create(NOW);
        List<X509Certificate> bundle = new ArrayList<>(List.of(ca.root.certificate(), stranger.root.certificate(),
                leaf.certificate(), ca.intermediate.certificate(), ca.root.certificate()));
        CertificateChain chain = CertificateChain.build(bundle, leafKeys.getPublic());
        assertThat(chain.leaf()).isEqualTo(leaf.certificate());
        assertThat(chain.intermediates()).containsExactly(ca.intermediate.certificate());
        assertThat(chain.root()).isEqualTo(ca.root.certificate());
        assertThat(chain.unused()).containsExactly(stranger.root.certificate());
        assertThat(chain.tlsCertificates()).containsExactly(leaf.certificate(), ca.intermediate.certificate());
        assertThat(chain.caCertificate()).isEqualTo(ca.root.certificate());

        CertificateChain noRoot = CertificateChain.build(List.of(ca.intermediate.certificate(), leaf.certificate()), null);
        assertThat(noRoot.leaf()).isEqualTo(leaf.certificate());
        assertThat(noRoot.root()).isNull();
        assertThat(noRoot.caCertificate()).as("highest certificate, cert-manager's rule").isEqualTo(ca.intermediate.certificate());
    }
}
