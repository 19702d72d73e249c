package io.capstan.storage.plan;

/**
 * One in-place update of an existing VolumeSnapshotClass (labels and annotations only, e.g. stamping
 * {@value Ownership#CLUSTER_ANNOTATION} on a legacy class): {@code after} is written with {@code before}'s
 * resourceVersion, so the API server answers 409 if the object changed since it was read.
 *
 * @param before as observed
 * @param after  what to write
 */
public record SnapshotClassUpdate(SnapshotClassState before, SnapshotClassState after) {
}
