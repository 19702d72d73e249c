package io.capstan.storage.reconcile;

import io.capstan.storage.plan.ObservedStorage;
import io.capstan.storage.plan.SnapshotClassState;
import io.capstan.storage.plan.SnapshotClassUpdate;
import io.capstan.storage.plan.StorageClassState;
import io.capstan.storage.plan.StorageClassUpdate;
import io.capstan.storage.report.PvcState;

import java.util.List;
import java.util.Set;

/**
 * Port to the storage API of one workload cluster. The adapter ({@code io.capstan.storage.cluster}) speaks the
 * Kubernetes API with plain create, update-with-resourceVersion and delete; no patch of any kind, no paging, no
 * set-based selector.
 *
 * <p>Every method may throw {@link io.capstan.kit.cluster.ClusterUnreachableException} (network, 5xx, 401/403) ; writes may throw
 * {@link ApplyConflictException} (409: changed since read, or created meanwhile).
 */
public interface WorkloadStorage {

    /** Lists StorageClasses and, when the API is served, VolumeSnapshotClasses. */
    ObservedStorage observeStorage();

    /** Lists every PersistentVolumeClaim of every namespace. */
    List<PvcState> claims();

    /** Names of every {@code storage.k8s.io/v1 CSIDriver}. */
    Set<String> csiDrivers();

    /** Creates a StorageClass. */
    void create(StorageClassState state);

    /** Updates a StorageClass, carrying {@code update.before().resourceVersion()}. */
    void update(StorageClassUpdate update);

    /** Deletes a StorageClass (absent counts as done). */
    void delete(StorageClassState state);

    /** Creates a VolumeSnapshotClass. */
    void createSnapshotClass(SnapshotClassState state);

    /** Updates a VolumeSnapshotClass's labels and annotations, carrying {@code update.before().resourceVersion()}. */
    void updateSnapshotClass(SnapshotClassUpdate update);

    /** Deletes a VolumeSnapshotClass (absent counts as done). */
    void deleteSnapshotClass(SnapshotClassState state);
}
