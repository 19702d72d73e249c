package io.capstan.model.reconcile;

import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.PoisonEventException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest {@link ClusterEvent} of every cluster, rebuilt by replaying the compacted {@code capstan.clusters} topic
 * from its beginning whenever a replica is assigned its partitions. Thread-safe; holds no credentials.
 */
public final class ClusterRegistry {

    /** What one record did to the registry. */
    public enum Change {
        /** A cluster this registry did not know. */
        ADDED,
        /** A known cluster with a new generation, profile or labels. */
        UPDATED,
        /** Deletion was asked: clean up, then report Finalized. */
        DEREGISTERED,
        /** The tombstone: forget the cluster. */
        DELETED,
        /** A duplicate of what the registry already holds (re-delivery or replay). */
        UNCHANGED
    }

    private final Map<String, ClusterEvent> clusters = new ConcurrentHashMap<>();

    /**
     * Applies one record of {@code capstan.clusters}.
     *
     * @param key     record key (the cluster name)
     * @param type    its {@code ce_type}
     * @param payload parsed payload, null for a tombstone
     * @return what changed
     * @throws PoisonEventException when the type is not a cluster type, or the payload does not match the key or type
     */
    public Change apply(String key, String type, ClusterEvent payload) {
        if (type == null || !EventTypes.CLUSTER_TYPES.contains(type)) {
            throw new PoisonEventException("UnknownEventType", "capstan.clusters does not carry type '" + type + "'");
        }
        if (key == null || key.isEmpty()) {
            throw new PoisonEventException("MissingKey", "capstan.clusters records are keyed by cluster name");
        }
        if (type.equals(EventTypes.CLUSTER_DELETED) || payload == null) {
            if (!type.equals(EventTypes.CLUSTER_DELETED)) {
                throw new PoisonEventException("MalformedPayload", type + " needs a body");
            }
            return clusters.remove(key) == null ? Change.UNCHANGED : Change.DELETED;
        }
        if (!key.equals(payload.name())) {
            throw new PoisonEventException("KeyMismatch", "record key '" + key + "' differs from payload name '" + payload.name() + "'");
        }
        ClusterEvent previous = clusters.put(key, payload);
        if (payload.equals(previous)) {
            return Change.UNCHANGED;
        }
        if (payload.deleting() || type.equals(EventTypes.CLUSTER_DEREGISTERED)) {
            return Change.DEREGISTERED;
        }
        return previous == null ? Change.ADDED : Change.UPDATED;
    }

    /** The latest event of a cluster, if known. */
    public Optional<ClusterEvent> get(String cluster) {
        return Optional.ofNullable(clusters.get(cluster));
    }

    /** Every known cluster name. */
    public List<String> names() {
        return List.copyOf(clusters.keySet());
    }

    /** Forgets a cluster (for example when its partition is revoked). */
    public void forget(String cluster) {
        clusters.remove(cluster);
    }
}
