package io.capstan.storage.profile;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One StorageClass that the profile (or the infrastructure defaults) asks for: the {@code storage.classes[]} item of
 * the profile section, after defaults were applied. Field meanings follow the Kubernetes API
 * {@code storage.k8s.io/v1 StorageClass}.
 *
 * @param name                 metadata.name, a DNS-1123 subdomain
 * @param provisioner          the CSI driver name ({@code provisioner}), for example {@code ebs.csi.aws.com}
 * @param parameters           driver parameters ({@code parameters}), never null; immutable in Kubernetes
 * @param reclaimPolicy        {@code Delete} or {@code Retain}
 * @param volumeBindingMode    {@code WaitForFirstConsumer} or {@code Immediate}
 * @param allowVolumeExpansion {@code allowVolumeExpansion}
 * @param mountOptions         {@code mountOptions}, never null
 * @param allowedTopologies    {@code allowedTopologies}, never null (empty = everywhere)
 * @param snapshot             true to also ensure a {@code snapshot.storage.k8s.io/v1 VolumeSnapshotClass} of the same
 *                             name for the same driver
 * @param isDefault            true when the profile marks this class as the default
 */
public record ClassSpec(String name, String provisioner, Map<String, String> parameters, String reclaimPolicy,
                        String volumeBindingMode, boolean allowVolumeExpansion, List<String> mountOptions,
                        List<TopologyTerm> allowedTopologies, boolean snapshot, boolean isDefault) {

    /** Default of {@link #volumeBindingMode} in Capstan (the Kubernetes API default is {@code Immediate}). */
    public static final String WAIT_FOR_FIRST_CONSUMER = "WaitForFirstConsumer";
    /** Default of {@link #reclaimPolicy}, as in the Kubernetes API. */
    public static final String DELETE = "Delete";

    public ClassSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provisioner, "provisioner");
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(parameters));
        reclaimPolicy = reclaimPolicy == null ? DELETE : reclaimPolicy;
        volumeBindingMode = volumeBindingMode == null ? WAIT_FOR_FIRST_CONSUMER : volumeBindingMode;
        mountOptions = mountOptions == null ? List.of() : List.copyOf(mountOptions);
        allowedTopologies = allowedTopologies == null ? List.of() : List.copyOf(allowedTopologies);
    }

    /** A class with Capstan's defaults: Delete, WaitForFirstConsumer, expansion allowed, no mount options. */
    public static ClassSpec of(String name, String provisioner, Map<String, String> parameters, boolean snapshot,
                               boolean isDefault) {
        return new ClassSpec(name, provisioner, parameters, DELETE, WAIT_FOR_FIRST_CONSUMER, true, List.of(), List.of(),
                snapshot, isDefault);
    }
}
