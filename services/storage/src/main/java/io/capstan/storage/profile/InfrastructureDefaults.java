package io.capstan.storage.profile;

import io.capstan.model.cluster.Infrastructure;

import java.util.List;
import java.util.Map;

/**
 * The StorageClasses a cluster gets when its profile lists no {@code storage.classes}: the CSI driver of its
 * infrastructure with that driver's documented general-purpose settings. All use {@code WaitForFirstConsumer},
 * {@code allowVolumeExpansion: true}, {@code reclaimPolicy: Delete}, a VolumeSnapshotClass, and are the default.
 *
 * <table>
 *   <caption>defaults per infrastructure</caption>
 *   <tr><th>infrastructure</th><th>class</th><th>provisioner</th><th>parameters</th></tr>
 *   <tr><td>openstack</td><td>csi-cinder-sc</td><td>cinder.csi.openstack.org</td><td>none</td></tr>
 *   <tr><td>eks</td><td>gp3</td><td>ebs.csi.aws.com</td><td>type=gp3</td></tr>
 *   <tr><td>aks</td><td>managed-csi</td><td>disk.csi.azure.com</td><td>skuname=StandardSSD_LRS</td></tr>
 *   <tr><td>gke</td><td>standard-rwo</td><td>pd.csi.storage.gke.io</td><td>type=pd-balanced</td></tr>
 *   <tr><td>private, standalone</td><td colspan="3">none: the profile must list classes (for example
 *   rbd.csi.ceph.com or nfs.csi.k8s.io); until then Ready=False reason NoStorageConfigured</td></tr>
 * </table>
 *
 * Sources: cloud-provider-openstack {@code docs/cinder-csi-plugin}, aws-ebs-csi-driver {@code docs/parameters.md},
 * AKS "Use the Azure Disk CSI driver" (built-in {@code managed-csi}), GKE "Using the Compute Engine persistent disk
 * CSI driver" ({@code standard-rwo}).
 */
public final class InfrastructureDefaults {

    private InfrastructureDefaults() {
    }

    /** The default classes of an infrastructure; empty for private and standalone. */
    public static List<ClassSpec> classesFor(Infrastructure infrastructure) {
        return switch (infrastructure) {
            case OPENSTACK -> List.of(ClassSpec.of("csi-cinder-sc", "cinder.csi.openstack.org", Map.of(), true, true));
            case EKS -> List.of(ClassSpec.of("gp3", "ebs.csi.aws.com", Map.of("type", "gp3"), true, true));
            case AKS -> List.of(ClassSpec.of("managed-csi", "disk.csi.azure.com", Map.of("skuname", "StandardSSD_LRS"), true, true));
            case GKE -> List.of(ClassSpec.of("standard-rwo", "pd.csi.storage.gke.io", Map.of("type", "pd-balanced"), true, true));
            case PRIVATE, STANDALONE -> List.of();
        };
    }
}
