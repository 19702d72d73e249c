package io.capstan.dns.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Entry point of {@link Rfc2136RawBench}: not part of the normal test run (the module's surefire excludes
 * {@code *Benchmark}, and this needs {@code -Dcapstan.bench=true}). Run:
 * {@code ./mvnw -B -pl services/dns test -Dtest=Rfc2136RawBenchmark -Dcapstan.bench=true}
 * (optional {@code -Dcapstan.bench.rounds=3 -Dcapstan.bench.batch1=1000 -Dcapstan.bench.batch100=10000}).
 * Prints the figures and writes them to {@code target/dns-bench/rfc2136-raw.txt}.
 */
@EnabledIfSystemProperty(named = "capstan.bench", matches = "true")
class Rfc2136RawBenchmark {

    @Test
    void recordsPerSecondThroughRfc2136ProviderAgainstNsupdateOnTheSameBind() throws Exception {
        Path dir = Path.of("target", "dns-bench");
        Files.createDirectories(dir);
        Rfc2136RawBench.Result result = Rfc2136RawBench.run(dir, Integer.getInteger("capstan.bench.rounds", 3),
            Integer.getInteger("capstan.bench.batch1", 1000), Integer.getInteger("capstan.bench.batch100", 10000));
        String report = result.report();
        System.out.println(report);
        Files.writeString(dir.resolve("rfc2136-raw.txt"), report, StandardCharsets.UTF_8);
        assertThat(result.providerBatch100()).isGreaterThan(result.providerBatch1());
    }
}
