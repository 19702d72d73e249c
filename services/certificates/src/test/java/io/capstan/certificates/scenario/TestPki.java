package io.capstan.certificates.scenario;

import io.capstan.certificates.pki.CsrSpec;
import io.capstan.certificates.pki.Csrs;
import io.capstan.certificates.pki.IssuedCertificate;
import io.capstan.certificates.pki.KeyEncoding;
import io.capstan.certificates.pki.KeySpec;
import io.capstan.certificates.pki.Pem;
import io.capstan.certificates.pki.PrivateKeys;
import io.capstan.certificates.pki.Signer;
import io.capstan.certificates.pki.SigningAuthority;
import io.capstan.certificates.pki.SubjectSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A root and an intermediate CA made with the service's own pki (real X.509), and {@code openssl verify} of issued
 * chains. Test support.
 */
final class TestPki {

    final KeyPair rootKey = PrivateKeys.generate(KeySpec.ECDSA_P256);
    final X509Certificate root;
    final KeyPair intermediateKey = PrivateKeys.generate(KeySpec.ECDSA_P256);
    final X509Certificate intermediate;

    TestPki(String name) {
        CsrSpec rootSpec = new CsrSpec(SubjectSpec.ofCommonName(name + " root"), List.of(), List.of(), List.of(), List.of(), Set.of(), true);
        root = Signer.selfSign(Csrs.build(rootSpec, rootKey), rootKey.getPrivate(), Duration.ofDays(3650), Instant.now().minusSeconds(60)).certificate();
        SigningAuthority ra = SigningAuthority.of(List.of(root), rootKey);
        CsrSpec intSpec = new CsrSpec(SubjectSpec.ofCommonName(name + " intermediate"), List.of(), List.of(), List.of(), List.of(), Set.of(), true);
        IssuedCertificate i = Signer.sign(Csrs.build(intSpec, intermediateKey), ra, Duration.ofDays(1825), Instant.now().minusSeconds(30));
        intermediate = i.certificate();
    }

    String rootPem() {
        return Pem.encode(root);
    }

    String intermediatePem() {
        return Pem.encode(intermediate);
    }

    String intermediateKeyPem() {
        return PrivateKeys.toPem(intermediateKey.getPrivate(), KeyEncoding.PKCS8);
    }

    /** {@code tls.crt}/{@code tls.key}/{@code ca.crt} of a CA Secret: the intermediate, its key, the root. */
    java.util.Map<String, byte[]> caSecretData() {
        return java.util.Map.of("tls.crt", bytes(intermediatePem()), "tls.key", bytes(intermediateKeyPem()),
                "ca.crt", bytes(rootPem()));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Runs {@code openssl verify -CAfile ca.crt [-untrusted intermediates] leaf} on a Secret's tls.crt/ca.crt.
     *
     * @return openssl's output (ends with {@code OK} on success)
     * @throws AssertionError when openssl refuses the chain
     */
    static String opensslVerify(String tlsCrt, String caCrt, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<X509Certificate> chain = Pem.parseCertificates(tlsCrt);
        Path leaf = dir.resolve("leaf.pem");
        Files.writeString(leaf, Pem.encode(chain.get(0)));
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, caCrt);
        List<String> cmd = new ArrayList<>(List.of("openssl", "verify", "-CAfile", ca.toString()));
        if (chain.size() > 1) {
            Path untrusted = dir.resolve("untrusted.pem");
            Files.writeString(untrusted, Pem.encode(chain.subList(1, chain.size())));
            cmd.add("-untrusted");
            cmd.add(untrusted.toString());
        }
        cmd.add(leaf.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("openssl verify refused the chain: " + out);
        }
        return out;
    }
}
