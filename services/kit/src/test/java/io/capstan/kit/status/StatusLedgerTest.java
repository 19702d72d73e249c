package io.capstan.kit.status;

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

    private static final String COMPONENT = "demo";

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
        StatusLedger ledger = new StatusLedger(COMPONENT, clock);
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
        assertThat(gone.removals()).containsExactly("a/demo/PersistentVolumeClaim/ns/c1");
        ledger.commit("a", gone);

        StatusLedger.Changes failure = ledger.diff("a", List.of(entry(null, ConditionStatus.False, "ClusterUnreachable")), false);
        assertThat(failure.removals()).isEmpty();
        assertThat(failure.publish().get(0).conditions().get(0).lastTransitionTime()).isEqualTo(now.get());
        ledger.commit("a", failure);
        assertThat(ledger.forget("a")).containsExactly("a/demo");
    }

    /** What a previous lifecycle left on capstan.status, read back (JSON round trip) for the seed. */
    private static List<StatusEvent> readBack(List<StatusEvent> published) {
        return published.stream().map(e -> io.capstan.model.event.Json.read(io.capstan.model.event.Json.write(e), StatusEvent.class)).toList();
    }

    @Test
    void aSeededLedgerPublishesNothingForTheSameReportAfterARestart() {
        StatusLedger before = new StatusLedger(COMPONENT, clock);
        List<StatusEntry> report = List.of(entry(null, ConditionStatus.True, "ClassesEnsured"), entry("c1", ConditionStatus.False, "Provisioning"));
        StatusLedger.Changes first = before.diff("a", report, true);
        before.commit("a", first);

        now.set(now.get().plusSeconds(3600));
        StatusLedger restarted = new StatusLedger(COMPONENT, clock);
        assertThat(restarted.diff("a", report, true).publish()).as("unseeded: everything once more").hasSize(2);
        restarted.seed(c -> c.equals("a"), readBack(first.publish()));
        assertThat(restarted.diff("a", report, true).isEmpty()).as("seeded: no duplicate").isTrue();
    }

    @Test
    void aSeededKeyOfAnObjectThatVanishedWhileDownIsTombstoned() {
        StatusLedger before = new StatusLedger(COMPONENT, clock);
        StatusLedger.Changes first = before.diff("a", List.of(entry(null, ConditionStatus.True, "ClassesEnsured"),
                entry("gone", ConditionStatus.False, "Provisioning")), true);
        StatusLedger restarted = new StatusLedger(COMPONENT, clock);
        restarted.seed(c -> true, readBack(first.publish()));
        StatusLedger.Changes after = restarted.diff("a", List.of(entry(null, ConditionStatus.True, "ClassesEnsured")), true);
        assertThat(after.publish()).isEmpty();
        assertThat(after.removals()).containsExactly("a/demo/PersistentVolumeClaim/ns/gone");
        restarted.commit("a", after);
        assertThat(restarted.forget("a")).containsExactly("a/demo");
    }

    @Test
    void aChangedReasonAfterARestartKeepsTheSeededTransitionTimeWhenTheStatusIsTheSame() {
        Instant published = now.get();
        StatusLedger before = new StatusLedger(COMPONENT, clock);
        StatusLedger.Changes first = before.diff("a", List.of(entry("c1", ConditionStatus.False, "Provisioning")), false);

        now.set(now.get().plusSeconds(3600));
        StatusLedger restarted = new StatusLedger(COMPONENT, clock);
        restarted.seed(c -> c.equals("a"), readBack(first.publish()));
        StatusLedger.Changes changed = restarted.diff("a", List.of(entry("c1", ConditionStatus.False, "ProvisionerNotFound")), false);
        assertThat(changed.publish()).singleElement().satisfies(e -> {
            assertThat(e.conditions().get(0).reason()).isEqualTo("ProvisionerNotFound");
            assertThat(e.conditions().get(0).lastTransitionTime()).as("status did not flip").isEqualTo(published);
        });
        StatusLedger.Changes flipped = restarted.diff("a", List.of(entry("c1", ConditionStatus.True, "Bound")), false);
        assertThat(flipped.publish().get(0).conditions().get(0).lastTransitionTime()).isEqualTo(now.get());
    }

    @Test
    void theSeedIgnoresOtherComponentsAndUncoveredClustersAndReplacesWhatItCovers() {
        StatusLedger ledger = new StatusLedger(COMPONENT, clock);
        ledger.commit("a", ledger.diff("a", List.of(entry("stale", ConditionStatus.True, "Bound")), false));
        StatusEvent watcher = new StatusEvent("a", "cluster-watcher", null, 1, now.get(),
                List.of(Condition.of("Ready", ConditionStatus.True, "Watching", "")), null);
        StatusEvent other = new StatusEvent("b", COMPONENT, null, 1, now.get(),
                List.of(Condition.of("Ready", ConditionStatus.True, "ClassesEnsured", "")), null);
        ledger.seed(c -> c.equals("a"), List.of(watcher, other));
        assertThat(ledger.last("a", "a/demo/PersistentVolumeClaim/ns/stale")).as("replaced by the seed").isEmpty();
        assertThat(ledger.last("a", "a/cluster-watcher")).isEmpty();
        assertThat(ledger.last("b", "b/demo")).as("not covered").isEmpty();

        ledger.seed(c -> true, List.of(other));
        ledger.drop(c -> c.equals("b"));
        assertThat(ledger.last("b", "b/demo")).as("dropped on revocation").isEmpty();
    }

    @Test
    void theComponentEntryIsRepublishedUnchangedOnceItsHeartbeatIsDueButObjectEntriesAreNot() {
        StatusLedger ledger = new StatusLedger(COMPONENT, clock, java.time.Duration.ofSeconds(60));
        Instant t0 = now.get();
        List<StatusEntry> report = List.of(entry(null, ConditionStatus.True, "ClassesEnsured"),
                entry("c1", ConditionStatus.False, "Provisioning"));
        StatusLedger.Changes first = ledger.diff("a", report, true);
        ledger.commit("a", first);
        StatusEvent published = ledger.last("a", "a/demo").orElseThrow();

        now.set(t0.plusSeconds(59));
        assertThat(ledger.diff("a", report, true).isEmpty()).as("before the heartbeat: nothing").isTrue();

        now.set(t0.plusSeconds(60));
        StatusLedger.Changes beat = ledger.diff("a", report, true);
        assertThat(beat.removals()).isEmpty();
        assertThat(beat.publish()).as("only the component entry, once").singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("a/demo");
            assertThat(e.observedAt()).isEqualTo(t0.plusSeconds(60));
            assertThat(e.conditions()).as("identical conditions, lastTransitionTime kept").isEqualTo(published.conditions());
            assertThat(e.conditions().get(0).lastTransitionTime()).isEqualTo(t0);
            assertThat(e.observedGeneration()).isEqualTo(published.observedGeneration());
        });
        ledger.commit("a", beat);

        now.set(t0.plusSeconds(61));
        assertThat(ledger.diff("a", report, true).isEmpty()).as("the heartbeat restarts from the republication").isTrue();
        now.set(t0.plusSeconds(120));
        assertThat(ledger.diff("a", report, true).publish()).singleElement()
                .satisfies(e -> assertThat(e.key()).isEqualTo("a/demo"));
    }

    @Test
    void removeTombstonesOnlyKeysThatWerePublished() {
        StatusLedger ledger = new StatusLedger(COMPONENT, clock);
        ledger.commit("a", ledger.diff("a", List.of(entry(null, ConditionStatus.True, "Ok"),
                entry("c1", ConditionStatus.True, "Bound")), true));
        StatusLedger.Changes gone = ledger.remove("a", List.of(new StatusEvent.Subject("v1", "PersistentVolumeClaim", "ns", "c1"),
                new StatusEvent.Subject("v1", "PersistentVolumeClaim", "ns", "never")));
        assertThat(gone.publish()).isEmpty();
        assertThat(gone.removals()).containsExactly("a/demo/PersistentVolumeClaim/ns/c1");
        ledger.commit("a", gone);
        assertThat(ledger.last("a", new StatusEvent.Subject("v1", "PersistentVolumeClaim", "ns", "c1"))).isEmpty();
        assertThat(ledger.entries("a")).extracting(StatusEvent::key).containsExactly("a/demo");
    }

    @Test
    void aLedgerRejectsANonPositiveHeartbeat() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StatusLedger(COMPONENT, clock, java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
