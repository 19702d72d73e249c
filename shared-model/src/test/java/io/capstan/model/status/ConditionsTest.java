package io.capstan.model.status;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionsTest {

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void aNewConditionIsStampedWithNowAndTheGeneration() {
        MutableClock clock = new MutableClock(T0);
        List<Condition> out = Conditions.set(List.of(), Condition.of("Ready", ConditionStatus.False, "Pending", ""), 1, clock);
        assertThat(out).singleElement().satisfies(c -> {
            assertThat(c.lastTransitionTime()).isEqualTo(T0);
            assertThat(c.observedGeneration()).isEqualTo(1);
        });
    }

    @Test
    void theTransitionTimeIsKeptWhenOnlyReasonMessageOrGenerationChange() {
        MutableClock clock = new MutableClock(T0);
        List<Condition> first = Conditions.set(List.of(), Condition.of("Ready", ConditionStatus.False, "Pending", "a"), 1, clock);
        clock.advance(Duration.ofMinutes(5));
        List<Condition> second = Conditions.set(first, Condition.of("Ready", ConditionStatus.False, "Waiting", "b"), 2, clock);
        Condition c = Conditions.find(second, "Ready").orElseThrow();
        assertThat(c.lastTransitionTime()).isEqualTo(T0);
        assertThat(c.reason()).isEqualTo("Waiting");
        assertThat(c.message()).isEqualTo("b");
        assertThat(c.observedGeneration()).isEqualTo(2);
    }

    @Test
    void theTransitionTimeMovesWhenTheStatusFlips() {
        MutableClock clock = new MutableClock(T0);
        List<Condition> first = Conditions.set(List.of(), Condition.of("Ready", ConditionStatus.False, "Pending", ""), 1, clock);
        clock.advance(Duration.ofMinutes(5));
        List<Condition> second = Conditions.set(first, Condition.of("Ready", ConditionStatus.True, "Done", ""), 1, clock);
        assertThat(Conditions.find(second, "Ready").orElseThrow().lastTransitionTime()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void anUnstampedExistingConditionGetsNow() {
        MutableClock clock = new MutableClock(T0);
        List<Condition> current = List.of(Condition.of("Ready", ConditionStatus.True, "Done", ""));
        assertThat(Conditions.set(current, Condition.of("Ready", ConditionStatus.True, "Done", ""), 1, clock).get(0)
                .lastTransitionTime()).isEqualTo(T0);
    }

    @Test
    void otherConditionsAndOrderAreKeptAndTheInputIsNotChanged() {
        MutableClock clock = new MutableClock(T0);
        List<Condition> current = new ArrayList<>(Conditions.set(List.of(), Condition.of("Ready", ConditionStatus.True, "Done", ""), 1, clock));
        current = new ArrayList<>(Conditions.set(current, Condition.of("Finalized", ConditionStatus.False, "Active", ""), 1, clock));
        List<Condition> snapshot = List.copyOf(current);
        clock.advance(Duration.ofHours(1));
        List<Condition> out = Conditions.set(current, Condition.of("Ready", ConditionStatus.False, "Broken", ""), 2, clock);
        assertThat(out).extracting(Condition::type).containsExactly("Ready", "Finalized");
        assertThat(out.get(1)).isEqualTo(snapshot.get(1));
        assertThat(current).isEqualTo(snapshot);
        assertThat(Conditions.isTrue(out, "Ready")).isFalse();
        assertThat(Conditions.isTrue(snapshot, "Ready")).isTrue();
        assertThat(Conditions.isTrue(out, "Missing")).isFalse();
    }

    @Test
    void equivalentComparesWithoutOrderOrTime() {
        Condition ready = new Condition("Ready", ConditionStatus.True, "Done", "", T0, 1);
        Condition fin = new Condition("Finalized", ConditionStatus.False, "Active", "", T0, 1);
        Condition readyLater = new Condition("Ready", ConditionStatus.True, "Done", "", T0.plusSeconds(60), 1);
        assertThat(Conditions.equivalent(List.of(ready, fin), List.of(fin, readyLater))).isTrue();
        assertThat(Conditions.equivalent(List.of(ready), List.of(ready, fin))).isFalse();
        assertThat(Conditions.equivalent(List.of(ready), List.of(new Condition("Ready", ConditionStatus.True, "Done", "", T0, 2)))).isFalse();
        assertThat(Conditions.equivalent(List.of(ready, fin), List.of(ready, ready))).isFalse();
        assertThat(Conditions.equivalent(List.of(), List.of())).isTrue();
    }
}
