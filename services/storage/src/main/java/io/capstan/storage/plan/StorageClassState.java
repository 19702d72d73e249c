package io.capstan.storage.plan;

import io.capstan.storage.profile.TopologyTerm;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A StorageClass as the planner sees it, observed or desired (fields of {@code storage.k8s.io/v1 StorageClass}).
 * Pure value: the fabric8 adapter converts to and from it. Absent API fields take their API defaults
 * ({@code reclaimPolicy: Delete}, {@code volumeBindingMode: Immediate}, {@code allowVolumeExpansion: false}).
 *
 * @param name                 metadata.name
 * @param provisioner          provisioner (immutable in Kubernetes)
 * @param parameters           parameters (immutable), never null
 * @param reclaimPolicy        reclaimPolicy (immutable)
 * @param volumeBindingMode    volumeBindingMode (immutable)
 * @param allowVolumeExpansion allowVolumeExpansion
 * @param mountOptions         mountOptions, never null
 * @param allowedTopologies    allowedTopologies (treated as immutable), never null
 * @param labels               metadata.labels, never null
 * @param annotations          metadata.annotations, never null
 * @param resourceVersion      metadata.resourceVersion as read, null for a desired object
 */
public record StorageClassState(String name, String provisioner, Map<String, String> parameters, String reclaimPolicy,
                                String volumeBindingMode, boolean allowVolumeExpansion, List<String> mountOptions,
                                List<TopologyTerm> allowedTopologies, Map<String, String> labels,
                                Map<String, String> annotations, String resourceVersion) {

    public StorageClassState {
        Objects.requireNonNull(name, "name");
        provisioner = provisioner == null ? "" : provisioner;
        parameters = sorted(parameters);
        reclaimPolicy = reclaimPolicy == null ? "Delete" : reclaimPolicy;
        volumeBindingMode = volumeBindingMode == null ? "Immediate" : volumeBindingMode;
        mountOptions = mountOptions == null ? List.of() : List.copyOf(mountOptions);
        allowedTopologies = allowedTopologies == null ? List.of() : List.copyOf(allowedTopologies);
        labels = sorted(labels);
        annotations = sorted(annotations);
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

    /** True when either default-class annotation says {@code "true"}. */
    public boolean isDefault() {
        return Ownership.isDefault(annotations);
    }

    /** True when a field that Kubernetes refuses to update differs, so only delete and create can change it. */
    public boolean immutableFieldsDiffer(StorageClassState other) {
        return !provisioner.equals(other.provisioner) || !parameters.equals(other.parameters)
                || !reclaimPolicy.equals(other.reclaimPolicy) || !volumeBindingMode.equals(other.volumeBindingMode)
                || !allowedTopologies.equals(other.allowedTopologies);
    }

    /** A copy with other annotations. */
    public StorageClassState withAnnotations(Map<String, String> newAnnotations) {
        return new StorageClassState(name, provisioner, parameters, reclaimPolicy, volumeBindingMode,
                allowVolumeExpansion, mountOptions, allowedTopologies, labels, newAnnotations, resourceVersion);
    }

    private static Map<String, String> sorted(Map<String, String> m) {
        return m == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(m));
    }
}
