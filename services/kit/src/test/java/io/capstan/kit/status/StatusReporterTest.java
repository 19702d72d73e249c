package io.capstan.kit.status;

import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.StatusEvent;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pure test of diff-send-commit: only acknowledged sends are recorded, so a failed one is sent again. */
class StatusReporterTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final List<String> sent = new ArrayList<>();
    private final AtomicBoolean brokerDown = new AtomicBoolean();
    private final StatusSink sink = (publish, removals) -> {
        if (brokerDown.get()) {
            throw new IllegalStateException("not acknowledged");
        }
        publish.forEach(e -> sent.add("publish " + e.key()));
        removals.forEach(k -> sent.add("tombstone " + k));
    };
    private final StatusLedger ledger = new StatusLedger("dns", clock);
    private final StatusReporter reporter = new StatusReporter(ledger, sink);

    private static StatusEntry record(String name) {
        return new StatusEntry(name == null ? null : new StatusEvent.Subject("dns.capstan.io/v1", "DNSRecord", null, name),
                List.of(Condition.of("Ready", ConditionStatus.True, "Published", "")), null, 1);
    }

    @Test
    void aSendTheBrokerDidNotAcknowledgeIsSentAgainByTheNextPass() {
        brokerDown.set(true);
        assertThatThrownBy(() -> reporter.report("a", List.of(record(null)), true)).isInstanceOf(IllegalStateException.class);
        assertThat(ledger.entries("a")).as("nothing committed").isEmpty();

        brokerDown.set(false);
        reporter.report("a", List.of(record(null)), true);
        reporter.report("a", List.of(record(null)), true);
        assertThat(sent).containsExactly("publish a/dns");
    }

    @Test
    void withdrawAndForgetTombstoneWhatWasPublished() {
        reporter.report("a", List.of(record(null), record("www.example.com"), record("api.example.com")), true);
        sent.clear();
        reporter.withdraw("a", List.of(new StatusEvent.Subject("dns.capstan.io/v1", "DNSRecord", null, "www.example.com")));
        assertThat(sent).containsExactly("tombstone a/dns/DNSRecord/_/www.example.com");
        sent.clear();
        assertThat(reporter.forget("a")).containsExactly("a/dns", "a/dns/DNSRecord/_/api.example.com");
        assertThat(sent).containsExactly("tombstone a/dns", "tombstone a/dns/DNSRecord/_/api.example.com");
    }
}
