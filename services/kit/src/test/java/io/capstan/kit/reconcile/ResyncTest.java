package io.capstan.kit.reconcile;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Pure test of the resync period. */
class ResyncTest {

    @Test
    void theResyncRunsAtLeastEveryHalfHeartbeat() {
        assertThat(Resync.period(Duration.ofSeconds(60), Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(30));
        assertThat(Resync.period(Duration.ofSeconds(10), Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(10));
        assertThat(Resync.period(Duration.ofSeconds(10), null)).as("no heartbeat").isEqualTo(Duration.ofSeconds(10));
    }
}
