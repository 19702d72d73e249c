package io.capstan.kit.reconcile;

import java.time.Duration;
import java.util.Objects;

/** The period of a service's periodic resync (every owned key enqueued again, catching anything an event missed). */
public final class Resync {

    private Resync() {
    }

    /**
     * {@code min(resyncInterval, heartbeat / 2)}: an unchanged component entry, republished by the first pass after it
     * is {@code heartbeat} old ({@link io.capstan.kit.status.StatusLedger}), is then never older than 1.5 times the
     * heartbeat, which must stay well below the orchestrator's {@code capstan.status.stale-after} (5 min).
     *
     * @param resyncInterval {@code capstan.<component>.resync-interval}, positive
     * @param heartbeat      {@code capstan.<component>.status-heartbeat}, positive; null: the interval as it is
     * @return the period to pass to {@code KeyedWorkQueue.resyncEvery}
     */
    public static Duration period(Duration resyncInterval, Duration heartbeat) {
        Objects.requireNonNull(resyncInterval, "resyncInterval");
        if (heartbeat == null) {
            return resyncInterval;
        }
        Duration half = heartbeat.dividedBy(2);
        return resyncInterval.compareTo(half) <= 0 ? resyncInterval : half;
    }
}
