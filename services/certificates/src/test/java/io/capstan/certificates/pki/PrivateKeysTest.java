package io.capstan.certificates.pki;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pure table test of key generation, PEM encoding (cert-manager's PKCS1/PKCS8 forms) and parsing. */
class PrivateKeysTest {

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of(KeySpec.RSA_2048, KeyEncoding.PKCS1, "RSA PRIVATE KEY"),
                Arguments.of(KeySpec.RSA_2048, KeyEncoding.PKCS8, "PRIVATE KEY"),
                Arguments.of(new KeySpec(KeyAlgorithm.RSA, 3072), KeyEncoding.PKCS1, "RSA PRIVATE KEY"),
                Arguments.of(KeySpec.ECDSA_P256, KeyEncoding.PKCS1, "EC PRIVATE KEY"),
                Arguments.of(KeySpec.ECDSA_P256, KeyEncoding.PKCS8, "PRIVATE KEY"),
                Arguments.of(KeySpec.ECDSA_P384, KeyEncoding.PKCS1, "EC PRIVATE KEY"),
                Arguments.of(KeySpec.ECDSA_P384, KeyEncoding.PKCS8, "PRIVATE KEY"),
                Arguments.of(KeySpec.ED25519, KeyEncoding.PKCS1, "PRIVATE KEY"),
                Arguments.of(KeySpec.ED25519, KeyEncoding.PKCS8, "PRIVATE KEY"));
    }

    @ParameterizedTest(name = "{0} as {1} is a ''{2}'' block that parses back to the same key pair")
    @MethodSource("rows")
    void generatedKeyRoundTripsThroughPem(KeySpec spec, KeyEncoding encoding, String blockType) {
        KeyPair kp = PrivateKeys.generate(spec);
        assertThat(PrivateKeys.describe(kp.getPublic())).isEqualTo(spec);

        String pem = PrivateKeys.toPem(kp.getPrivate(), encoding);
        assertThat(pem).startsWith("-----BEGIN " + blockType + "-----\n");

        KeyPair back = PrivateKeys.parsePem(pem);
        assertThat(signsFor(back.getPrivate(), kp)).as("the parsed private key is the generated one").isTrue();
        assertThat(PrivateKeys.sameKey(back.getPublic(), kp.getPublic())).as("derived public key").isTrue();
        assertThat(PrivateKeys.describe(back.getPublic())).isEqualTo(spec);
    }

    /** A signature by {@code key} verifies with the original public key. */
    static boolean signsFor(java.security.PrivateKey key, KeyPair original) {
        try {
            var signer = Csrs.contentSigner(key);
            signer.getOutputStream().write("capstan".getBytes(StandardCharsets.UTF_8));
            byte[] sig = signer.getSignature();
            var verifier = new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder()
                    .build(original.getPublic()).get(signer.getAlgorithmIdentifier());
            verifier.getOutputStream().write("capstan".getBytes(StandardCharsets.UTF_8));
            return verifier.verify(sig);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void rsa4096IsGeneratedWithTheRequestedSize() {
        KeyPair kp = PrivateKeys.generate(new KeySpec(KeyAlgorithm.RSA, 4096));
        assertThat(PrivateKeys.describe(kp.getPublic())).isEqualTo(new KeySpec(KeyAlgorithm.RSA, 4096));
    }

    @ParameterizedTest(name = "key of `openssl {0}` parses as {1}")
    @MethodSource("opensslRows")
    void keysWrittenByOpensslParse(String opensslArgs, KeySpec expected, @org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path out = dir.resolve("k.pem");
        String[] args = opensslArgs.split(" ");
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("openssl", args[0], "-out", out.toString()));
        cmd.addAll(java.util.List.of(args).subList(1, args.length));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        KeyPair kp = PrivateKeys.parsePem(Files.readString(out));
        assertThat(PrivateKeys.describe(kp.getPublic())).isEqualTo(expected);
    }

    static Stream<Arguments> opensslRows() {
        return Stream.of(
                Arguments.of("genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048", KeySpec.RSA_2048),
                Arguments.of("genrsa -traditional 2048", KeySpec.RSA_2048),
                Arguments.of("genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384", KeySpec.ECDSA_P384),
                Arguments.of("ecparam -genkey -name prime256v1", KeySpec.ECDSA_P256),
                Arguments.of("genpkey -algorithm ED25519", KeySpec.ED25519));
    }

    @Test
    void encryptedOrMissingKeysAreRefusedWithAReason() {
        assertThatThrownBy(() -> PrivateKeys.parsePem(""))
                .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.reason()).isEqualTo("InvalidKey"));
        assertThatThrownBy(() -> PrivateKeys.parsePem("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n"))
                .isInstanceOf(PkiException.class);
        assertThatThrownBy(() -> PrivateKeys.parsePem("not a pem"))
                .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.getMessage()).contains("no PRIVATE KEY"));
    }

    @Test
    void keySpecRefusesSizesCertManagerRefuses() {
        assertThatThrownBy(() -> new KeySpec(KeyAlgorithm.RSA, 1024)).hasMessageContaining("between 2048 and 8192");
        assertThatThrownBy(() -> new KeySpec(KeyAlgorithm.ECDSA, 224)).hasMessageContaining("256, 384 or 521");
        assertThat(KeySpec.of(KeyAlgorithm.ECDSA, 0)).isEqualTo(KeySpec.ECDSA_P256);
        assertThat(new KeySpec(KeyAlgorithm.ED25519, 4096)).isEqualTo(KeySpec.ED25519);
    }
}
