package io.capstan.gateways.reconcile;

/** Opens workload clusters (port; the adapter reads kubeconfig Secrets through the kit's client cache). */
public interface WorkloadClusters {

    /**
     * @param cluster    cluster name
     * @param secretName its kubeconfig Secret
     * @throws io.capstan.kit.cluster.KubeconfigMissingException  when the Secret is missing or unusable
     * @throws io.capstan.kit.cluster.ClusterUnreachableException when the management API server failed the read
     */
    WorkloadGateways open(String cluster, String secretName);

    /** Closes the cluster's client (the cluster is gone or no longer owned). */
    void close(String cluster);
}
