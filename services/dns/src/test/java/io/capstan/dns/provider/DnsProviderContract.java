package io.capstan.dns.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour every {@link DnsProvider} owes the DNS service, run against a real server (BIND, PowerDNS) or the
 * in-memory provider by a subclass. The zone {@link #zone()} starts with foreign records (an apex SPF TXT, an MX and a
 * hand-made A) that no test may change; each test works on its own names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DnsProviderContract {

    /** Foreign records every zone starts with, as master-file lines relative to the zone. */
    public static final List<String> FOREIGN = List.of("@ 300 IN TXT \"v=spf1 -all\"",
        "@ 300 IN MX 10 mail.example.net.", "hand 120 IN A 192.0.2.10");

    /** The zone under test, without trailing dot. */
    protected abstract String zone();

    /** A provider for the zone's server with at most {@code maxRecordSetsPerMessage} record sets per message. */
    protected abstract DnsProvider provider(int maxRecordSetsPerMessage);

    /** A provider for the same server whose key is wrong (right name, wrong secret). */
    protected abstract DnsProvider providerWithBadKey();

    /** A provider pointed at a port where nothing listens, or empty when the provider has no server. */
    protected abstract Optional<DnsProvider> unreachableProvider();

    /**
     * The zone as the server hands it out to anyone else (a real zone transfer, or a listing), one line per record,
     * in the server's own text form; used to prove foreign records byte-identical.
     */
    protected abstract List<String> zoneText() throws Exception;

    /** The server's DNS port for {@code dig}, or empty when there is no DNS server. */
    protected abstract Optional<Integer> dnsPort();

    protected DnsProvider provider() {
        return provider(100);
    }

    protected String name(String label) {
        return label + "." + zone();
    }

    protected static RecordSet set(String name, String type, long ttl, String... targets) {
        return new RecordSet(name, type, ttl, List.of(targets));
    }

    protected static ZoneChanges creates(String zone, RecordSet... sets) {
        return new ZoneChanges(zone, List.of(sets), List.of(), List.of(), List.of());
    }

    protected Map<String, RecordSet> byId() throws ProviderException {
        return provider().records(zone()).stream().collect(Collectors.toMap(RecordSet::id, Function.identity()));
    }

    @Test
    void readsEveryRecordSetOfTheZoneIncludingApexSoaNsAndForeignRecords() throws Exception {
        Map<String, RecordSet> sets = byId();
        assertThat(sets).containsKeys(zone() + " SOA", zone() + " NS");
        assertThat(sets.get(zone() + " TXT").targets()).containsExactly("v=spf1 -all");
        assertThat(sets.get(zone() + " MX").targets()).containsExactly("10 mail.example.net");
        assertThat(sets.get(name("hand") + " A")).isEqualTo(set(name("hand"), "A", 120, "192.0.2.10"));
        assertThat(sets.values()).allSatisfy(s -> assertThat(s.name()).doesNotEndWith(".").isLowerCase());
    }

    @Test
    void createsUpdatesAndDeletesWholeRecordSets() throws Exception {
        RecordSet a = set(name("crud"), "A", 300, "192.0.2.1", "192.0.2.2");
        RecordSet aaaa = set(name("crud"), "AAAA", 300, "2001:db8::1");
        RecordSet cname = set(name("alias-crud"), "CNAME", 60, "target.example.net");
        provider().apply(creates(zone(), a, aaaa, cname));
        Map<String, RecordSet> sets = byId();
        assertThat(sets.get(a.id())).isEqualTo(a);
        assertThat(sets.get(aaaa.id())).isEqualTo(aaaa);
        assertThat(sets.get(cname.id())).isEqualTo(cname);

        RecordSet a2 = set(name("crud"), "A", 120, "192.0.2.3");
        RecordSet cname2 = set(name("alias-crud"), "CNAME", 60, "other.example.net");
        provider().apply(new ZoneChanges(zone(), List.of(), List.of(a, cname), List.of(a2, cname2), List.of(aaaa)));
        sets = byId();
        assertThat(sets.get(a.id())).isEqualTo(a2);
        assertThat(sets.get(cname.id())).isEqualTo(cname2);
        assertThat(sets).doesNotContainKey(aaaa.id());

        provider().apply(new ZoneChanges(zone(), List.of(), List.of(), List.of(), List.of(a2, cname2)));
        assertThat(byId()).doesNotContainKeys(a.id(), cname.id());
    }

    @Test
    void appliesABatchOf250RecordSetsInSeveralMessagesAndReportsHowManyPassedBeforeAFailedOne() throws Exception {
        List<RecordSet> sets = IntStream.range(0, 250)
            .mapToObj(i -> set(name(String.format("bulk-%03d", i)), "A", 300, "192.0.2." + (i % 250 + 1))).toList();
        // someone else holds the 231st name: message 3 (record sets 201..250) must fail as a whole
        RecordSet taken = set(sets.get(230).name(), "A", 300, "198.51.100.1");
        provider().apply(creates(zone(), taken));

        assertThatThrownBy(() -> provider(100).apply(new ZoneChanges(zone(), sets, List.of(), List.of(), List.of())))
            .isInstanceOfSatisfying(ProviderConflictException.class, e -> {
                assertThat(e.applied()).isEqualTo(200);
                assertThat(e.isTransient()).isTrue();
                assertThat(e.getMessage()).contains(zone(), "3 of 3");
            });
        Map<String, RecordSet> now = byId();
        assertThat(sets.subList(0, 200)).allSatisfy(s -> assertThat(now.get(s.id())).isEqualTo(s));
        assertThat(sets.subList(200, 250).stream().filter(s -> !s.id().equals(taken.id())))
            .allSatisfy(s -> assertThat(now).doesNotContainKey(s.id()));
        assertThat(now.get(taken.id())).isEqualTo(taken);

        // the next pass re-reads and finishes the work
        List<RecordSet> rest = sets.subList(200, 250).stream().filter(s -> !now.containsKey(s.id())).toList();
        provider(100).apply(new ZoneChanges(zone(), rest, List.of(), List.of(), List.of()));
        Map<String, RecordSet> after = byId();
        assertThat(rest).allSatisfy(s -> assertThat(after.get(s.id())).isEqualTo(s));
        provider(100).apply(new ZoneChanges(zone(), List.of(), List.of(), List.of(),
            sets.stream().filter(s -> !s.id().equals(taken.id())).toList()));
        assertThat(byId().keySet().stream().filter(id -> id.startsWith("bulk-"))).containsExactly(taken.id());
    }

    @Test
    void aBatchOverThe64KiBMessageLimitIsSplitBySizeAndFullyApplied() throws Exception {
        // 120 record sets of about 1 KB each: over 64 KiB in one message, under the 1000-per-message count limit
        List<RecordSet> big = IntStream.range(0, 120).mapToObj(i -> set(name(String.format("big-%03d", i)), "TXT",
            300, String.format("%03d-", i) + "k".repeat(1000))).toList();
        provider(1000).apply(new ZoneChanges(zone(), big, List.of(), List.of(), List.of()));
        Map<String, RecordSet> now = byId();
        assertThat(big).allSatisfy(s -> assertThat(now.get(s.id())).isEqualTo(s));
        provider(1000).apply(new ZoneChanges(zone(), List.of(), List.of(), List.of(), big));
        assertThat(byId().keySet()).noneMatch(id -> id.startsWith("big-"));
    }

    @Test
    void keepsTxtTextWithSpacesQuotesBackslashesAndMoreThan255Octets() throws Exception {
        String owner = "heritage=external-dns,external-dns/owner=alpha,external-dns/resource=service/default/web";
        String quoted = "say \"hello\" to C:\\dir; a=b c";
        String longText = "v=DKIM1; k=rsa; p=" + "A".repeat(400);
        RecordSet txt = set(name("txt"), "TXT", 300, owner, quoted, longText);
        provider().apply(creates(zone(), txt));
        assertThat(byId().get(txt.id())).isEqualTo(txt);
        Optional<Integer> port = dnsPort();
        if (port.isPresent()) {
            assertThat(dig(port.get(), txt.name(), "TXT")).contains("\"say \\\"hello\\\" to C:\\\\dir; a=b c\"",
                "\"" + owner + "\"");
        }
    }

    @Test
    void aaaaIsReadBackInRfc5952FormAndServed() throws Exception {
        RecordSet aaaa = set(name("v6"), "AAAA", 300, "2001:db8::10", "2001:db8:0:1::1");
        provider().apply(creates(zone(), aaaa));
        assertThat(byId().get(aaaa.id()).targets()).containsExactly("2001:db8:0:1::1", "2001:db8::10");
        Optional<Integer> port = dnsPort();
        if (port.isPresent()) {
            assertThat(dig(port.get(), aaaa.name(), "AAAA")).containsExactlyInAnyOrder("2001:db8::10",
                "2001:db8:0:1::1");
        }
    }

    @Test
    void whatTheProviderWroteIsWhatTheServerAnswers() throws Exception {
        Optional<Integer> port = dnsPort();
        assumeThat(port).as("a DNS server to ask").isPresent();
        provider().apply(creates(zone(), set(name("served"), "A", 60, "192.0.2.77", "192.0.2.78"),
            set(name("www-served"), "CNAME", 60, name("served"))));
        assertThat(dig(port.get(), name("served"), "A")).containsExactlyInAnyOrder("192.0.2.77", "192.0.2.78");
        assertThat(dig(port.get(), name("www-served"), "CNAME")).containsExactly(name("served") + ".");
    }

    @Test
    void aCreateFailsWithConflictWhenSomeoneElseCreatedTheSetMeanwhileAndLeavesTheirsAlone() throws Exception {
        RecordSet ours = set(name("race"), "A", 300, "192.0.2.50");
        RecordSet theirs = set(name("race"), "A", 300, "198.51.100.50");
        byId(); // we read: absent
        provider().apply(creates(zone(), theirs)); // another writer wins the race
        assertThatThrownBy(() -> provider().apply(creates(zone(), ours)))
            .isInstanceOfSatisfying(ProviderConflictException.class, e -> {
                assertThat(e.applied()).isZero();
                assertThat(e.recordSet()).isEqualTo(ours.id());
                assertThat(e.getMessage()).contains(ours.id()).containsAnyOf("YXRRSET", "NXRRSET", "exists");
            });
        assertThat(byId().get(ours.id())).isEqualTo(theirs);
    }

    @Test
    void anUpdateOrDeleteOfASetThatChangedMeanwhileFailsWithConflict() throws Exception {
        RecordSet read = set(name("stale"), "A", 300, "192.0.2.60");
        provider().apply(creates(zone(), read));
        RecordSet changed = set(name("stale"), "A", 300, "198.51.100.60");
        provider().apply(new ZoneChanges(zone(), List.of(), List.of(read), List.of(changed), List.of()));
        RecordSet ours = set(name("stale"), "A", 300, "192.0.2.61");
        assertThatThrownBy(() -> provider().apply(
            new ZoneChanges(zone(), List.of(), List.of(read), List.of(ours), List.of())))
            .isInstanceOf(ProviderConflictException.class);
        assertThatThrownBy(() -> provider().apply(
            new ZoneChanges(zone(), List.of(), List.of(), List.of(), List.of(read))))
            .isInstanceOf(ProviderConflictException.class);
        assertThat(byId().get(read.id())).isEqualTo(changed);
    }

    @Test
    void foreignRecordsAreByteIdenticalAfterCreatesUpdatesAndDeletesAround() throws Exception {
        List<String> before = foreignLines(zoneText());
        assertThat(before).hasSize(3);
        RecordSet a = set(name("around"), "A", 300, "192.0.2.90");
        RecordSet txt = set("a-around." + zone(), "TXT", 300, "heritage=external-dns,external-dns/owner=alpha");
        RecordSet mx = set(name("around"), "MX", 300, "10 mx.example.net");
        provider().apply(creates(zone(), a, txt, mx));
        RecordSet a2 = set(name("around"), "A", 60, "192.0.2.91");
        for (int pass = 0; pass < 3; pass++) {
            RecordSet from = pass == 0 ? a : a2;
            provider().apply(new ZoneChanges(zone(), List.of(), List.of(from), List.of(a2), List.of()));
        }
        provider().apply(new ZoneChanges(zone(), List.of(), List.of(), List.of(), List.of(a2, txt, mx)));
        assertThat(foreignLines(zoneText())).isEqualTo(before);
    }

    /** The zone-text lines of the foreign records: apex TXT, apex MX and the hand-made A. */
    protected List<String> foreignLines(List<String> text) {
        String apex = zone() + ".";
        String hand = "hand." + zone() + ".";
        return text.stream().filter(line -> {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4) {
                return false;
            }
            boolean apexRecord = f[0].equals(apex) && (Arrays.asList(f).contains("TXT")
                || Arrays.asList(f).contains("MX"));
            return apexRecord || f[0].equals(hand);
        }).sorted().toList();
    }

    @Test
    void aWrongKeyIsAClearNonTransientErrorThatNeverShowsTheSecret() {
        DnsProvider bad = providerWithBadKey();
        assertThatThrownBy(() -> bad.records(zone()))
            .isInstanceOfSatisfying(ProviderException.class, e -> {
                assertThat(e.isTransient()).isFalse();
                assertThat(e.getMessage()).contains(zone()).doesNotContain(badSecret());
            });
        assertThatThrownBy(() -> bad.apply(creates(zone(), set(name("badkey"), "A", 60, "192.0.2.99"))))
            .isInstanceOfSatisfying(ProviderException.class, e -> {
                assertThat(e.isTransient()).isFalse();
                assertThat(e.applied()).isZero();
                assertThat(e.getMessage()).contains(zone()).doesNotContain(badSecret());
            });
        assertThat(bad.toString()).doesNotContain(badSecret());
        assertThat(bad.describe()).doesNotContain(badSecret());
    }

    /** The wrong secret {@link #providerWithBadKey()} uses. */
    protected abstract String badSecret();

    @Test
    void anUnreachableServerIsATransientError() {
        Optional<DnsProvider> unreachable = unreachableProvider();
        assumeThat(unreachable).as("a provider with a server").isPresent();
        assertThatThrownBy(() -> unreachable.get().records(zone()))
            .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.isTransient()).isTrue());
        assertThatThrownBy(() -> unreachable.get().apply(creates(zone(), set(name("gone"), "A", 60, "192.0.2.98"))))
            .isInstanceOfSatisfying(ProviderException.class, e -> {
                assertThat(e.isTransient()).isTrue();
                assertThat(e.applied()).isZero();
            });
    }

    @Test
    void aRecordSetOutsideTheZoneIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> provider().apply(creates(zone(), set(name("fine"), "A", 60, "192.0.2.5"),
            set("elsewhere.invalid", "A", 60, "192.0.2.6"))))
            .isInstanceOfSatisfying(ProviderException.class, e -> {
                assertThat(e.isTransient()).isFalse();
                assertThat(e.getMessage()).contains("elsewhere.invalid");
            });
    }

    /** {@code dig +short} answers, one per line. */
    protected static List<String> dig(int port, String name, String type) throws IOException, InterruptedException {
        return run(List.of("dig", "+short", "+tcp", "-p", String.valueOf(port), "@127.0.0.1", name, type)).lines()
            .filter(l -> !l.isBlank()).toList();
    }

    protected static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(command.get(0) + " exited " + p.exitValue() + ": " + out);
        }
        return out;
    }
}
