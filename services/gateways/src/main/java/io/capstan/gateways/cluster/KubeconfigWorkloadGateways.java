package io.capstan.gateways.cluster;

import io.capstan.gateways.reconcile.WorkloadClusters;
import io.capstan.gateways.reconcile.WorkloadGateways;
import io.capstan.kit.cluster.KubeconfigClusters;

/** {@link WorkloadClusters} over the kit's kubeconfig client cache. */
public final class KubeconfigWorkloadGateways implements WorkloadClusters {

    private final KubeconfigClusters clusters;

    /** @param clusters the kit's cache (owned by the caller) */
    public KubeconfigWorkloadGateways(KubeconfigClusters clusters) {
        this.clusters = clusters;
    }

    @Override
    public WorkloadGateways open(String cluster, String secretName) {
        return new Fabric8WorkloadGateways(cluster, clusters.open(cluster, secretName));
    }

    @Override
    public void close(String cluster) {
        clusters.close(cluster);
    }
}
