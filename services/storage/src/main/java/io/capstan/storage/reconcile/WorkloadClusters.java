package io.capstan.storage.reconcile;

/**
 * Port that opens a workload cluster's storage API from its kubeconfig Secret ({@code <cluster>-kubeconfig}, key
 * {@code value}, in the management namespace: the Cluster API convention). The adapter is
 * {@link io.capstan.storage.cluster.KubeconfigWorkloadClusters} over the kit's {@link io.capstan.kit.cluster.KubeconfigClusters}.
 */
public interface WorkloadClusters {

    /**
     * Opens (or reuses) the connection to a cluster.
     *
     * @param cluster    cluster name
     * @param secretName the kubeconfig Secret's name
     * @throws KubeconfigMissingException when the Secret or its {@code value} key is absent or not a kubeconfig
     */
    WorkloadStorage open(String cluster, String secretName);

    /** Closes and forgets the connection of a cluster (deleted, or its partition revoked). */
    void close(String cluster);
}
