package io.capstan.storage.messaging;

import io.capstan.model.Topics;
import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.event.PoisonEventException;
import io.capstan.model.reconcile.ClusterRegistry;
import io.capstan.model.resource.ResourceEvent;
import io.capstan.model.resource.ResourceKey;

import java.util.Optional;
import java.util.Set;

/**
 * Turns one record of {@code capstan.clusters} or {@code capstan.resources} into at most one cluster name to enqueue.
 * No I/O: parses, validates, updates the {@link ClusterRegistry}. Kafka-free so that it is tested as a table.
 *
 * <ul>
 *   <li>{@code capstan.clusters}: every change of the registry wakes the cluster (a tombstone too: the pass then
 *   forgets it); a duplicate (replay) wakes nothing.</li>
 *   <li>{@code capstan.resources}: only {@link #WATCHED_KINDS} wake their cluster, and only a cluster the registry
 *   knows; everything else is ignored.</li>
 * </ul>
 * Poison (thrown as {@link PoisonEventException}, dead-lettered by the channel): a type the topic does not carry,
 * a body that is not the payload's JSON, a key that does not match the payload, a malformed resource key.
 */
public final class StorageEventRouter {

    /** {@code group/kind} of the resources that wake a cluster (core group written {@code core}). */
    public static final Set<String> WATCHED_KINDS = Set.of("storage.k8s.io/StorageClass", "core/PersistentVolumeClaim",
            "snapshot.storage.k8s.io/VolumeSnapshotClass", "storage.k8s.io/CSIDriver");

    private final ClusterRegistry registry;

    /** @param registry the registry this router keeps up to date */
    public StorageEventRouter(ClusterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Routes one record.
     *
     * @param topic the record's topic
     * @param key   record key
     * @param type  {@code ce_type}
     * @param value body, null for a tombstone
     * @return the cluster to enqueue, or empty
     * @throws PoisonEventException when the record can never be processed
     */
    public Optional<String> route(String topic, String key, String type, String value) {
        if (Topics.CLUSTERS.equals(topic)) {
            ClusterEvent payload = null;
            if (type != null && EventTypes.CLUSTER_TYPES.contains(type) && !EventTypes.CLUSTER_DELETED.equals(type)) {
                payload = Json.read(value, ClusterEvent.class);
            }
            ClusterRegistry.Change change = registry.apply(key, type, payload);
            return change == ClusterRegistry.Change.UNCHANGED ? Optional.empty() : Optional.of(key);
        }
        if (Topics.RESOURCES.equals(topic)) {
            if (type == null || !EventTypes.RESOURCE_TYPES.contains(type)) {
                throw new PoisonEventException("UnknownEventType", "capstan.resources does not carry type '" + type + "'");
            }
            ResourceKey rk;
            try {
                rk = ResourceKey.parse(key);
            } catch (IllegalArgumentException e) {
                throw new PoisonEventException("MalformedKey", e.getMessage());
            }
            if (EventTypes.RESOURCE_CHANGED.equals(type)) {
                ResourceEvent ev = Json.read(value, ResourceEvent.class);
                if (!ev.key().equals(rk)) {
                    throw new PoisonEventException("KeyMismatch", "record key '" + key + "' differs from payload key '" + ev.key().toKey() + "'");
                }
            }
            String groupKind = (rk.group().isEmpty() ? ResourceKey.CORE : rk.group()) + "/" + rk.kind();
            if (!WATCHED_KINDS.contains(groupKind) || registry.get(rk.cluster()).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(rk.cluster());
        }
        throw new PoisonEventException("UnexpectedTopic", "the storage service does not read topic " + topic);
    }
}
