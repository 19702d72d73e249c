package io.capstan.certificates.bench;

import io.capstan.certificates.pki.CsrSpec;
import io.capstan.certificates.pki.Csrs;
import io.capstan.certificates.pki.IssuedCertificate;
import io.capstan.certificates.pki.KeyEncoding;
import io.capstan.certificates.pki.KeySpec;
import io.capstan.certificates.pki.PrivateKeys;
import io.capstan.certificates.pki.Signer;
import io.capstan.certificates.pki.SigningAuthority;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The raw baseline of issuance for the pipeline benchmark: in one loop, what the pure core does per certificate and
 * nothing else (key generation, PKCS#10 CSR, CA signature, PEM encoding of key and chain), for a given key type,
 * signed by an ECDSA P-256 intermediate CA. No Kafka, no cluster, no JMH: a plain timed loop with a warm-up, single
 * thread, wall clock.
 *
 * <p>Not a test (the name ends in neither Test nor IT, so surefire never runs it). Call {@link #measure} from the
 * pipeline benchmark to print both figures in the same run, or run it alone:
 * <pre>{@code
 * cd /work/main && ./mvnw -B -q -pl services/certificates test-compile && \
 *   java -cp "services/certificates/target/test-classes:services/certificates/target/classes:$(cat cp.txt)" \
 *   io.capstan.certificates.bench.RawIssuanceBaseline 10
 * }</pre>
 * (cp.txt from {@code ./mvnw -B -q -pl services/certificates dependency:build-classpath -Dmdep.outputFile=cp.txt}).
 */
public final class RawIssuanceBaseline {

    /**
     * One measured run.
     *
     * @param key          the leaf key type
     * @param operations   certificates issued in the measured window
     * @param perSecond    certificates per second (wall clock, one thread)
     * @param p50Millis    median latency of one issuance, milliseconds
     * @param p99Millis    99th percentile latency, milliseconds
     */
    public record Result(KeySpec key, int operations, double perSecond, double p50Millis, double p99Millis) {

        /** @return e.g. {@code ECDSA-256: 812.3 certificates/s (p50 1.12 ms, p99 2.40 ms, n=8123)} */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %.1f certificates/s (p50 %.2f ms, p99 %.2f ms, n=%d)",
                    key, perSecond, p50Millis, p99Millis, operations);
        }
    }

    private RawIssuanceBaseline() {
    }

    /**
     * Issues certificates in a loop: warm-up for {@code warmup}, then measures for {@code window}.
     *
     * @param key    leaf key type (e.g. {@link KeySpec#ECDSA_P256}, {@link KeySpec#RSA_2048})
     * @param warmup warm-up time (JIT), not measured
     * @param window measured time
     * @return throughput and latency percentiles
     */
    public static Result measure(KeySpec key, Duration warmup, Duration window) {
        Instant now = Instant.now();
        KeyPair rootKeys = PrivateKeys.generate(KeySpec.ECDSA_P256);
        IssuedCertificate root = Signer.selfSign(Csrs.build(caSpec("Baseline Root"), rootKeys), rootKeys.getPrivate(),
                Duration.ofDays(3650), now);
        KeyPair caKeys = PrivateKeys.generate(KeySpec.ECDSA_P256);
        IssuedCertificate intermediate = Signer.sign(Csrs.build(caSpec("Baseline Intermediate"), caKeys),
                SigningAuthority.of(List.of(root.certificate()), rootKeys), Duration.ofDays(1825), now);
        SigningAuthority ca = SigningAuthority.of(List.of(intermediate.certificate(), root.certificate()), caKeys);

        long warmEnd = System.nanoTime() + warmup.toNanos();
        int i = 0;
        while (System.nanoTime() < warmEnd) {
            once(key, ca, i++);
        }
        long[] samples = new long[1 << 16];
        int n = 0;
        long start = System.nanoTime();
        long end = start + window.toNanos();
        long t;
        while ((t = System.nanoTime()) < end) {
            once(key, ca, i++);
            if (n == samples.length) {
                samples = Arrays.copyOf(samples, n * 2);
            }
            samples[n++] = System.nanoTime() - t;
        }
        long elapsed = System.nanoTime() - start;
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        return new Result(key, n, n / (elapsed / 1e9), pct(sorted, 0.50) / 1e6, pct(sorted, 0.99) / 1e6);
    }

    private static void once(KeySpec key, SigningAuthority ca, int i) {
        KeyPair keys = PrivateKeys.generate(key);
        String host = "host-" + i + ".bench.capstan.test";
        IssuedCertificate c = Signer.sign(Csrs.build(CsrSpec.ofDnsNames(null, List.of(host)), keys), ca,
                Duration.ofHours(2160), Instant.now());
        String pem = PrivateKeys.toPem(keys.getPrivate(), KeyEncoding.PKCS1) + c.tlsCrtPem() + c.caCrtPem();
        if (pem.isEmpty()) {
            throw new IllegalStateException();
        }
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static CsrSpec caSpec(String cn) {
        return new CsrSpec(io.capstan.certificates.pki.SubjectSpec.ofCommonName(cn), List.of(), List.of(), List.of(),
                List.of(), Set.of(io.capstan.certificates.pki.Usage.DIGITAL_SIGNATURE, io.capstan.certificates.pki.Usage.CERT_SIGN), true);
    }

    /**
     * Prints the baseline for ECDSA P-256 and RSA-2048.
     *
     * @param args optional: measured seconds per key type (default 10; warm-up is a third of it)
     */
    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        for (KeySpec k : List.of(KeySpec.ECDSA_P256, KeySpec.RSA_2048)) {
            System.out.println(measure(k, Duration.ofSeconds(Math.max(1, seconds / 3)), Duration.ofSeconds(seconds)));
        }
    }
}
