package io.capstan.storage.plan;

import java.util.List;

/**
 * Everything the planner needs to know about a workload cluster, read in one observe step.
 *
 * @param classes            every StorageClass
 * @param snapshotApiServed  whether {@code snapshot.storage.k8s.io/v1 VolumeSnapshotClass} is served
 * @param snapshotClasses    every VolumeSnapshotClass (empty when not served)
 */
public record ObservedStorage(List<StorageClassState> classes, boolean snapshotApiServed,
                              List<SnapshotClassState> snapshotClasses) {

    public ObservedStorage {
        classes = List.copyOf(classes);
        snapshotClasses = List.copyOf(snapshotClasses);
    }
}
