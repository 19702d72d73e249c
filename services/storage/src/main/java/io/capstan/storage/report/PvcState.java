package io.capstan.storage.report;

import java.util.Objects;

/**
 * A PersistentVolumeClaim as the report needs it (fields of {@code core/v1 PersistentVolumeClaim}).
 *
 * @param namespace              metadata.namespace
 * @param name                   metadata.name
 * @param phase                  status.phase ({@code Pending}, {@code Bound}, {@code Lost}); null is read as Pending,
 *                               the API default
 * @param storageClassName       spec.storageClassName; null = not set, {@code ""} = explicitly no class
 * @param betaStorageClass       the legacy annotation {@code volume.beta.kubernetes.io/storage-class}, null when
 *                               absent; when present it wins over spec.storageClassName, as in Kubernetes
 *                               ({@code GetPersistentVolumeClaimClass})
 * @param volumeName             spec.volumeName (pre-bound to a PersistentVolume), may be null
 */
public record PvcState(String namespace, String name, String phase, String storageClassName, String betaStorageClass,
                       String volumeName) {

    /** The legacy class annotation on a claim. */
    public static final String BETA_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

    public PvcState {
        Objects.requireNonNull(name, "name");
        phase = phase == null || phase.isEmpty() ? "Pending" : phase;
    }

    /** The class the claim asks for: the beta annotation, else spec.storageClassName; null = the default class. */
    public String requestedClass() {
        return betaStorageClass != null ? betaStorageClass : storageClassName;
    }
}
