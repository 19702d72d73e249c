package io.capstan.gateways.edge;

import io.capstan.gateways.profile.LoadBalancerSettings;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * What one edge pass needs about a cluster.
 *
 * @param cluster    registered cluster name
 * @param generation cluster generation (observedGeneration of the component entry, not used per object)
 * @param edge       the profile's {@code gateways.edge} settings
 * @param lb         load-balancer class and annotations for the edge Service (from the infrastructure and the
 *                   profile, {@code CloudLoadBalancers.settings})
 * @param client     the cluster's client (owned by the caller's client cache; never closed here)
 */
public record EdgeCluster(String cluster, long generation, EdgeProfile edge, LoadBalancerSettings lb,
                          KubernetesClient client) {
}
