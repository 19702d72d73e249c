package io.capstan.dns.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the replay of {@code capstan.resources} reached, per partition, the end offset it had when the partition was
 * assigned. The dns service keeps the source objects in memory from that compacted topic, so a pass of a cluster must
 * wait until its partition is replayed: a pass on a half-filled cache would delete (policy {@code sync}) the records
 * of objects not yet read back. Thread-safe.
 */
public final class ReplayProgress {

    private final Map<Integer, Long> target = new ConcurrentHashMap<>();

    /**
     * Starts a replay of a partition.
     *
     * @param partition partition number
     * @param begin     its beginning offset now
     * @param end       its end offset now (the next offset to be written)
     */
    public void expect(int partition, long begin, long end) {
        if (end <= begin) {
            target.put(partition, -1L);
        } else {
            target.put(partition, end - 1);
        }
    }

    /**
     * Records a handled record.
     *
     * @return true when this record completed the partition's replay
     */
    public boolean seen(int partition, long offset) {
        Long t = target.get(partition);
        if (t == null || t < 0 || offset < t) {
            return false;
        }
        target.put(partition, -1L);
        return true;
    }

    /** True when the partition's replay is complete (or was never started: the partition is not assigned). */
    public boolean caughtUp(int partition) {
        Long t = target.get(partition);
        return t == null || t < 0;
    }

    /** Forgets a partition no longer assigned. */
    public void forget(int partition) {
        target.remove(partition);
    }
}
