package io.capstan.certificates.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.certificates.pki.KeyEncoding;
import io.capstan.certificates.pki.KeySpec;
import io.capstan.certificates.pki.Usage;
import io.capstan.model.event.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** cert-manager.io/v1 Certificate parsing and validation (cert-manager's webhook rules and messages), pure. */
class CertificateParserTest {

    static ObjectNode certificate(String specJson) {
        try {
            ObjectNode o = (ObjectNode) Json.MAPPER.readTree("""
                    {"apiVersion":"cert-manager.io/v1","kind":"Certificate",
                     "metadata":{"namespace":"shop","name":"web","uid":"u-1","generation":3}}""");
            o.set("spec", Json.MAPPER.readTree(specJson));
            return o;
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String spec(String extra) {
        return "{\"secretName\":\"web-tls\",\"issuerRef\":{\"name\":\"ca\"},\"dnsNames\":[\"web.example.test\"]"
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    static List<FieldError> errors(String specJson) {
        try {
            CertificateParser.parse(certificate(specJson));
        } catch (InvalidCertificateException e) {
            assertThat(e.reason()).isEqualTo(InvalidCertificateException.INVALID_SPEC);
            return e.errors();
        }
        throw new AssertionError("expected a refusal of " + specJson);
    }

    @ParameterizedTest(name = "case 1: {0} is refused on {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "\"duration\":\"24h\",\"renewBefore\":\"25h\" | spec.renewBefore | certificate duration 24h0m0s must be greater than renewBefore 25h0m0s",
            "\"renewBefore\":\"2200h\" | spec.renewBefore | certificate duration 2160h0m0s (the default) must be greater than renewBefore 2200h0m0s",
            "\"duration\":\"30m\" | spec.duration | certificate duration must be greater than 1h0m0s",
            "\"renewBefore\":\"4m\" | spec.renewBefore | certificate renewBefore must be greater than 5m0s",
    })
    void case1_badDurationsAreRefusedNamingTheField(String extra, String field, String message) {
        List<FieldError> errors = errors(spec(extra));
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).field()).isEqualTo(field);
        assertThat(errors.get(0).message()).contains(message);
    }

    @Test
    void case1_duration24hWithRenewBefore8hIsAccepted() {
        CertificateSpec s = CertificateParser.parse(certificate(spec("\"duration\":\"24h\",\"renewBefore\":\"8h\""))).spec();
        assertThat(s.duration()).isEqualTo(Duration.ofHours(24));
        assertThat(s.renewBefore()).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void case2_upperCaseNamesAreIssuedLowerCaseAndTheNextPassIsIdentical() {
        String json = "{\"secretName\":\"app-tls\",\"issuerRef\":{\"name\":\"ca\"},\"commonName\":\"App.Example.Test\","
                + "\"dnsNames\":[\"App.Example.Test\",\"www.example.test\"]}";
        ParsedCertificate first = CertificateParser.parse(certificate(json));
        assertThat(first.spec().dnsNames()).containsExactly("app.example.test", "www.example.test");
        assertThat(first.spec().commonName()).isEqualTo("app.example.test");
        assertThat(first.warnings()).anySatisfy(w -> assertThat(w).startsWith("spec.dnsNames[0]").contains("App.Example.Test"))
                .anySatisfy(w -> assertThat(w).startsWith("spec.commonName"));
        ParsedCertificate second = CertificateParser.parse(certificate(json));
        assertThat(second.spec()).isEqualTo(first.spec());
    }

    @Test
    void minimalSpecGetsCertManagersDefaults() {
        ParsedCertificate p = CertificateParser.parse(certificate(spec("")));
        assertThat(p.namespace()).isEqualTo("shop");
        assertThat(p.name()).isEqualTo("web");
        assertThat(p.uid()).isEqualTo("u-1");
        assertThat(p.generation()).isEqualTo(3);
        CertificateSpec s = p.spec();
        assertThat(s.secretName()).isEqualTo("web-tls");
        assertThat(s.duration()).isEqualTo(Duration.ofHours(2160));
        assertThat(s.renewBefore()).isNull();
        assertThat(s.renewBeforePercentage()).isNull();
        assertThat(s.privateKey()).isEqualTo(new PrivateKeySpec(KeySpec.RSA_2048, KeyEncoding.PKCS1, RotationPolicy.ALWAYS));
        assertThat(s.issuerRef()).isEqualTo(new IssuerRef("ca", "Issuer", "cert-manager.io"));
        assertThat(s.usages()).isEmpty();
        assertThat(s.csrSpec().usages()).containsExactlyElementsOf(Usage.DEFAULT);
        assertThat(s.isCA()).isFalse();
        assertThat(s.secretTemplate()).isEqualTo(SecretTemplate.EMPTY);
        assertThat(s.revisionHistoryLimit()).isNull();
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void ipAddressesAreComparedAsParsedAddressesAndDeduplicated() {
        CertificateSpec s = CertificateParser.parse(certificate(spec(
                "\"ipAddresses\":[\"2001:DB8:0:0::1\",\"2001:db8::1\",\"192.0.2.1\"]"))).spec();
        assertThat(s.ipAddresses()).containsExactly("2001:db8::1", "192.0.2.1");
        assertThat(errors(spec("\"ipAddresses\":[\"192.0.2.300\"]")))
                .containsExactly(new FieldError("spec.ipAddresses[0]", "Invalid value: \"192.0.2.300\": invalid IP address"));
    }

    @Test
    void commonNameIsAtMost64Bytes() {
        String cn64 = "é".repeat(32); // 64 bytes in UTF-8
        assertThat(CertificateParser.parse(certificate(spec("\"commonName\":\"" + cn64 + "\""))).spec().commonName())
                .isEqualTo(cn64);
        assertThat(errors(spec("\"commonName\":\"" + cn64 + "a\"")))
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("spec.commonName");
                    assertThat(e.message()).contains("64 bytes");
                });
    }

    @ParameterizedTest(name = "{1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "\"dnsNames\":[\"a.*.example.test\"] | spec.dnsNames[0] | wildcard is allowed only as the whole left-most label",
            "\"privateKey\":{\"algorithm\":\"DSA\"} | spec.privateKey.algorithm | must be either empty or one of rsa, ecdsa or ed25519",
            "\"privateKey\":{\"algorithm\":\"RSA\",\"size\":1024} | spec.privateKey.size | must be between 2048 and 8192 for rsa keyAlgorithm",
            "\"privateKey\":{\"algorithm\":\"ECDSA\",\"size\":255} | spec.privateKey.size | supported values: \"256\", \"384\", \"521\"",
            "\"privateKey\":{\"encoding\":\"DER\"} | spec.privateKey.encoding | supported values: \"PKCS1\", \"PKCS8\"",
            "\"privateKey\":{\"rotationPolicy\":\"Sometimes\"} | spec.privateKey.rotationPolicy | supported values: \"Never\", \"Always\"",
            "\"usages\":[\"server auth\",\"teleport\"] | spec.usages[1] | unknown keyusage",
            "\"revisionHistoryLimit\":0 | spec.revisionHistoryLimit | must not be less than 1",
            "\"renewBeforePercentage\":100 | spec.renewBeforePercentage | must be between 1 and 99",
            "\"duration\":\"1h\",\"renewBeforePercentage\":5 | spec.renewBeforePercentage | must result in a renewBefore greater than 5m0s",
            "\"duration\":\"90d\" | spec.duration | time: unknown unit \"d\" in duration \"90d\"",
            "\"secretTemplate\":{\"annotations\":{\"cert-manager.io/issuer-name\":\"x\"}} | spec.secretTemplate.annotations | cert-manager.io/* annotations are not allowed",
            "\"secretTemplate\":{\"labels\":{\"team\":\"a b\"}} | spec.secretTemplate.labels | a valid label must be an empty string",
            "\"emailAddresses\":[\"Ops <ops@example.test>\"] | spec.emailAddresses[0] | invalid email address",
            "\"uris\":[\"relative/path\"] | spec.uris[0] | must be an absolute URI",
            "\"literalSubject\":\"CN=x\" | spec.literalSubject | not supported by Capstan",
    })
    void invalidFieldsAreRefusedNamingTheField(String extra, String field, String message) {
        assertThat(errors(spec(extra))).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.message()).contains(message);
        });
    }

    @Test
    void everyErrorIsReportedAtOnce() {
        List<FieldError> errors = errors("{\"issuerRef\":{\"kind\":\"Vault\"},\"duration\":\"10m\"}");
        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("spec.secretName", "spec.issuerRef.name",
                "spec.issuerRef.kind", "spec", "spec.duration");
        assertThat(errors).filteredOn(e -> e.field().equals("spec.issuerRef.kind")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("did you forget to set spec.issuerRef.group?"));
    }

    @Test
    void externalIssuerGroupsAcceptAnyKind() {
        IssuerRef ref = CertificateParser.parse(certificate("{\"secretName\":\"s\",\"dnsNames\":[\"a.example.test\"],"
                + "\"issuerRef\":{\"name\":\"pca\",\"kind\":\"AWSPCAClusterIssuer\",\"group\":\"awspca.cert-manager.io\"}}"))
                .spec().issuerRef();
        assertThat(ref).isEqualTo(new IssuerRef("pca", "AWSPCAClusterIssuer", "awspca.cert-manager.io"));
    }

    @ParameterizedTest(name = "apiVersion {0} is refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "certmanager.k8s.io/v1alpha1 | convert the manifest to cert-manager.io/v1",
            "cert-manager.io/v1alpha2 | removed in cert-manager 1.7",
            "example.com/v1 | is not a Certificate API Capstan serves",
    })
    void oldApiVersionsAreRefusedWithAClearReason(String apiVersion, String message) {
        ObjectNode o = certificate(spec(""));
        o.put("apiVersion", apiVersion);
        assertThatThrownBy(() -> CertificateParser.parse(o)).isInstanceOfSatisfying(InvalidCertificateException.class, e -> {
            assertThat(e.reason()).isEqualTo("UnsupportedApiVersion");
            assertThat(e.errors()).singleElement().satisfies(fe -> {
                assertThat(fe.field()).isEqualTo("apiVersion");
                assertThat(fe.message()).contains(message);
            });
        });
    }

    @Test
    void fixture_certificateWithEveryFieldIsRefusedOnlyForTheAlphaOtherNames() {
        JsonNode doc = UpstreamFixtures.ofKind("cert-manager/content/docs/usage/certificate.md.L40-L124.yaml", "Certificate").get(0);
        assertThat(errors(doc.path("spec").toString())).singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("spec.otherNames"));

        // without the alpha otherNames, every other field is honoured
        ObjectNode copy = doc.deepCopy();
        ((ObjectNode) copy.get("spec")).remove("otherNames");
        ParsedCertificate p = CertificateParser.parse(copy);
        CertificateSpec s = p.spec();
        assertThat(s.secretName()).isEqualTo("example-com-tls");
        assertThat(s.secretTemplate()).isEqualTo(new SecretTemplate(Map.of("my-secret-label", "foo"),
                Map.of("my-secret-annotation-1", "foo", "my-secret-annotation-2", "bar")));
        assertThat(s.privateKey()).isEqualTo(new PrivateKeySpec(KeySpec.RSA_2048, KeyEncoding.PKCS1, RotationPolicy.ALWAYS));
        assertThat(s.duration()).isEqualTo(Duration.ofDays(90));
        assertThat(s.renewBefore()).isEqualTo(Duration.ofDays(15));
        assertThat(s.usages()).containsExactly(Usage.SERVER_AUTH, Usage.CLIENT_AUTH);
        assertThat(s.subject().organizations()).containsExactly("cert-manager");
        assertThat(s.commonName()).isEqualTo("example.com");
        assertThat(s.dnsNames()).containsExactly("example.com", "www.example.com");
        assertThat(s.uris()).containsExactly("spiffe://cluster.local/ns/sandbox/sa/example");
        assertThat(s.emailAddresses()).containsExactly("john.doe@cert-manager.io");
        assertThat(s.ipAddresses()).containsExactly("192.168.0.5");
        assertThat(s.issuerRef()).isEqualTo(new IssuerRef("ca-issuer", "Issuer", "cert-manager.io"));
        assertThat(p.warnings()).singleElement().satisfies(w -> assertThat(w).startsWith("spec.keystores").contains("keystore.p12"));
    }

    @Test
    void fixture_istioCsrRootCertificateIsAnEcdsaCa() {
        JsonNode doc = UpstreamFixtures.ofKind("cert-manager/content/docs/usage/istio-csr/example/example-cluster-issuer.yaml",
                "Certificate").get(0);
        CertificateSpec s = CertificateParser.parse(doc).spec();
        assertThat(s.isCA()).isTrue();
        assertThat(s.duration()).isEqualTo(Duration.ofHours(87600));
        assertThat(s.privateKey().key()).isEqualTo(KeySpec.ECDSA_P256);
        assertThat(s.commonName()).isEqualTo("istio-ca");
        assertThat(s.issuerRef()).isEqualTo(IssuerRef.clusterIssuer("selfsigned"));
        assertThat(s.subject().organizations()).containsExactly("cluster.local", "cert-manager");
    }

    @Test
    void fixture_bookinfoV1alpha1CertificateIsRefusedAsAnOldApiVersion() {
        JsonNode doc = UpstreamFixtures.ofKind("istio/samples/bookinfo/platform/kube/bookinfo-certificate.yaml", "Certificate").get(0);
        assertThatThrownBy(() -> CertificateParser.parse(doc)).isInstanceOfSatisfying(InvalidCertificateException.class,
                e -> assertThat(e.reason()).isEqualTo("UnsupportedApiVersion"));
    }

    @Test
    void fixture_aksTutorialCertificateParses() {
        JsonNode doc = UpstreamFixtures.read("cert-manager/public/docs/tutorials/getting-started-aks-letsencrypt/certificate.yaml").get(0);
        ObjectNode copy = doc.deepCopy();
        // the tutorial leaves a shell variable in the names: substitute as envsubst would
        String text = copy.toString().replace("$DOMAIN_NAME", "example.test");
        CertificateSpec s = CertificateParser.parse(io.capstan.model.event.Json.read(text, ObjectNode.class)).spec();
        assertThat(s.dnsNames()).containsExactly("www.example.test");
        assertThat(s.usages()).containsExactly(Usage.DIGITAL_SIGNATURE, Usage.KEY_ENCIPHERMENT, Usage.SERVER_AUTH);
        assertThat(s.privateKey().rotationPolicy()).isEqualTo(RotationPolicy.ALWAYS);
    }

    @Test
    void typeErrorsNameTheField() {
        List<FieldError> errors = errors(spec("\"isCA\":\"yes\",\"ipAddresses\":\"1.2.3.4\""));
        assertThat(new ArrayList<>(errors)).extracting(FieldError::field).contains("spec.isCA", "spec.ipAddresses");
    }
}
