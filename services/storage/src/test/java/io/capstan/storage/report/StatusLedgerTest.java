package io.capstan.storage.report;

import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.StatusEvent;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Pure test of status publication: no churn, transition times kept, vanished objects tombstoned. */
class StatusLedgerTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        public ZoneOffset getZone() { return ZoneOffset.UTC; }
        public Clock withZone(java.time.ZoneId z) { return this; }
        public Instant instant() { return now.get(); }
    };

    private static StatusEntry entry(String name, ConditionStatus s, String reason) {
        return new StatusEntry(name == null ? null : new StatusEvent.Subject("v1", "PersistentVolumeClaim", "ns", name),
                List.of(Condition.of("Ready", s, reason, "")), null, 1);
    }

    @Test
    void publishesOnlyChangesAndTombstonesVanishedKeys() {
        StatusLedger ledger = new StatusLedger(clock);
        StatusLedger.Changes first = ledger.diff("a", List.of(entry(null, ConditionStatus.True, "ClassesEnsured"),
                entry("c1", ConditionStatus.False, "Provisioning")), true);
        assertThat(first.publish()).hasSize(2);
        ledger.commit("a", first);

        now.set(now.get().plusSeconds(60));
        assertThat(ledger.diff("a", List.of(entry(null, ConditionStatus.True, "ClassesEnsured"),
                entry("c1", ConditionStatus.False, "Provisioning")), true).isEmpty()).as("no churn").isTrue();

        StatusLedger.Changes reasonOnly = ledger.diff("a", List.of(entry(null, ConditionStatus.True, "ClassesEnsured"),
                entry("c1", ConditionStatus.False, "ProvisionerNotFound")), true);
        assertThat(reasonOnly.publish()).singleElement().satisfies(e ->
                assertThat(e.conditions().get(0).lastTransitionTime()).as("status did not flip").isEqualTo(Instant.parse("2026-01-01T00:00:00Z")));
        ledger.commit("a", reasonOnly);

        StatusLedger.Changes gone = ledger.diff("a", List.of(entry(null, ConditionStatus.True, "ClassesEnsured")), true);
        assertThat(gone.removals()).containsExactly("a/storage/PersistentVolumeClaim/ns/c1");
        ledger.commit("a", gone);

        StatusLedger.Changes failure = ledger.diff("a", List.of(entry(null, ConditionStatus.False, "ClusterUnreachable")), false);
        assertThat(failure.removals()).isEmpty();
        assertThat(failure.publish().get(0).conditions().get(0).lastTransitionTime()).isEqualTo(now.get());
        ledger.commit("a", failure);
        assertThat(ledger.forget("a")).containsExactly("a/storage");
    }
}
