package io.capstan.certificates.renewal;

import io.capstan.certificates.pki.Csrs;
import io.capstan.certificates.pki.IssuedCertificate;
import io.capstan.certificates.pki.KeyEncoding;
import io.capstan.certificates.pki.KeySpec;
import io.capstan.certificates.pki.Pem;
import io.capstan.certificates.pki.PrivateKeys;
import io.capstan.certificates.pki.Signer;
import io.capstan.certificates.pki.SigningAuthority;
import io.capstan.certificates.pki.TestCa;
import io.capstan.certificates.secret.DesiredSecret;
import io.capstan.certificates.secret.ObservedSecret;
import io.capstan.certificates.secret.SecretLayout;
import io.capstan.certificates.spec.CertificateParser;
import io.capstan.certificates.spec.CertificateSpec;
import io.capstan.model.event.Json;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sequential rows over one simulated Secret with a real CA: each row decides, and when the decision is to issue,
 * issues with the production signer and layout so the next row starts from the result (no Quarkus).
 */
class ReissuePolicyTest {

    static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");

    final TestCa ca = TestCa.create(T0.minus(Duration.ofDays(1)));
    final SigningAuthority authority = SigningAuthority.of(List.of(ca.root.certificate(), ca.intermediate.certificate()),
            ca.intermediateKeys);
    int issued;

