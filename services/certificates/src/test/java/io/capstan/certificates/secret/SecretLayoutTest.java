package io.capstan.certificates.secret;

import io.capstan.certificates.pki.ChainVerifier;
import io.capstan.certificates.pki.Csrs;
import io.capstan.certificates.pki.IssuedCertificate;
import io.capstan.certificates.pki.KeySpec;
import io.capstan.certificates.pki.Pem;
import io.capstan.certificates.pki.PrivateKeys;
import io.capstan.certificates.pki.Signer;
import io.capstan.certificates.pki.SigningAuthority;
import io.capstan.certificates.pki.TestCa;
import io.capstan.certificates.spec.CertificateParser;
import io.capstan.certificates.spec.CertificateSpec;
import io.capstan.model.event.Json;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Secret layout as a pure function of the issued certificate and the spec. */
class SecretLayoutTest {

    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    static CertificateSpec spec(String json) {
        try {
            return CertificateParser.parseSpec(Json.MAPPER.readTree(json), new java.util.ArrayList<>());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void case5_secretHoldsLeafAndIntermediateInTlsCrtAndTheRootInCaCrt() {
        TestCa ca = TestCa.create(NOW);
        SigningAuthority authority = SigningAuthority.fromPem(ca.wrongOrderTlsCrt(), ca.intermediateKeyPem(), null);
        CertificateSpec spec = spec("""
                {"secretName":"app-tls","issuerRef":{"name":"local-ca"},"commonName":"app.example.test",
                 "dnsNames":["app.example.test","www.example.test"],"ipAddresses":["2001:db8::7","192.0.2.7"],
                 "uris":["spiffe://cluster.local/ns/shop/sa/app"],
                 "privateKey":{"algorithm":"ECDSA","encoding":"PKCS8"},
                 "secretTemplate":{"labels":{"team":"shop"},"annotations":{"owner":"shop-team"}}}""");
        KeyPair keys = PrivateKeys.generate(spec.privateKey().key());
        IssuedCertificate issued = Signer.sign(Csrs.build(spec.csrSpec(), keys), authority, spec.duration(), NOW);

        DesiredSecret s = SecretLayout.render("app", spec, issued, keys.getPrivate(), Map.of("capstan.io/managed-by", "certificates"));

        assertThat(s.name()).isEqualTo("app-tls");
        assertThat(s.type()).isEqualTo("kubernetes.io/tls");
        List<X509Certificate> tls = Pem.parseCertificates(s.text("tls.crt"));
        assertThat(tls).containsExactly(issued.certificate(), ca.intermediate.certificate());
        assertThat(Pem.parseCertificates(s.text("ca.crt"))).containsExactly(ca.root.certificate());
        ChainVerifier.verify(tls, Pem.parseCertificates(s.text("ca.crt")).get(0), NOW);
        assertThat(s.text("tls.key")).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PrivateKeys.sameKey(PrivateKeys.parsePem(s.text("tls.key")).getPublic(), tls.get(0).getPublicKey())).isTrue();
        assertThat(s.data()).containsOnlyKeys("tls.crt", "tls.key", "ca.crt");
        assertThat(s.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("team", "shop", "capstan.io/managed-by", "certificates"));
        assertThat(s.annotations()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "owner", "shop-team",
                "cert-manager.io/certificate-name", "app",
                "cert-manager.io/issuer-name", "local-ca",
                "cert-manager.io/issuer-kind", "Issuer",
                "cert-manager.io/issuer-group", "cert-manager.io",
                "cert-manager.io/common-name", "app.example.test",
                "cert-manager.io/alt-names", "app.example.test,www.example.test",
                "cert-manager.io/ip-sans", "2001:db8::7,192.0.2.7",
                "cert-manager.io/uri-sans", "spiffe://cluster.local/ns/shop/sa/app"));
    }

    @Test
    void additionalOutputFormatsAddCombinedPemAndDerKey() {
        KeyPair keys = PrivateKeys.generate(KeySpec.ECDSA_P256);
        CertificateSpec spec = spec("""
                {"secretName":"s","issuerRef":{"name":"self"},"commonName":"a","dnsNames":["a.example.test"],
                 "privateKey":{"algorithm":"ECDSA"},"additionalOutputFormats":[{"type":"CombinedPEM"},{"type":"DER"}]}""");
        IssuedCertificate issued = Signer.selfSign(Csrs.build(spec.csrSpec(), keys), keys.getPrivate(), spec.duration(), NOW);
        DesiredSecret s = SecretLayout.render("a", spec, issued, keys.getPrivate(), Map.of());
        assertThat(s.text("tls-combined.pem")).isEqualTo(s.text("tls.key") + s.text("tls.crt"));
        assertThat(s.data()).containsKey("key.der");
        assertThat(s.text("ca.crt")).isEqualTo(s.text("tls.crt")).as("self-signed: its own CA");
        assertThat(s.annotations()).containsEntry("cert-manager.io/common-name", "a")
                .containsEntry("cert-manager.io/ip-sans", "").containsEntry("cert-manager.io/uri-sans", "");
    }

    @Test
    void metadataCheckIgnoresForeignKeysAndMergeKeepsThem() {
        ObservedSecret observed = new ObservedSecret("s", "kubernetes.io/tls", Map.of("team", "shop", "other", "x"),
                Map.of("cert-manager.io/issuer-name", "ca", "kubectl.kubernetes.io/last-applied-configuration", "{}"),
                "crt", "key", null);
        assertThat(SecretLayout.metadataUpToDate(observed, Map.of("cert-manager.io/issuer-name", "ca"), Map.of("team", "shop"))).isTrue();
        assertThat(SecretLayout.metadataUpToDate(observed, Map.of("cert-manager.io/issuer-name", "other"), Map.of())).isFalse();
        assertThat(SecretLayout.metadataUpToDate(observed, Map.of(), Map.of("team", "web"))).isFalse();
        assertThat(SecretLayout.merge(observed.labels(), Map.of("team", "web")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("team", "web", "other", "x"));
    }

    @Test
    void issuedChainFromARootCaHasNoIntermediate() {
        TestCa ca = TestCa.create(NOW);
        CertificateSpec spec = spec("{\"secretName\":\"s\",\"issuerRef\":{\"name\":\"root\"},\"dnsNames\":[\"r.example.test\"]}");
        KeyPair keys = PrivateKeys.generate(spec.privateKey().key());
        IssuedCertificate issued = Signer.sign(Csrs.build(spec.csrSpec(), keys),
                SigningAuthority.of(List.of(ca.root.certificate()), ca.rootKeys), Duration.ofHours(1), NOW);
        DesiredSecret s = SecretLayout.render("r", spec, issued, keys.getPrivate(), Map.of());
        assertThat(Pem.parseCertificates(s.text("tls.crt"))).containsExactly(issued.certificate());
        assertThat(Pem.parseCertificates(s.text("ca.crt"))).containsExactly(ca.root.certificate());
        assertThat(s.text("tls.key")).as("cert-manager's default key: RSA, PKCS1").startsWith("-----BEGIN RSA PRIVATE KEY-----");
    }
}
