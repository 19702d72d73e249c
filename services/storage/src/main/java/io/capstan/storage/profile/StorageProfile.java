package io.capstan.storage.profile;

import java.util.List;
import java.util.Optional;

/**
 * The validated {@code storage} section of a cluster profile.
 *
 * <pre>
 * "storage": {
 *   "ownsDefault":  false,            // true: Capstan owns the cluster's default class and demotes foreign defaults
 *   "defaultClass": "gp3",            // optional; default = the class marked "default", else the first class
 *   "classes": [ {                    // optional; absent = the infrastructure defaults ({@link InfrastructureDefaults})
 *     "name": "fast", "provisioner": "rbd.csi.ceph.com", "parameters": {"pool": "rbd"},
 *     "reclaimPolicy": "Delete",      // Delete | Retain, default Delete
 *     "volumeBindingMode": "WaitForFirstConsumer",  // or Immediate, default WaitForFirstConsumer
 *     "allowVolumeExpansion": true,   // default true
 *     "mountOptions": [],             // default none
 *     "allowedTopologies": [{"matchLabelExpressions": [{"key": "topology.kubernetes.io/zone", "values": ["a"]}]}],
 *     "snapshot": true,               // default: whether the driver is known to support snapshots
 *     "default": false
 *   } ]
 * }
 * </pre>
 *
 * @param ownsDefault  whether Capstan owns the default-class decision of the cluster
 * @param defaultClass the class to mark default, or null to use the class marked {@code default} / the first one
 * @param classes      the classes listed, or empty when the section has no {@code classes} key (then the
 *                     infrastructure defaults apply); an explicitly empty list means "no classes"
 */
public record StorageProfile(boolean ownsDefault, String defaultClass, Optional<List<ClassSpec>> classes) {

    public StorageProfile {
        classes = classes == null ? Optional.empty() : classes.map(List::copyOf);
    }

    /** The profile of a cluster whose profile has no {@code storage} section. */
    public static final StorageProfile EMPTY = new StorageProfile(false, null, Optional.empty());
}
