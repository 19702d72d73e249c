package io.capstan.storage.cluster;

import io.capstan.kit.cluster.KubeconfigClusters;
import io.capstan.storage.reconcile.WorkloadClusters;
import io.capstan.storage.reconcile.WorkloadStorage;

import java.util.Objects;

/**
 * The {@link WorkloadClusters} port over the kit's {@link KubeconfigClusters} (one cached fabric8 client per cluster
 * from its {@code <cluster>-kubeconfig} Secret): each {@link #open} wraps the cluster's current client in a
 * {@link Fabric8WorkloadStorage} (a stateless view, so wrapping again costs nothing).
 */
public final class KubeconfigWorkloadClusters implements WorkloadClusters {

    private final KubeconfigClusters clients;

    /** @param clients the client cache (owned by the caller, which closes it) */
    public KubeconfigWorkloadClusters(KubeconfigClusters clients) {
        this.clients = Objects.requireNonNull(clients);
    }

    @Override
    public WorkloadStorage open(String cluster, String secretName) {
        return new Fabric8WorkloadStorage(cluster, clients.open(cluster, secretName));
    }

    @Override
    public void close(String cluster) {
        clients.close(cluster);
    }
}
