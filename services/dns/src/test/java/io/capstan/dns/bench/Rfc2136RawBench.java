package io.capstan.dns.bench;

import io.capstan.dns.provider.ProviderException;
import io.capstan.dns.provider.RecordSet;
import io.capstan.dns.provider.ZoneChanges;
import io.capstan.dns.provider.rfc2136.Rfc2136Config;
import io.capstan.dns.provider.rfc2136.Rfc2136Provider;
import io.capstan.sandbox.dns.BindServer;
import io.capstan.sandbox.dns.DnsZone;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Raw speed of {@link Rfc2136Provider} against {@code nsupdate -k} on the same BIND 9 in the same run: records per
 * second at one record set per UPDATE message and at 100 per message, the same records and the same RFC 2136
 * prerequisites ("RRset does not exist" per record set) in both, alternated over several rounds, medians reported,
 * plus one AXFR of the grown zone. No service, Kafka or planner in the path: the dns service's own benchmark puts its
 * figures beside these.
 */
public final class Rfc2136RawBench {

    /** Figures of one run. */
    public record Result(int rounds, int recordsAtBatch1, int recordsAtBatch100, double providerBatch1,
                         double nsupdateBatch1, double providerBatch100, double nsupdateBatch100, int axfrRecords,
                         double axfrMillis) {

        /** The report, one figure per line, ratios provider/nsupdate. */
        public String report() {
            return String.format(Locale.ROOT, """
                RFC 2136 raw benchmark (BIND 9 on 127.0.0.1, TSIG hmac-sha256, medians of %d rounds, same run)
                  batch   1: Rfc2136Provider %8.0f records/s   nsupdate %8.0f records/s   ratio %.2f   (%d records)
                  batch 100: Rfc2136Provider %8.0f records/s   nsupdate %8.0f records/s   ratio %.2f   (%d records)
                  AXFR of %d records through Rfc2136Provider.records: %.0f ms
                """, rounds, providerBatch1, nsupdateBatch1, providerBatch1 / nsupdateBatch1, recordsAtBatch1,
                providerBatch100, nsupdateBatch100, providerBatch100 / nsupdateBatch100, recordsAtBatch100,
                axfrRecords, axfrMillis);
        }
    }

    private static final String ZONE = "bench.example.test";

    private Rfc2136RawBench() {
    }

    /**
     * Starts BIND under {@code dir}, measures, stops BIND.
     *
     * @param dir      working directory (for example {@code target/dns-bench})
     * @param rounds   alternated rounds, medians reported
     * @param batch1   records per round at one per message
     * @param batch100 records per round at 100 per message
     */
    public static Result run(Path dir, int rounds, int batch1, int batch100) throws Exception {
        try (BindServer bind = new BindServer(dir.resolve("bind"), List.of(DnsZone.of(ZONE))).start()) {
            Rfc2136Config config = new Rfc2136Config(bind.host(), bind.port(), bind.keyName(), bind.keyAlgorithm(),
                bind.secret(), Duration.ofSeconds(30), 100, false);
            Rfc2136Provider one = new Rfc2136Provider(config.withMaxRecordSetsPerMessage(1));
            Rfc2136Provider hundred = new Rfc2136Provider(config.withMaxRecordSetsPerMessage(100));
            // warm up the JVM path and named
            hundred.apply(creates(records("warm", 500)));
            nsupdate(bind, dir, records("warmns", 500), 100);

            List<Double> p1 = new ArrayList<>();
            List<Double> n1 = new ArrayList<>();
            List<Double> p100 = new ArrayList<>();
            List<Double> n100 = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                ZoneChanges pr1 = creates(records("p1r" + round, batch1));
                p1.add(rate(batch1, () -> one.apply(pr1)));
                List<RecordSet> ns1 = records("n1r" + round, batch1);
                n1.add(rate(batch1, () -> nsupdate(bind, dir, ns1, 1)));
                ZoneChanges pr100 = creates(records("p100r" + round, batch100));
                p100.add(rate(batch100, () -> hundred.apply(pr100)));
                List<RecordSet> ns100 = records("n100r" + round, batch100);
                n100.add(rate(batch100, () -> nsupdate(bind, dir, ns100, 100)));
            }
            long start = System.nanoTime();
            int axfr = hundred.records(ZONE).stream().mapToInt(s -> s.targets().size()).sum();
            double axfrMillis = (System.nanoTime() - start) / 1e6;
            return new Result(rounds, batch1, batch100, median(p1), median(n1), median(p100), median(n100), axfr,
                axfrMillis);
        }
    }

    private static List<RecordSet> records(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> new RecordSet(
            String.format(Locale.ROOT, "%s-%05d.%s", prefix, i, ZONE), "A", 300,
            List.of("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255)))).toList();
    }

    private static ZoneChanges creates(List<RecordSet> sets) {
        return new ZoneChanges(ZONE, sets, List.of(), List.of(), List.of());
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double rate(int records, Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return records / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * One nsupdate process, {@code perMessage} record sets per {@code send}, each with {@code prereq nxrrset}; UDP
     * retry after 20 s and 60 s overall like the provider's 30 s timeout, so a loaded machine does not fail it.
     */
    private static void nsupdate(BindServer bind, Path dir, List<RecordSet> sets, int perMessage)
        throws IOException, InterruptedException, ProviderException {
        StringBuilder script = new StringBuilder("server 127.0.0.1 ").append(bind.port()).append("\nzone ")
            .append(ZONE).append('\n');
        for (int i = 0; i < sets.size(); i++) {
            RecordSet s = sets.get(i);
            script.append("prereq nxrrset ").append(s.name()).append(". A\n")
                .append("update add ").append(s.name()).append(". ").append(s.ttl()).append(" A ")
                .append(s.targets().get(0)).append('\n');
            if ((i + 1) % perMessage == 0 || i == sets.size() - 1) {
                script.append("send\n");
            }
        }
        Path file = dir.resolve("nsupdate-script.txt");
        Files.writeString(file, script, StandardCharsets.US_ASCII);
        Process p = new ProcessBuilder("nsupdate", "-t", "60", "-u", "20", "-k", bind.keyFile().toString(),
            file.toString())
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new ProviderException("nsupdate failed: " + out, false, 0, null);
        }
    }
}
