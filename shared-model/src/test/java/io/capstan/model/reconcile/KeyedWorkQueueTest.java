package io.capstan.model.reconcile;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The work queue's guarantees, proven with real threads; every wait is an Awaitility condition or a latch. */
class KeyedWorkQueueTest {

    static final Backoff FAST = new Backoff(Duration.ofMillis(10), Duration.ofMillis(40), 3);
    static final Duration QUIET = Duration.ofMillis(300);

    KeyedWorkQueue<String> queue;

    @AfterEach
    void close() {
        if (queue != null) {
            queue.close();
        }
    }

    /** Counts passes per key and detects two workers inside the same key. */
    static final class Recorder {
        final Map<String, AtomicInteger> inside = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> passes = new ConcurrentHashMap<>();
        final AtomicInteger overlaps = new AtomicInteger();

        void enter(String key) {
            if (inside.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            passes.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }

        void leave(String key) {
            inside.get(key).decrementAndGet();
        }

        int passes(String key) {
            AtomicInteger n = passes.get(key);
            return n == null ? 0 : n.get();
        }
    }

    static void awaitLatch(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("latch not released");
        }
    }

    @Test
    void neverTwoWorkersOnOneKeyUnderConcurrentAdds() throws Exception {
        Recorder rec = new Recorder();
        queue = new KeyedWorkQueue<>("overlap", 4, (key, attempt) -> {
            rec.enter(key);
            try {
                for (int i = 0; i < 2_000; i++) {
                    Thread.onSpinWait();
                }
                Thread.yield();
                return Reconciler.Result.DONE;
            } finally {
                rec.leave(key);
            }
        }, null, FAST, new SplittableRandom(1));
        Thread[] adders = new Thread[4];
        for (int t = 0; t < adders.length; t++) {
            adders[t] = new Thread(() -> {
                for (int round = 0; round < 200; round++) {
                    queue.add("k" + (round % 5));
                }
            });
            adders[t].start();
        }
        for (Thread t : adders) {
            t.join();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.depth() == 0);
        assertThat(rec.overlaps.get()).isZero();
        for (int k = 0; k < 5; k++) {
            assertThat(rec.passes("k" + k)).isPositive();
        }
        assertThat(queue.passes()).isLessThanOrEqualTo(800);
    }

