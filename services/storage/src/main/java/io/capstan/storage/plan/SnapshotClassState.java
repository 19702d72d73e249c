package io.capstan.storage.plan;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A {@code snapshot.storage.k8s.io/v1 VolumeSnapshotClass} as the planner sees it (kubernetes-csi/external-snapshotter
 * API). Capstan names the snapshot class like its StorageClass.
 *
 * @param name            metadata.name
 * @param driver          driver (the CSI driver, the StorageClass's provisioner)
 * @param deletionPolicy  {@code Delete} or {@code Retain}
 * @param labels          metadata.labels, never null
 * @param annotations     metadata.annotations, never null
 * @param resourceVersion as read, null when desired
 */
public record SnapshotClassState(String name, String driver, String deletionPolicy, Map<String, String> labels,
                                 Map<String, String> annotations, String resourceVersion) {

    public SnapshotClassState {
        Objects.requireNonNull(name, "name");
        driver = driver == null ? "" : driver;
        deletionPolicy = deletionPolicy == null ? "Delete" : deletionPolicy;
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        annotations = annotations == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
    }

    /** True when Capstan's storage service manages it, for whichever cluster (see {@link Ownership}). */
    public boolean managed() {
        return Ownership.managed(labels, annotations);
    }

    /** Whose it is, seen from {@code cluster} (see {@link Ownership#claim}). */
    public Ownership.Claim claim(String cluster) {
        return Ownership.claim(labels, annotations, cluster);
    }

    /** True when it carries all of Capstan's marks and {@value Ownership#CLUSTER_ANNOTATION} names {@code cluster}. */
    public boolean ownedBy(String cluster) {
        return claim(cluster) == Ownership.Claim.OURS;
    }

    /** The value of {@value Ownership#CLUSTER_ANNOTATION}, null when absent. */
    public String cluster() {
        return annotations.get(Ownership.CLUSTER_ANNOTATION);
    }
}
