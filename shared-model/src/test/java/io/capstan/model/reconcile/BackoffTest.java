package io.capstan.model.reconcile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    static final Backoff B = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), 5);

    /** A random source that always answers its lowest or highest value. */
    static RandomGenerator fixed(boolean highest) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return highest ? bound - 1 : 0;
            }
        };
    }

    @ParameterizedTest(name = "attempt {0}: [{1}, {2}] ms")
    @CsvSource({"1, 100, 200", "2, 200, 400", "3, 400, 800", "6, 3200, 6400", "7, 5000, 10000", "8, 5000, 10000",
            "60, 5000, 10000", "0, 100, 200", "-3, 100, 200"})
    void theDelayIsDrawnFromHalfToAllOfTheCappedExponential(int attempt, long low, long high) {
        assertThat(B.delay(attempt, fixed(false))).isEqualTo(Duration.ofMillis(low));
        assertThat(B.delay(attempt, fixed(true))).isEqualTo(Duration.ofMillis(high));
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 1000; i++) {
            assertThat(B.delay(attempt, random).toMillis()).isBetween(low, high);
        }
    }

    @Test
    void theDelayNeverExceedsTheCeilingEvenForHugeAttempts() {
        Backoff b = new Backoff(Duration.ofMillis(1), Duration.ofDays(1), 1);
        assertThat(b.delay(Integer.MAX_VALUE, fixed(true))).isEqualTo(Duration.ofDays(1));
        assertThat(Backoff.DEFAULT.delay(1000, fixed(true))).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void exhaustedOnceTheAttemptsReachTheBound() {
        assertThat(B.exhausted(4)).isFalse();
        assertThat(B.exhausted(5)).isTrue();
        assertThat(B.exhausted(6)).isTrue();
    }

    @Test
    void anInconsistentPolicyIsRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(null, Duration.ofSeconds(1), 1)).isInstanceOf(NullPointerException.class);
    }
}
