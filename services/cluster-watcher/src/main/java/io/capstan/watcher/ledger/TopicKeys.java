package io.capstan.watcher.ledger;

import java.util.HashMap;
import java.util.Map;

/**
 * Folds records of the compacted {@code capstan.resources} topic, in offset order, into the keys of one cluster that
 * are live (their latest record is not a tombstone), with the {@code resourceVersion} of that latest record. Pure.
 */
public final class TopicKeys {

    private final String prefix;
    private final Map<String, String> live = new HashMap<>();

    /** @param cluster the cluster whose keys ({@code cluster/...}) are kept; other keys are ignored */
    public TopicKeys(String cluster) {
        this.prefix = cluster + '/';
    }

    /**
     * Applies one record.
     *
     * @param key             record key
     * @param tombstone       true when the record value is null
     * @param resourceVersion the payload's {@code resourceVersion}, null when unknown
     */
    public void accept(String key, boolean tombstone, String resourceVersion) {
        if (key == null || !key.startsWith(prefix)) {
            return;
        }
        if (tombstone) {
            live.remove(key);
        } else {
            live.put(key, resourceVersion);
        }
    }

    /** Live keys to their last {@code resourceVersion} (null values allowed). */
    public Map<String, String> live() {
        return new HashMap<>(live);
    }
}
