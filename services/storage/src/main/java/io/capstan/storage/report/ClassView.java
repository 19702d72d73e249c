package io.capstan.storage.report;

/**
 * What the PVC assessment needs to know of a StorageClass.
 *
 * @param name        metadata.name
 * @param provisioner provisioner
 * @param isDefault   marked default under either annotation key
 */
public record ClassView(String name, String provisioner, boolean isDefault) {
}
