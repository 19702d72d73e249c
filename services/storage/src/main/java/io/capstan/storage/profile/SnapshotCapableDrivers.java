package io.capstan.storage.profile;

import java.util.Set;

/**
 * CSI drivers known to implement the snapshot capability ({@code CREATE_DELETE_SNAPSHOT} in the CSI spec), from the
 * drivers' own documentation: OpenStack Cinder, AWS EBS, Azure Disk, GCE PD, Ceph RBD and CephFS, NFS (csi-driver-nfs
 * 4.3 and later) and the hostpath example driver. The default of a profile class's {@code snapshot} field.
 */
public final class SnapshotCapableDrivers {

    /** Driver names ({@code CSIDriver} metadata.name). */
    public static final Set<String> DRIVERS = Set.of("cinder.csi.openstack.org", "ebs.csi.aws.com",
            "disk.csi.azure.com", "pd.csi.storage.gke.io", "rbd.csi.ceph.com", "cephfs.csi.ceph.com",
            "nfs.csi.k8s.io", "hostpath.csi.k8s.io");

    private SnapshotCapableDrivers() {
    }

    /** True when the driver is known to support VolumeSnapshots. */
    public static boolean supportsSnapshots(String provisioner) {
        return DRIVERS.contains(provisioner);
    }
}
