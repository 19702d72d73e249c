package io.capstan.orchestrator.deletion;

import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.orchestrator.status.ComponentStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Pure: when may a deleted cluster be forgotten. */
class FinalizeRuleTest {

    static final Instant ASKED = Instant.parse("2026-12-01T12:00:00Z");
    static final Duration TIMEOUT = Duration.ofMinutes(2);
    static final List<String> EXPECTED = List.of("cluster-watcher", "storage");

    static ComponentStatus finalized(long gen) {
        return new ComponentStatus(List.of(new Condition("Finalized", ConditionStatus.True, "CleanedUp", "", ASKED, gen)), gen, ASKED);
    }

    @Test
    void waitsUntilEveryExpectedComponentFinalizedAtTheDeletionGeneration() {
        assertThat(FinalizeRule.decide(2, ASKED, Map.of("storage", finalized(2)), EXPECTED, ASKED.plusSeconds(5), TIMEOUT))
                .isEqualTo(FinalizeRule.Decision.WAIT);
        assertThat(FinalizeRule.decide(2, ASKED, Map.of("storage", finalized(2), "cluster-watcher", finalized(1)), EXPECTED,
                ASKED.plusSeconds(5), TIMEOUT)).isEqualTo(FinalizeRule.Decision.WAIT);
        assertThat(FinalizeRule.decide(2, ASKED, Map.of("storage", finalized(2), "cluster-watcher", finalized(2)), EXPECTED,
                ASKED.plusSeconds(5), TIMEOUT)).isEqualTo(FinalizeRule.Decision.FINALIZED);
    }

    @Test
    void givesUpAfterTheTimeout() {
        assertThat(FinalizeRule.decide(2, ASKED, Map.of(), EXPECTED, ASKED.plus(TIMEOUT).minusMillis(1), TIMEOUT))
                .isEqualTo(FinalizeRule.Decision.WAIT);
        assertThat(FinalizeRule.decide(2, ASKED, Map.of(), EXPECTED, ASKED.plus(TIMEOUT), TIMEOUT))
                .isEqualTo(FinalizeRule.Decision.TIMED_OUT);
    }

    @Test
    void namesTheComponentsThatHaveNotFinalizedAtTheDeletionGenerationInConfiguredOrder() {
        assertThat(FinalizeRule.unfinalized(2, Map.of(), EXPECTED)).containsExactly("cluster-watcher", "storage");
        assertThat(FinalizeRule.unfinalized(2, Map.of("storage", finalized(2), "cluster-watcher", finalized(1)), EXPECTED))
                .containsExactly("cluster-watcher");
        assertThat(FinalizeRule.unfinalized(2, Map.of("storage", finalized(3), "cluster-watcher", finalized(2)), EXPECTED))
                .isEmpty();
        ComponentStatus notYet = new ComponentStatus(List.of(new Condition("Finalized", ConditionStatus.False, "Cleaning", "", ASKED, 2)), 2, ASKED);
        assertThat(FinalizeRule.unfinalized(2, Map.of("storage", notYet, "cluster-watcher", finalized(2)), EXPECTED))
                .containsExactly("storage");
    }
}
