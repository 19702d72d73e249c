package io.capstan.gateways.edge;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.gateways.profile.GatewaysProfile;
import io.capstan.gateways.profile.LoadBalancerSettings;
import io.capstan.model.cluster.ClusterEvent;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Objects;

/**
 * What one cluster pass of the gateways service hands to the edge part ({@link EdgePass}).
 *
 * @param cluster      the cluster's latest ClusterEvent (name, infrastructure, generation, profile)
 * @param client       the workload cluster's client (owned by the service's client cache: never close it)
 * @param section      the profile's whole {@code gateways} section (the edge reads its {@code edge} object), never null
 * @param profile      the load-balancer keys of that section, already validated
 * @param loadBalancer class and annotations to put on the edge Gateway's Service of type LoadBalancer (set
 *                     {@code spec.loadBalancerClass} when creating it: Kubernetes makes it immutable); its address
 *                     comes from the allocator (standalone/private) or the cloud controller like any other
 *                     LoadBalancer Service
 * <p>The edge Service's address: read its {@code status.loadBalancer.ingress} with the client (written by this
 * service's allocator in the same pass that follows the edge pass, or by the cloud controller). Label the Services the
 * edge creates {@link LoadBalancerSettings#MANAGED_BY_LABEL}={@link LoadBalancerSettings#MANAGED_BY}: on cloud
 * infrastructures the reconciler keeps the profile's annotations on them.
 */
public record ClusterContext(ClusterEvent cluster, KubernetesClient client, JsonNode section, GatewaysProfile profile,
                             LoadBalancerSettings loadBalancer) {

    public ClusterContext {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(loadBalancer, "loadBalancer");
    }

    /** The cluster name. */
    public String name() {
        return cluster.name();
    }

    /** The platform's gateway namespaces (the first one is where the edge Gateway lives). */
    public List<String> gatewayNamespaces() {
        return profile.gatewayNamespaces();
    }
}
