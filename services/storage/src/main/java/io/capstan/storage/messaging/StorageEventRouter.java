package io.capstan.storage.messaging;

import io.capstan.kit.messaging.EventRouter;
import io.capstan.model.reconcile.ClusterRegistry;
import io.capstan.storage.report.StorageReport;

import java.util.List;
import java.util.Set;

/**
 * The storage service's declaration of the kit's {@link EventRouter}: the channel {@code storage-in} reads
 * {@code capstan.clusters} and {@code capstan.resources}, and the work-queue key is the cluster name.
 *
 * <ul>
 *   <li>{@code capstan.clusters}: every change of the registry wakes the cluster (a tombstone too: the pass then
 *   forgets it); a duplicate (replay) wakes nothing.</li>
 *   <li>{@code capstan.resources}: only {@link #WATCHED_KINDS} wake their cluster, and only a cluster the registry
 *   knows; everything else is ignored.</li>
 * </ul>
 * Poison records are the kit's ({@link EventRouter}): an unexpected topic or type, a body that is not the payload's
 * JSON, a key that does not match the payload, a malformed resource key.
 */
public final class StorageEventRouter {

    /** {@code group/kind} of the resources that wake a cluster (core group written {@code core}). */
    public static final Set<String> WATCHED_KINDS = Set.of("storage.k8s.io/StorageClass", "core/PersistentVolumeClaim",
            "snapshot.storage.k8s.io/VolumeSnapshotClass", "storage.k8s.io/CSIDriver");

    private StorageEventRouter() {
    }

    /**
     * The router of the storage channel.
     *
     * @param registry the registry it keeps up to date
     * @param observer counts handled and poison records
     */
    public static EventRouter<String> create(ClusterRegistry registry, EventRouter.RecordObserver observer) {
        return EventRouter.byCluster(StorageReport.COMPONENT, registry)
                .resources(WATCHED_KINDS, (key, event) -> List.of(key.cluster()))
                .observer(observer)
                .build();
    }
}
