package io.capstan.storage.report;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Why a PersistentVolumeClaim is (not) bound: a pure chain of checks in the manner of cert-manager's policy chain
 * ({@code internal/controller/certificates/policies}), each giving a reason and a message.
 *
 * <table>
 *   <caption>reasons</caption>
 *   <tr><th>phase / situation</th><th>Ready</th><th>reason</th></tr>
 *   <tr><td>Bound</td><td>True</td><td>Bound</td></tr>
 *   <tr><td>Lost (its PersistentVolume is gone)</td><td>False</td><td>ClaimLost</td></tr>
 *   <tr><td>Pending, pre-bound (spec.volumeName) or class {@code ""}</td><td>False</td><td>WaitingForVolume</td></tr>
 *   <tr><td>Pending, names a class that does not exist</td><td>False</td><td>StorageClassNotFound</td></tr>
 *   <tr><td>Pending, no class and no default class</td><td>False</td><td>NoDefaultStorageClass</td></tr>
 *   <tr><td>Pending, no CSIDriver of the class's provisioner (in-tree {@code kubernetes.io/*} counts as absent: those
 *   plugins were removed or migrated to CSI)</td><td>False</td><td>ProvisionerNotFound</td></tr>
 *   <tr><td>Pending otherwise</td><td>False</td><td>Provisioning</td></tr>
 * </table>
 */
public final class PvcAssessment {

    /**
     * The verdict on one claim.
     *
     * @param ready   whether the claim is bound
     * @param reason  CamelCase reason (see the table)
     * @param message for a person
     * @param storageClass the class it resolves to, null when none
     */
    public record Verdict(boolean ready, String reason, String message, String storageClass) {
    }

    private PvcAssessment() {
    }

    /**
     * Assesses a claim.
     *
     * @param pvc        the claim
     * @param classes    every StorageClass of the cluster
     * @param csiDrivers names of every CSIDriver object of the cluster
     */
    public static Verdict assess(PvcState pvc, Collection<ClassView> classes, Set<String> csiDrivers) {
        String requested = pvc.requestedClass();
        if ("Bound".equals(pvc.phase())) {
            return new Verdict(true, "Bound", "bound" + (pvc.volumeName() == null ? "" : " to PersistentVolume " + pvc.volumeName()), requested);
        }
        if ("Lost".equals(pvc.phase())) {
            return new Verdict(false, "ClaimLost", "its PersistentVolume " + pvc.volumeName() + " no longer exists", requested);
        }
        if (pvc.volumeName() != null && !pvc.volumeName().isEmpty()) {
            return new Verdict(false, "WaitingForVolume", "pre-bound to PersistentVolume " + pvc.volumeName()
                    + "; it is not provisioned dynamically", requested);
        }
        if ("".equals(requested)) {
            return new Verdict(false, "WaitingForVolume", "storageClassName is \"\": only a pre-provisioned "
                    + "PersistentVolume without class can bind it", "");
        }
        ClassView cls;
        if (requested == null) {
            List<ClassView> defaults = classes.stream().filter(ClassView::isDefault).toList();
            if (defaults.isEmpty()) {
                return new Verdict(false, "NoDefaultStorageClass", "names no StorageClass and the cluster has no default StorageClass", null);
            }
            // Kubernetes picks the newest default when several are marked; any of them tells the provisioner story
            cls = defaults.get(0);
        } else {
            Optional<ClassView> named = classes.stream().filter(c -> c.name().equals(requested)).findFirst();
            if (named.isEmpty()) {
                return new Verdict(false, "StorageClassNotFound", "StorageClass " + requested + " does not exist", requested);
            }
            cls = named.get();
        }
        String p = cls.provisioner();
        if (p.startsWith("kubernetes.io/")) {
            return new Verdict(false, "ProvisionerNotFound", "StorageClass " + cls.name() + " uses the in-tree provisioner "
                    + p + ", which is removed or migrated to CSI and counts as absent; no CSIDriver provides it", cls.name());
        }
        if (!csiDrivers.contains(p)) {
            return new Verdict(false, "ProvisionerNotFound", "no CSIDriver " + p + " exists in the cluster (needed by StorageClass "
                    + cls.name() + ")", cls.name());
        }
        return new Verdict(false, "Provisioning", "waiting for " + p + " to provision a volume of StorageClass " + cls.name(), cls.name());
    }
}
