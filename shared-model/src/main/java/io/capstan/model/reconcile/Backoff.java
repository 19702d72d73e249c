package io.capstan.model.reconcile;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter" (AWS Architecture Blog, "Exponential Backoff and Jitter"): the delay of
 * attempt {@code n} (1-based) is drawn uniformly from {@code [d/2, d]} where {@code d = min(max, base * 2^(n-1))}.
 * Pure: the random source is injected.
 *
 * @param base        delay of the first retry, positive
 * @param max         ceiling of any delay, at least {@code base}
 * @param giveUpAfter after this many failed attempts a reconciler reports {@code Ready=False} and keeps retrying at
 *                    {@code max}
 */
public record Backoff(Duration base, Duration max, int giveUpAfter) {

    /** 200 ms doubling to 5 min; report after 5 failures. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(200), Duration.ofMinutes(5), 5);

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0 || giveUpAfter < 1) {
            throw new IllegalArgumentException("backoff needs 0 < base <= max and giveUpAfter >= 1");
        }
    }

    /** Delay before retry number {@code attempt} (1-based), with jitter drawn from {@code random}. */
    public Duration delay(int attempt, RandomGenerator random) {
        long baseMs = base.toMillis();
        long maxMs = max.toMillis();
        int shift = Math.min(Math.max(attempt, 1) - 1, 40);
        long d = baseMs > (maxMs >> shift) ? maxMs : Math.min(maxMs, baseMs << shift);
        long half = d / 2;
        return Duration.ofMillis(half + (d - half == 0 ? 0 : random.nextLong(d - half + 1)));
    }

    /** True once {@code attempt} failures call for reporting the error in status. */
    public boolean exhausted(int attempt) {
        return attempt >= giveUpAfter;
    }
}
