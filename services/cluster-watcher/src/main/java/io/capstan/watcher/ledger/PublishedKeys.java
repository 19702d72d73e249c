package io.capstan.watcher.ledger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys of one cluster that are live on {@code capstan.resources}: the ones read back from the topic at start
 * plus every key published since, minus every key tombstoned. Each entry remembers the {@code resourceVersion} last
 * published (so an informer resync or a watch replay of the same version publishes nothing) and a sequence number
 * of the publication (so a sweep never tombstones a key published after its LIST started).
 *
 * <p>Pure bookkeeping, no Kafka or client types. Not thread-safe: callers hold {@link #lock()} while they decide and
 * send, so that the order of decisions is the order of records on the partition.
 */
public final class PublishedKeys {

    private record Entry(String resourceVersion, long seq) {
    }

    private final Map<String, Entry> live = new HashMap<>();
    private final Object lock = new Object();
    private long seq;
    private boolean loaded;

    /** The monitor that guards this ledger and the sends it decides. */
    public Object lock() {
        return lock;
    }

    /** True once {@link #load} ran (the topic was read back for this cluster). */
    public boolean loaded() {
        return loaded;
    }

    /**
     * Seeds the ledger with the keys live on the topic (sequence 0: older than any sweep).
     *
     * @param keys record key to the {@code resourceVersion} last published for it (null when unknown)
     */
    public void load(Map<String, String> keys) {
        keys.forEach((k, rv) -> live.putIfAbsent(k, new Entry(rv, 0)));
        loaded = true;
    }

    /** True when {@code key} at {@code resourceVersion} differs from what was last published for it. */
    public boolean changed(String key, String resourceVersion) {
        Entry e = live.get(key);
        return e == null || resourceVersion == null || !Objects.equals(e.resourceVersion, resourceVersion);
    }

    /** Records a publication of {@code key} at {@code resourceVersion}. */
    public void published(String key, String resourceVersion) {
        live.put(key, new Entry(resourceVersion, ++seq));
    }

    /** Records a tombstone of {@code key}. */
    public void tombstoned(String key) {
        live.remove(key);
    }

    /**
     * The broker did not acknowledge the publication of {@code key} at {@code resourceVersion}: the key stays live
     * with its version forgotten (and sequence 0), so the next sweep publishes it again if the object exists, or
     * tombstones it if not. Ignored when a newer version was published meanwhile.
     */
    public void unacknowledged(String key, String resourceVersion) {
        Entry e = live.get(key);
        if (e != null && Objects.equals(e.resourceVersion, resourceVersion)) {
            live.put(key, new Entry(null, 0));
        }
    }

    /**
     * The broker did not acknowledge the tombstone of {@code key}: the key is live again with an unknown version, so
     * the next sweep tombstones it once more if the object is still gone. Ignored when the key was republished.
     */
    public void tombstoneUnacknowledged(String key) {
        live.putIfAbsent(key, new Entry(null, 0));
    }

    /** The current sequence number: take it just before a LIST and pass it to {@link #stale}. */
    public long mark() {
        return seq;
    }

    /**
     * The keys to tombstone after a full LIST of the cluster: those live on the topic, published before the LIST
     * began ({@code seq <= mark}), and absent from it. A key published after the mark came from an informer event
     * newer than the LIST and is left alone.
     *
     * @param mark    {@link #mark()} taken before the LIST began
     * @param present record keys of every object the LIST returned
     * @return keys to tombstone, sorted
     */
    public List<String> stale(long mark, Set<String> present) {
        return List.copyOf(staleKeys(live.entrySet().stream()
                .filter(e -> e.getValue().seq <= mark).map(Map.Entry::getKey).toList(), present));
    }

    /**
     * The stale-key diff: keys previously published that the cluster no longer has.
     *
     * @param published keys live on the topic
     * @param present   keys of objects that exist in the cluster
     * @return {@code published \ present}, sorted
     */
    public static Set<String> staleKeys(java.util.Collection<String> published, Set<String> present) {
        Set<String> out = new TreeSet<>(published);
        out.removeAll(present);
        return out;
    }

    /** Every live key, sorted. */
    public List<String> keys() {
        return List.copyOf(new TreeSet<>(live.keySet()));
    }

    /** Forgets every key (after the cluster's keys were all tombstoned). */
    public void clear() {
        live.clear();
    }

    /** Number of live keys. */
    public int size() {
        return live.size();
    }
}
