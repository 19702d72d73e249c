package io.capstan.model.reconcile;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A keyed work queue with the guarantees of client-go's {@code workqueue}: at most one worker per key at a time; a key
 * added while queued collapses into the queued entry; a key added while in flight is run once more after the
 * current pass. Failures are retried with {@link Backoff}; a {@link ReconcileException.Kind#TERMINAL} failure is
 * retried only at {@link Backoff#max()}. A periodic resync adds every known key.
 *
 * <p>Thread-safe. Workers are platform daemon threads named {@code <name>-worker-N}.
 *
 * @param <K> the key type, with value equality
 */
public final class KeyedWorkQueue<K> implements AutoCloseable {

    private final String name;
    private final Reconciler<K> reconciler;
    private final Reconciler.FailureListener<K> failureListener;
    private final Backoff backoff;
    private final RandomGenerator random;
    private final ScheduledExecutorService timers;
    private final Thread[] workers;

    private final Object lock = new Object();
    private final ArrayDeque<K> ready = new ArrayDeque<>();
    private final Set<K> queued = new HashSet<>();
    private final Set<K> inFlight = new HashSet<>();
    private final Set<K> dirty = new HashSet<>();
    private final Map<K, Integer> failures = new HashMap<>();
    /** Live delayed adds (retries, requeues) per key; {@link #forget} drops them. */
    private final Map<K, Set<Object>> delayed = new HashMap<>();
    /** In-flight keys forgotten during their pass: the pass finishes but schedules no retry or requeue. */
    private final Set<K> forgottenInFlight = new HashSet<>();
    private volatile boolean closed;

    private final AtomicLong passes = new AtomicLong();
    private final AtomicLong failuresTotal = new AtomicLong();

    /**
     * Starts the workers.
     *
     * @param name            prefix of thread names and of log lines
     * @param workers         number of worker threads, at least 1
     * @param reconciler      the pass to run per key
     * @param failureListener told about every failure (may publish {@code Ready=False})
     * @param backoff         retry policy
     * @param random          jitter source
     */
    public KeyedWorkQueue(String name, int workers, Reconciler<K> reconciler,
                          Reconciler.FailureListener<K> failureListener, Backoff backoff, RandomGenerator random) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1");
        }
        this.name = Objects.requireNonNull(name, "name");
        this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
        this.failureListener = failureListener == null ? (k, a, e) -> { } : failureListener;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.random = Objects.requireNonNull(random, "random");
        this.timers = Executors.newSingleThreadScheduledExecutor(daemon(name + "-timer"));
        this.workers = new Thread[workers];
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(this::work, name + "-worker-" + i);
            t.setDaemon(true);
            this.workers[i] = t;
            t.start();
        }
    }

    /** Adds a key now; collapses with a queued entry, or marks an in-flight key for one more pass. */
    public void add(K key) {
        Objects.requireNonNull(key, "key");
        synchronized (lock) {
            if (closed) {
                return;
            }
            forgottenInFlight.remove(key);
            if (inFlight.contains(key)) {
                dirty.add(key);
                return;
            }
            if (queued.add(key)) {
                ready.addLast(key);
                lock.notifyAll();
            }
        }
    }

    /** Adds a key after {@code delay}; a zero or negative delay adds it now. */
    public void addAfter(K key, Duration delay) {
        if (delay == null || delay.isZero() || delay.isNegative()) {
            add(key);
            return;
        }
        Object token = new Object();
        synchronized (lock) {
            if (closed) {
                return;
            }
            delayed.computeIfAbsent(key, k -> new HashSet<>()).add(token);
        }
        try {
            timers.schedule(() -> fire(key, token), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closedMeanwhile) {
            // close() won the race: nothing runs any more
        }
    }

    private void fire(K key, Object token) {
        synchronized (lock) {
            Set<Object> tokens = delayed.get(key);
            if (tokens == null || !tokens.remove(token)) {
                return; // forgotten since
            }
            if (tokens.isEmpty()) {
                delayed.remove(key);
            }
        }
        add(key);
    }

    /**
     * Adds every key that {@code keys} supplies, every {@code period} (the periodic resync that catches anything an
     * event missed).
     */
    public void resyncEvery(Duration period, Supplier<? extends Collection<K>> keys) {
        timers.scheduleWithFixedDelay(() -> {
            try {
                keys.get().forEach(this::add);
            } catch (RuntimeException e) {
                System.getLogger(name).log(System.Logger.Level.WARNING, "resync listing failed: " + e.getMessage());
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Drops queued keys that match (for example the clusters of a partition this replica no longer owns), their
     * pending retries and requeues, and their failure counts. An in-flight pass finishes; it is not run again, even
     * when it fails or asks for a requeue. A later {@link #add} brings a key back.
     */
    public void forget(Predicate<K> which) {
        synchronized (lock) {
            ready.removeIf(which);
            queued.removeIf(which);
            dirty.removeIf(which);
            failures.keySet().removeIf(which);
            delayed.keySet().removeIf(which);
            for (K k : inFlight) {
                if (which.test(k)) {
                    forgottenInFlight.add(k);
                }
            }
        }
    }

    /** Keys waiting or in flight. */
    public int depth() {
        synchronized (lock) {
            return queued.size() + inFlight.size();
        }
    }

    /** Passes run so far, successful or not. */
    public long passes() {
        return passes.get();
    }

    /** Failed passes so far. */
    public long failures() {
        return failuresTotal.get();
    }

    private void work() {
        while (true) {
            K key;
            synchronized (lock) {
                while (ready.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                key = ready.pollFirst();
                queued.remove(key);
                inFlight.add(key);
            }
            run(key);
            synchronized (lock) {
                inFlight.remove(key);
                forgottenInFlight.remove(key);
                if (dirty.remove(key) && queued.add(key)) {
                    ready.addLast(key);
                    lock.notifyAll();
                }
            }
        }
    }

    private void run(K key) {
        int attempt;
        synchronized (lock) {
            attempt = failures.getOrDefault(key, 0) + 1;
        }
        passes.incrementAndGet();
        try {
            Reconciler.Result result = reconciler.reconcile(key, attempt);
            boolean forgotten;
            synchronized (lock) {
                failures.remove(key);
                forgotten = forgottenInFlight.contains(key);
            }
            if (!forgotten && result != null && result.requeueAfter() != null) {
                addAfter(key, result.requeueAfter());
            }
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError e) {
                // out of memory or a broken VM: nothing a retry can mend, and the worker must not hide it
                throw e;
            }
            // Any other Error (a LinkageError from a half-deployed jar, a StackOverflowError in one pass) fails this
            // key like an exception: a worker thread never dies, so one bad pass cannot shrink the pool for good.
            failuresTotal.incrementAndGet();
            ReconcileException error = t instanceof ReconcileException re ? re
                    : ReconcileException.transientError("ReconcileError", String.valueOf(t.getMessage()), t);
            boolean forgotten;
            synchronized (lock) {
                forgotten = forgottenInFlight.contains(key);
                if (!forgotten) {
                    failures.put(key, attempt);
                }
            }
            try {
                failureListener.failed(key, attempt, error);
            } catch (RuntimeException listenerError) {
                System.getLogger(name).log(System.Logger.Level.WARNING, "failure listener threw: " + listenerError);
            }
            if (!forgotten) {
                Duration delay = error.kind() == ReconcileException.Kind.TERMINAL ? backoff.max() : backoff.delay(attempt, random);
                addAfter(key, delay);
            }
        }
    }

    /** Stops the workers and timers; queued keys are dropped. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        timers.shutdownNow();
        for (Thread t : workers) {
            t.interrupt();
        }
    }

    private static ThreadFactory daemon(String threadName) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, threadName + (n.getAndIncrement() == 0 ? "" : "-" + n.get()));
            t.setDaemon(true);
            return t;
        };
    }
}
