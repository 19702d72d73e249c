package io.capstan.model.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConditionTest {

    @ParameterizedTest
    @ValueSource(strings = {"ready", "Not camel", "Ready!", "", "1Ready", "Ready-Now"})
    void aTypeThatIsNotCamelCaseIsRefused(String type) {
        assertThatThrownBy(() -> Condition.of(type, ConditionStatus.True, "Done", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type must be CamelCase");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not camel", "cleanedUp", "Cleaned_Up", ""})
    void aReasonThatIsNotCamelCaseIsRefused(String reason) {
        assertThatThrownBy(() -> Condition.of("Ready", ConditionStatus.True, reason, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason must be CamelCase");
    }

    @Test
    void typeStatusAndReasonAreRequiredAndMessageDefaultsToEmpty() {
        assertThatThrownBy(() -> Condition.of(null, ConditionStatus.True, "Done", "")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Condition.of("Ready", null, "Done", "")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Condition.of("Ready", ConditionStatus.True, null, "")).isInstanceOf(NullPointerException.class);
        assertThat(Condition.of("Ready", ConditionStatus.True, "Done", null).message()).isEmpty();
        assertThat(Condition.of("ClusterReachable", ConditionStatus.Unknown, "V2Probe", "x").type()).isEqualTo("ClusterReachable");
    }

    @Test
    void sameAsIgnoresOnlyTheTransitionTime() {
        Condition a = new Condition("Ready", ConditionStatus.True, "Done", "m", Instant.EPOCH, 2);
        assertThat(a.sameAs(new Condition("Ready", ConditionStatus.True, "Done", "m", Instant.now(), 2))).isTrue();
        assertThat(a.sameAs(new Condition("Ready", ConditionStatus.False, "Done", "m", Instant.EPOCH, 2))).isFalse();
        assertThat(a.sameAs(new Condition("Ready", ConditionStatus.True, "Other", "m", Instant.EPOCH, 2))).isFalse();
        assertThat(a.sameAs(new Condition("Ready", ConditionStatus.True, "Done", "n", Instant.EPOCH, 2))).isFalse();
        assertThat(a.sameAs(new Condition("Ready", ConditionStatus.True, "Done", "m", Instant.EPOCH, 3))).isFalse();
        assertThat(a.sameAs(null)).isFalse();
    }
}