    static CertificateSpec spec(String json) {
        try {
            return CertificateParser.parseSpec(Json.MAPPER.readTree(json), new ArrayList<>());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Applies a decision as the service would: issue with a new or reused key, render, "write" the Secret. */
    ObservedSecret apply(String name, CertificateSpec spec, ReissueDecision d, ObservedSecret current, Instant now,
                         SigningAuthority by) {
        if (!(d instanceof ReissueDecision.Issue issue)) {
            return current;
        }
        issued++;
        KeyPair keys = issue.reuseKey() != null ? issue.reuseKey() : PrivateKeys.generate(spec.privateKey().key());
        IssuedCertificate cert = Signer.sign(Csrs.build(spec.csrSpec(), keys), by, spec.duration(), now);
        DesiredSecret s = SecretLayout.render(name, spec, cert, keys.getPrivate(), Map.of());
        return new ObservedSecret(s.name(), s.type(), s.labels(), s.annotations(), s.text("tls.crt"), s.text("tls.key"),
                s.text("ca.crt"));
    }

    ObservedSecret apply(String name, CertificateSpec spec, ReissueDecision d, ObservedSecret current, Instant now) {
        return apply(name, spec, d, current, now, authority);
    }

    @Test
    void case1_acceptedSpecRenewsAtNotAfterMinusRenewBefore() {
        CertificateSpec spec = spec("{\"secretName\":\"a-tls\",\"issuerRef\":{\"name\":\"ca\"},\"dnsNames\":[\"a.example.test\"],"
                + "\"duration\":\"24h\",\"renewBefore\":\"8h\"}");
        ReissueDecision d = ReissuePolicy.decide("a", spec, null, T0, null);
        assertThat(d).isInstanceOfSatisfying(ReissueDecision.Issue.class, i -> assertThat(i.reason()).isEqualTo("DoesNotExist"));
        ObservedSecret s = apply("a", spec, d, null, T0);

        ReissueDecision next = ReissuePolicy.decide("a", spec, s, T0.plusSeconds(1), null);
        assertThat(next).isInstanceOfSatisfying(ReissueDecision.UpToDate.class, u -> {
            assertThat(u.notAfter()).isEqualTo(T0.plus(Duration.ofHours(24)));
            assertThat(u.renewalTime()).isEqualTo(u.notAfter().minus(Duration.ofHours(8)));
        });
        // at the renewal time it renews, once
        ReissueDecision due = ReissuePolicy.decide("a", spec, s, T0.plus(Duration.ofHours(16)), null);
        assertThat(due).isInstanceOfSatisfying(ReissueDecision.Issue.class, i -> assertThat(i.reason()).isEqualTo("Renewing"));
        ObservedSecret renewed = apply("a", spec, due, s, T0.plus(Duration.ofHours(16)));
        assertThat(ReissuePolicy.decide("a", spec, renewed, T0.plus(Duration.ofHours(16)), null))
                .isInstanceOf(ReissueDecision.UpToDate.class);
        assertThat(issued).isEqualTo(2);
    }

    @Test
    void case2_upperCaseNamesAreIssuedLowerCaseAndNotReissuedOnTheNextPasses() {
        String json = "{\"secretName\":\"app-tls\",\"issuerRef\":{\"name\":\"ca\"},\"commonName\":\"App.Example.Test\","
                + "\"dnsNames\":[\"App.Example.Test\",\"www.example.test\"],\"privateKey\":{\"algorithm\":\"ECDSA\"}}";
        ObservedSecret s = null;
        for (int pass = 0; pass < 5; pass++) {
            CertificateSpec spec = spec(json); // parsed afresh every pass, as the service does
            s = apply("app", spec, ReissuePolicy.decide("app", spec, s, T0.plusSeconds(pass), null), s, T0.plusSeconds(pass));
        }
        assertThat(issued).isEqualTo(1);
        var cert = Pem.parseCertificates(s.tlsCrt()).get(0);
        assertThat(SecretLayout.sans(cert, 2)).containsExactly("app.example.test", "www.example.test");
        assertThat(s.annotations()).containsEntry("cert-manager.io/alt-names", "app.example.test,www.example.test");
    }

    @Test
    void case4_foreignRsaKeyWithRotationNeverIsRefusedUntilAlways() {
        // a Secret app-tls made elsewhere: RSA key and certificate, no cert-manager annotations
        KeyPair foreignKeys = PrivateKeys.generate(KeySpec.RSA_2048);
        IssuedCertificate foreign = Signer.selfSign(Csrs.build(io.capstan.certificates.pki.CsrSpec.ofDnsNames("app",
                List.of("app.example.test")), foreignKeys), foreignKeys.getPrivate(), Duration.ofDays(365), T0.minus(Duration.ofDays(10)));
        ObservedSecret before = new ObservedSecret("app-tls", "kubernetes.io/tls", Map.of(), Map.of(), foreign.tlsCrtPem(),
                PrivateKeys.toPem(foreignKeys.getPrivate(), KeyEncoding.PKCS1), null);

        CertificateSpec never = spec("{\"secretName\":\"app-tls\",\"issuerRef\":{\"name\":\"ca\"},\"dnsNames\":[\"app.example.test\"],"
                + "\"privateKey\":{\"algorithm\":\"ECDSA\",\"size\":256,\"rotationPolicy\":\"Never\"}}");
        ReissueDecision d = ReissuePolicy.decide("app", never, before, T0, null);
        assertThat(d).isInstanceOfSatisfying(ReissueDecision.Blocked.class, b -> {
            assertThat(b.reason()).isEqualTo("SecretMismatch");
            assertThat(b.message()).contains("app-tls", "RSA-2048", "ECDSA-256", "rotationPolicy is Never", "rotationPolicy: Always");
        });
        ObservedSecret after = apply("app", never, d, before, T0);
        assertThat(after).isSameAs(before).as("Secret bytes unchanged");
        assertThat(issued).isZero();

        CertificateSpec always = spec("{\"secretName\":\"app-tls\",\"issuerRef\":{\"name\":\"ca\"},\"dnsNames\":[\"app.example.test\"],"
                + "\"privateKey\":{\"algorithm\":\"ECDSA\",\"size\":256,\"rotationPolicy\":\"Always\"}}");
        ReissueDecision d2 = ReissuePolicy.decide("app", always, before, T0, null);
        assertThat(d2).isInstanceOfSatisfying(ReissueDecision.Issue.class, i -> {
            assertThat(i.reason()).isEqualTo("SecretMismatch");
            assertThat(i.reuseKey()).isNull();
        });
        ObservedSecret replaced = apply("app", always, d2, before, T0);
        assertThat(PrivateKeys.describe(PrivateKeys.parsePem(replaced.tlsKey()).getPublic())).isEqualTo(KeySpec.ECDSA_P256);
        assertThat(ReissuePolicy.decide("app", always, replaced, T0.plusSeconds(5), null)).isInstanceOf(ReissueDecision.UpToDate.class);
    }

    @Test
    void rotationNeverReusesAMatchingKeyOnRenewal() {
        CertificateSpec spec = spec("{\"secretName\":\"k-tls\",\"issuerRef\":{\"name\":\"ca\"},\"dnsNames\":[\"k.example.test\"],"
                + "\"duration\":\"24h\",\"privateKey\":{\"algorithm\":\"Ed25519\",\"rotationPolicy\":\"Never\"}}");
        ObservedSecret s = apply("k", spec, ReissuePolicy.decide("k", spec, null, T0, null), null, T0);
        ReissueDecision due = ReissuePolicy.decide("k", spec, s, T0.plus(Duration.ofHours(17)), null);
        assertThat(due).isInstanceOfSatisfying(ReissueDecision.Issue.class, i -> {
            assertThat(i.reason()).isEqualTo("Renewing");
            assertThat(i.reuseKey()).isNotNull();
        });
        ObservedSecret renewed = apply("k", spec, due, s, T0.plus(Duration.ofHours(17)));
        assertThat(renewed.tlsKey()).isEqualTo(s.tlsKey());
        assertThat(renewed.tlsCrt()).isNotEqualTo(s.tlsCrt());
    }

    @Test
    void changesOfNamesKeyOrIssuerReissue() {
        CertificateSpec spec = spec("{\"secretName\":\"c-tls\",\"issuerRef\":{\"name\":\"ca\"},\"dnsNames\":[\"c.example.test\"],"
                + "\"ipAddresses\":[\"2001:db8::1\"],\"privateKey\":{\"algorithm\":\"ECDSA\"}}");
        ObservedSecret s = apply("c", spec, ReissuePolicy.decide("c", spec, null, T0, null), null, T0);
        // the same IP written differently is the same address: no re-issue
        CertificateSpec sameIp = spec("{\"secretName\":\"c-tls\",\"issuerRef\":{\"name\":\"ca\"},\"dnsNames\":[\"C.example.test\"],"
                + "\"ipAddresses\":[\"2001:DB8:0::1\"],\"privateKey\":{\"algorithm\":\"ECDSA\"}}");
        assertThat(ReissuePolicy.decide("c", sameIp, s, T0, null)).isInstanceOf(ReissueDecision.UpToDate.class);

        CertificateSpec moreNames = spec("{\"secretName\":\"c-tls\",\"issuerRef\":{\"name\":\"ca\"},\"dnsNames\":[\"c.example.test\",\"d.example.test\"],"
                + "\"ipAddresses\":[\"2001:db8::1\"],\"privateKey\":{\"algorithm\":\"ECDSA\"}}");
        assertThat(ReissuePolicy.decide("c", moreNames, s, T0, null)).isInstanceOfSatisfying(ReissueDecision.Issue.class, i -> {
            assertThat(i.reason()).isEqualTo("SecretMismatch");
            assertThat(i.message()).contains("dnsNames");
        });
        CertificateSpec biggerKey = spec("{\"secretName\":\"c-tls\",\"issuerRef\":{\"name\":\"ca\"},\"dnsNames\":[\"c.example.test\"],"
                + "\"ipAddresses\":[\"2001:db8::1\"],\"privateKey\":{\"algorithm\":\"ECDSA\",\"size\":384}}");
        assertThat(ReissuePolicy.decide("c", biggerKey, s, T0, null)).isInstanceOfSatisfying(ReissueDecision.Issue.class,
                i -> assertThat(i.reason()).isEqualTo("SecretMismatch"));
        CertificateSpec otherIssuer = spec("{\"secretName\":\"c-tls\",\"issuerRef\":{\"name\":\"other\",\"kind\":\"ClusterIssuer\"},"
                + "\"dnsNames\":[\"c.example.test\"],\"ipAddresses\":[\"2001:db8::1\"],\"privateKey\":{\"algorithm\":\"ECDSA\"}}");
        assertThat(ReissuePolicy.decide("c", otherIssuer, s, T0, null)).isInstanceOfSatisfying(ReissueDecision.Issue.class,
                i -> assertThat(i.reason()).isEqualTo("IncorrectIssuer"));
        ObservedSecret unannotated = new ObservedSecret(s.name(), s.type(), s.labels(), Map.of(), s.tlsCrt(), s.tlsKey(), s.caCrt());
        assertThat(ReissuePolicy.decide("c", spec, unannotated, T0, null)).isInstanceOfSatisfying(ReissueDecision.Issue.class, i -> {
            assertThat(i.reason()).isEqualTo("IncorrectIssuer");
            assertThat(i.message()).contains("no cert-manager.io/issuer-name annotation");
        });
        assertThat(ReissuePolicy.decide("other-cert", spec, s, T0, null)).isInstanceOfSatisfying(ReissueDecision.Issue.class,
                i -> assertThat(i.reason()).isEqualTo("IncorrectCertificate"));
    }

    @Test
    void brokenSecretsAreReissuedWithTheirReason() {
        CertificateSpec spec = spec("{\"secretName\":\"b-tls\",\"issuerRef\":{\"name\":\"ca\"},\"dnsNames\":[\"b.example.test\"],"
                + "\"privateKey\":{\"algorithm\":\"ECDSA\"}}");
        ObservedSecret good = apply("b", spec, ReissuePolicy.decide("b", spec, null, T0, null), null, T0);
        ObservedSecret other = apply("b", spec, ReissuePolicy.decide("b", spec, null, T0, null), null, T0);
        record Row(String what, ObservedSecret secret, String reason) {
        }
        List<Row> rows = List.of(
                new Row("no key", new ObservedSecret("b-tls", null, null, null, good.tlsCrt(), null, null), "MissingData"),
                new Row("no certificate", new ObservedSecret("b-tls", null, null, null, null, good.tlsKey(), null), "MissingData"),
                new Row("garbage key", new ObservedSecret("b-tls", null, null, null, good.tlsCrt(), "junk", null), "InvalidKeyPair"),
                new Row("garbage certificate", new ObservedSecret("b-tls", null, null, null,
                        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", good.tlsKey(), null), "InvalidCertificate"),
                new Row("key of another certificate", new ObservedSecret("b-tls", null, null, null, good.tlsCrt(), other.tlsKey(), null),
                        "InvalidKeyPair"));
        for (Row r : rows) {
            assertThat(ReissuePolicy.decide("b", spec, r.secret(), T0, null)).as(r.what())
                    .isInstanceOfSatisfying(ReissueDecision.Issue.class, i -> assertThat(i.reason()).isEqualTo(r.reason()));
        }
        assertThat(ReissuePolicy.decide("b", spec, good, T0.plus(Duration.ofDays(91)), null))
                .isInstanceOfSatisfying(ReissueDecision.Issue.class, i -> assertThat(i.reason()).isEqualTo("Expired"));
    }

    @Test
    void aCaShortenedCertificateGetsASaneRenewalTimeAndNoRenewalLoop() {
        // the intermediate ends in 30h; the spec asks for 24h with renewBefore 20h
        TestCa shortCa = TestCa.create(KeySpec.ECDSA_P256, T0.minus(Duration.ofHours(1)), Duration.ofDays(365), Duration.ofHours(31));
        SigningAuthority by = SigningAuthority.of(List.of(shortCa.intermediate.certificate(), shortCa.root.certificate()),
                shortCa.intermediateKeys);
        Instant caEnd = shortCa.intermediate.notAfter();
        CertificateSpec spec = spec("{\"secretName\":\"s-tls\",\"issuerRef\":{\"name\":\"ca\"},\"dnsNames\":[\"s.example.test\"],"
                + "\"duration\":\"24h\",\"renewBefore\":\"20h\",\"privateKey\":{\"algorithm\":\"ECDSA\"}}");
        Instant now = T0;
        ObservedSecret s = null;
        List<Instant> issuances = new ArrayList<>();
        // simulate a scheduler that wakes at every renewal time (or each hour), for 3 days
        while (now.isBefore(T0.plus(Duration.ofDays(3)))) {
            ReissueDecision d = ReissuePolicy.decide("s", spec, s, now, caEnd);
            if (d instanceof ReissueDecision.Issue) {
                issuances.add(now);
                s = apply("s", spec, d, s, now, by);
                continue;
            }
            if (d instanceof ReissueDecision.UpToDate u) {
                assertThat(u.renewalTime()).isAfter(u.notBefore());
                now = u.renewalTime().isAfter(now) ? u.renewalTime() : now.plus(Duration.ofHours(1));
            } else {
                now = now.plus(Duration.ofHours(1));
            }
        }
        // T0: 24h, renewal at +4h; +4h: 24h (ends +28h), renewal at +8h; +8h: capped by the CA at +30h (22h),
        // renewal at +10h; from +10h a new certificate could not end later than +30h: it waits for the issuer
        assertThat(issuances).containsExactly(T0, T0.plus(Duration.ofHours(4)), T0.plus(Duration.ofHours(8)));
        ReissueDecision last = ReissuePolicy.decide("s", spec, s, caEnd.minusSeconds(60), caEnd);
        assertThat(last).isInstanceOfSatisfying(ReissueDecision.UpToDate.class, u -> {
            assertThat(u.reason()).isEqualTo("IssuerExpiring");
            assertThat(u.message()).contains("renew the issuer");
        });
        // once the issuer is renewed (a later notAfter), the renewal happens
        assertThat(ReissuePolicy.decide("s", spec, s, caEnd.minusSeconds(60), caEnd.plus(Duration.ofDays(365))))
                .isInstanceOf(ReissueDecision.Issue.class);
    }
}