    @Test
    void manyAddsWhileInFlightLeadToExactlyOneMorePass() throws Exception {
        Recorder rec = new Recorder();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        queue = new KeyedWorkQueue<>("dirty", 3, (key, attempt) -> {
            rec.enter(key);
            try {
                if (rec.passes(key) == 1) {
                    entered.countDown();
                    awaitLatch(release);
                }
                return Reconciler.Result.DONE;
            } finally {
                rec.leave(key);
            }
        }, null, FAST, new SplittableRandom(1));
        queue.add("alpha");
        awaitLatch(entered);
        for (int i = 0; i < 50; i++) {
            queue.add("alpha");
        }
        assertThat(queue.depth()).isEqualTo(1);
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> rec.passes("alpha") == 2);
        await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> rec.passes("alpha") == 2);
        assertThat(rec.overlaps.get()).isZero();
    }

    @Test
    void addsOfAQueuedKeyCollapseIntoOneEntry() throws Exception {
        Recorder rec = new Recorder();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        queue = new KeyedWorkQueue<>("collapse", 1, (key, attempt) -> {
            rec.enter(key);
            try {
                if (key.equals("blocker")) {
                    entered.countDown();
                    awaitLatch(release);
                }
                return Reconciler.Result.DONE;
            } finally {
                rec.leave(key);
            }
        }, null, FAST, new SplittableRandom(1));
        queue.add("blocker");
        awaitLatch(entered);
        for (int i = 0; i < 20; i++) {
            queue.add("x");
        }
        assertThat(queue.depth()).isEqualTo(2);
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> rec.passes("x") == 1);
        await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> rec.passes("x") == 1 && queue.depth() == 0);
    }

    @Test
    void transientFailuresAreRetriedWithBackoffAndReportedWithTheirAttempt() {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        List<String> reported = new CopyOnWriteArrayList<>();
        queue = new KeyedWorkQueue<>("retry", 2, (key, attempt) -> {
            seen.add(attempt);
            if (seen.size() == 1) {
                throw new IllegalStateException("API server did not answer");
            }
            if (seen.size() == 2) {
                throw ReconcileException.transientError("Conflict", "409", null);
            }
            return Reconciler.Result.DONE;
        }, (key, attempt, error) -> reported.add(key + "#" + attempt + ":" + error.kind() + ":" + error.reason()),
                FAST, new SplittableRandom(1));
        queue.add("alpha");
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 3);
        assertThat(seen).containsExactly(1, 2, 3);
        assertThat(reported).containsExactly("alpha#1:TRANSIENT:ReconcileError", "alpha#2:TRANSIENT:Conflict");
        assertThat(queue.failures()).isEqualTo(2);
        await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> seen.size() == 3);

        queue.add("alpha");
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 4);
        assertThat(seen.get(3)).as("a success resets the attempt count").isEqualTo(1);
    }

    @Test
    void aTerminalFailureIsRetriedOnlyAtTheSlowRate() {
        Backoff slow = new Backoff(Duration.ofMillis(5), Duration.ofMillis(600), 2);
        List<Long> at = new CopyOnWriteArrayList<>();
        List<ReconcileException.Kind> kinds = new CopyOnWriteArrayList<>();
        queue = new KeyedWorkQueue<>("terminal", 1, (key, attempt) -> {
            at.add(System.nanoTime());
            if (at.size() == 1) {
                throw ReconcileException.terminal("InvalidProfile", "spec.storage.classes[0] has no provisioner");
            }
            return Reconciler.Result.DONE;
        }, (key, attempt, error) -> kinds.add(error.kind()), slow, new SplittableRandom(1));
        queue.add("alpha");
        await().atMost(Duration.ofSeconds(5)).until(() -> at.size() == 2);
        assertThat(Duration.ofNanos(at.get(1) - at.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(kinds).containsExactly(ReconcileException.Kind.TERMINAL);
    }

    @Test
    void requeueAfterRunsTheKeyAgainLater() {
        List<Long> at = new CopyOnWriteArrayList<>();
        queue = new KeyedWorkQueue<>("requeue", 1, (key, attempt) -> {
            at.add(System.nanoTime());
            return at.size() == 1 ? Reconciler.Result.requeueAfter(Duration.ofMillis(150)) : Reconciler.Result.DONE;
        }, null, FAST, new SplittableRandom(1));
        queue.add("cert");
        await().atMost(Duration.ofSeconds(5)).until(() -> at.size() == 2);
        assertThat(Duration.ofNanos(at.get(1) - at.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> at.size() == 2);
    }

    @Test
    void forgetDropsQueuedKeysOfThatPredicateOnly() throws Exception {
        Recorder rec = new Recorder();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        queue = new KeyedWorkQueue<>("forget", 1, (key, attempt) -> {
            rec.enter(key);
            try {
                if (key.equals("gamma/blocker")) {
                    entered.countDown();
                    awaitLatch(release);
                }
                return Reconciler.Result.DONE;
            } finally {
                rec.leave(key);
            }
        }, null, FAST, new SplittableRandom(1));
        queue.add("gamma/blocker");
        awaitLatch(entered);
        queue.add("alpha/a");
        queue.add("alpha/b");
        queue.add("beta/c");
        queue.forget(k -> k.startsWith("alpha/"));
        assertThat(queue.depth()).isEqualTo(2);
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> rec.passes("beta/c") == 1);
        await().during(QUIET).atMost(QUIET.multipliedBy(3))
                .until(() -> rec.passes("alpha/a") == 0 && rec.passes("alpha/b") == 0);
    }

    @Test
    void forgetAlsoDropsTheFailureCount() {
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        Backoff slow = new Backoff(Duration.ofSeconds(30), Duration.ofSeconds(30), 1);
        queue = new KeyedWorkQueue<>("forget-failures", 1, (key, attempt) -> {
            attempts.add(attempt);
            if (attempts.size() == 1) {
                throw new IllegalStateException("boom");
            }
            return Reconciler.Result.DONE;
        }, null, slow, new SplittableRandom(1));
        queue.add("alpha");
        await().atMost(Duration.ofSeconds(5)).until(() -> queue.failures() == 1);
        queue.forget(k -> true);
        queue.add("alpha");
        await().atMost(Duration.ofSeconds(5)).until(() -> attempts.size() == 2);
        assertThat(attempts).containsExactly(1, 1);
    }

    @Test
    void aForgottenKeyThatFailsInFlightIsNotRetried() throws Exception {
        Recorder rec = new Recorder();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        queue = new KeyedWorkQueue<>("forget-in-flight", 1, (key, attempt) -> {
            rec.enter(key);
            try {
                if (rec.passes(key) == 1) {
                    entered.countDown();
                    awaitLatch(release);
                    throw new IllegalStateException("partition revoked mid-pass");
                }
                return Reconciler.Result.DONE;
            } finally {
                rec.leave(key);
            }
        }, null, FAST, new SplittableRandom(1));
        queue.add("alpha/x");
        awaitLatch(entered);
        queue.forget(k -> k.startsWith("alpha/"));
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> queue.failures() == 1);
        await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> rec.passes("alpha/x") == 1);
    }

    @Test
    void forgetCancelsAPendingRetry() {
        Recorder rec = new Recorder();
        Backoff retryIn400ms = new Backoff(Duration.ofMillis(400), Duration.ofMillis(400), 1);
        queue = new KeyedWorkQueue<>("forget-retry", 1, (key, attempt) -> {
            rec.enter(key);
            rec.leave(key);
            throw new IllegalStateException("unreachable");
        }, null, retryIn400ms, new SplittableRandom(1));
        queue.add("alpha/x");
        await().atMost(Duration.ofSeconds(5)).until(() -> queue.failures() == 1);
        queue.forget(k -> k.startsWith("alpha/"));
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(() -> rec.passes("alpha/x") == 1);
    }

    @Test
    void resyncAddsEveryKnownKeyPeriodically() {
        Recorder rec = new Recorder();
        queue = new KeyedWorkQueue<>("resync", 2, (key, attempt) -> {
            rec.enter(key);
            rec.leave(key);
            return Reconciler.Result.DONE;
        }, null, FAST, new SplittableRandom(1));
        queue.resyncEvery(Duration.ofMillis(30), () -> List.of("alpha", "beta"));
        await().atMost(Duration.ofSeconds(5)).until(() -> rec.passes("alpha") >= 3 && rec.passes("beta") >= 3);
    }

    @Test
    void closeStopsWorkersAndTimersAndIgnoresLaterAdds() {
        Recorder rec = new Recorder();
        queue = new KeyedWorkQueue<>("closing", 2, (key, attempt) -> {
            rec.enter(key);
            rec.leave(key);
            return Reconciler.Result.DONE;
        }, null, FAST, new SplittableRandom(1));
        queue.add("alpha");
        await().atMost(Duration.ofSeconds(5)).until(() -> rec.passes("alpha") == 1);
        queue.addAfter("beta", Duration.ofMillis(100));
        queue.close();
        queue.add("alpha");
        queue.addAfter("gamma", Duration.ofMillis(10));
        await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("closing-") && t.isAlive()));
        assertThat(rec.passes("alpha")).isEqualTo(1);
        assertThat(rec.passes("beta")).isZero();
        assertThat(rec.passes("gamma")).isZero();
        assertThat(queue.depth()).isZero();
    }

    @Test
    void aBadConstructionIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new KeyedWorkQueue<String>("x", 0,
                        (k, a) -> Reconciler.Result.DONE, null, FAST, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anErrorThrownByOnePassFailsThatKeyButNeverKillsTheWorker() {
        AtomicInteger alphaPasses = new AtomicInteger();
        List<String> reported = new CopyOnWriteArrayList<>();
        queue = new KeyedWorkQueue<>("linkage", 1, (key, attempt) -> {
            if (key.equals("alpha") && alphaPasses.incrementAndGet() == 1) {
                throw new NoSuchMethodError("a class from a half-deployed jar");
            }
            return Reconciler.Result.DONE;
        }, (key, attempt, error) -> reported.add(key + "#" + attempt + ":" + error.kind()), FAST, new SplittableRandom(3));
        queue.add("alpha");
        // the only worker survived the Error: alpha is retried and another key still runs
        await().atMost(Duration.ofSeconds(5)).until(() -> alphaPasses.get() == 2);
        queue.add("beta");
        await().atMost(Duration.ofSeconds(5)).until(() -> queue.passes() == 3);
        assertThat(reported).containsExactly("alpha#1:TRANSIENT");
    }
}
