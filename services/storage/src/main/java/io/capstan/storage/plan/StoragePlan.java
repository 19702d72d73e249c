package io.capstan.storage.plan;

import java.util.List;

/**
 * The changes one pass makes to a workload cluster, computed by {@link StoragePlanner}. Applied in the order of the
 * components: demotions, updates, deletes, creates, snapshot updates, snapshot deletes, snapshot creates. A {@code replace} is a delete
 * of the old object followed by a create, because StorageClass {@code provisioner}, {@code parameters},
 * {@code reclaimPolicy} and {@code volumeBindingMode} cannot be updated in Kubernetes.
 *
 * @param demotions        foreign default classes set to {@code "false"} (only when the profile owns the default)
 * @param updates          owned classes updated in place (labels, annotations, expansion, mount options)
 * @param deletes          owned classes removed (no longer desired, or the first half of a replace)
 * @param creates          classes created (new, or the second half of a replace)
 * @param snapshotUpdates  owned VolumeSnapshotClasses updated in place (labels, annotations)
 * @param snapshotDeletes  owned VolumeSnapshotClasses removed
 * @param snapshotCreates  VolumeSnapshotClasses created
 * @param conflicts        desired names already taken by foreign objects or by objects of another cluster (never
 *                         touched), as messages; in a cleanup plan, the objects of other clusters that are kept
 * @param defaultDecision  the default-class outcome
 */
public record StoragePlan(List<StorageClassUpdate> demotions, List<StorageClassUpdate> updates,
                          List<StorageClassState> deletes, List<StorageClassState> creates,
                          List<SnapshotClassUpdate> snapshotUpdates, List<SnapshotClassState> snapshotDeletes,
                          List<SnapshotClassState> snapshotCreates,
                          List<String> conflicts, DefaultDecision defaultDecision) {

    public StoragePlan {
        demotions = List.copyOf(demotions);
        updates = List.copyOf(updates);
        deletes = List.copyOf(deletes);
        creates = List.copyOf(creates);
        snapshotUpdates = List.copyOf(snapshotUpdates);
        snapshotDeletes = List.copyOf(snapshotDeletes);
        snapshotCreates = List.copyOf(snapshotCreates);
        conflicts = List.copyOf(conflicts);
    }

    /** True when applying this plan writes nothing. */
    public boolean isEmpty() {
        return demotions.isEmpty() && updates.isEmpty() && deletes.isEmpty() && creates.isEmpty()
                && snapshotUpdates.isEmpty() && snapshotDeletes.isEmpty() && snapshotCreates.isEmpty();
    }

    /** Number of writes. */
    public int size() {
        return demotions.size() + updates.size() + deletes.size() + creates.size() + snapshotUpdates.size()
                + snapshotDeletes.size() + snapshotCreates.size();
    }
}
