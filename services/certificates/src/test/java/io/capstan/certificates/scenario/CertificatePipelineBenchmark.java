package io.capstan.certificates.scenario;

import io.capstan.certificates.bench.RawIssuanceBaseline;
import io.capstan.certificates.pki.KeySpec;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.sandbox.junit.SandboxCluster;
import io.capstan.sandbox.junit.SandboxResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificates per second through the whole pipeline (Certificate object + its ResourceEvent on capstan.resources ->
 * the service's pass -> key, CSR, fleet-CA signature -> Secret written in the sandbox cluster), for ECDSA P-256 and
 * RSA-2048 leaf keys, beside the raw key-and-sign loop ({@link RawIssuanceBaseline}) measured in the same run. Latency
 * per certificate = from the event sent to the Secret seen (polled every 50 ms). Runs only with {@code -Pbench}
 * ({@code -Dcapstan.bench=true}); prints its figures.
 */
@QuarkusTest
@QuarkusTestResource(SandboxResource.class)
@EnabledIfSystemProperty(named = "capstan.bench", matches = "true")
class CertificatePipelineBenchmark {

    static Fleet fleet;
    static SandboxCluster c;

    @BeforeAll
    static void start() {
        fleet = new Fleet();
        fleet.managementSecret("sandbox-ca", "kubernetes.io/tls", new TestPki("bench fleet").caSecretData());
        c = fleet.cluster("bench");
        fleet.register(Fleet.event("bench", Infrastructure.STANDALONE, Fleet.sandboxProfile("sandbox.json"), 1, false));
    }

    @AfterAll
    static void stop() {
        fleet.close();
    }

    @Test
    void pipelineThroughputAndLatencyBesideTheRawLoop() throws Exception {
        int ecdsa = Integer.getInteger("capstan.bench.ecdsa", 200);
        int rsa = Integer.getInteger("capstan.bench.rsa", 40);
        // warm the pipeline (JIT, clients, first pass)
        run("warm", "ECDSA", 256, 10);
        String p256 = run("p256", "ECDSA", 256, ecdsa);
        String rsa2048 = run("rsa", "RSA", 2048, rsa);
        RawIssuanceBaseline.Result rawP256 = RawIssuanceBaseline.measure(KeySpec.ECDSA_P256, Duration.ofSeconds(2), Duration.ofSeconds(5));
        RawIssuanceBaseline.Result rawRsa = RawIssuanceBaseline.measure(KeySpec.RSA_2048, Duration.ofSeconds(2), Duration.ofSeconds(10));
        System.out.println("BENCH pipeline " + p256);
        System.out.println("BENCH raw      " + rawP256);
        System.out.println("BENCH pipeline " + rsa2048);
        System.out.println("BENCH raw      " + rawRsa);
    }

    /** Creates {@code n} Certificates in namespace {@code ns}, emits their events, waits for every Secret. */
    static String run(String ns, String algorithm, int size, int n) throws Exception {
        Map<String, Long> sent = new HashMap<>();
        long start = System.nanoTime();
        try (KubernetesClient k = c.client()) {
            for (int i = 0; i < n; i++) {
                String name = "c" + i;
                GenericKubernetesResource r = Serialization.unmarshal("""
                        apiVersion: cert-manager.io/v1
                        kind: Certificate
                        metadata: {name: %s, namespace: %s}
                        spec:
                          secretName: %s-tls
                          dnsNames: [%s.%s.bench.sandbox.capstan.test]
                          issuerRef: {name: sandbox-ca, kind: ClusterIssuer}
                          privateKey: {algorithm: %s, size: %d}
                        """.formatted(name, ns, name, name, ns, algorithm, size), GenericKubernetesResource.class);
                GenericKubernetesResource created = k.resource(r).create();
                sent.put(name + "-tls", System.nanoTime());
                fleet.resourceChanged("bench", created);
            }
            Map<String, Long> seen = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (seen.size() < n && System.nanoTime() < deadline) {
                for (Secret s : k.secrets().inNamespace(ns).list().getItems()) {
                    seen.putIfAbsent(s.getMetadata().getName(), System.nanoTime());
                }
                Thread.sleep(50);
            }
            assertThat(seen.keySet()).containsAll(sent.keySet());
            long end = seen.values().stream().mapToLong(Long::longValue).max().orElse(start);
            double[] lat = sent.entrySet().stream().mapToDouble(e -> (seen.get(e.getKey()) - e.getValue()) / 1e6).sorted().toArray();
            return String.format(Locale.ROOT, "%s-%d: %.1f certificates/s (p50 %.0f ms, p99 %.0f ms, n=%d, event -> Secret written)",
                    algorithm, size, n / ((end - start) / 1e9), pct(lat, 0.50), pct(lat, 0.99), n);
        }
    }

    static double pct(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

}
