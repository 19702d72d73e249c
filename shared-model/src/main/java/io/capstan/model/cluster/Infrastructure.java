package io.capstan.model.cluster;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a workload cluster runs; decides its storage provisioner, load balancers and autoscaler. */
public enum Infrastructure {
    /** OpenStack (Cinder CSI, Octavia, Magnum). */
    OPENSTACK,
    /** Amazon EKS (EBS CSI, NLB/ALB, Karpenter). */
    EKS,
    /** Azure AKS (Azure Disk CSI, Azure LB). */
    AKS,
    /** Google GKE (PD CSI, GCP LB). */
    GKE,
    /** A private cloud with its vendor's controllers; storage and load balancers come from the profile. */
    PRIVATE,
    /** Bare metal or VMs with no cloud controller; MetalLB-style addresses and profile storage. */
    STANDALONE;

    /** The lowercase wire name, for example {@code openstack}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the lowercase wire name.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code value} is none of them
     */
    @JsonCreator
    public static Infrastructure fromWire(String value) {
        if (value != null) {
            for (Infrastructure i : values()) {
                if (i.wireName().equals(value)) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("infrastructure must be one of openstack, eks, aks, gke, private, standalone; got '" + value + "'");
    }
}
