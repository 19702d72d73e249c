package io.capstan.gateways.profile;

import io.capstan.gateways.ipam.AddressPool;

import java.util.List;
import java.util.Map;

/**
 * The load-balancer part of a profile's {@code gateways} section (the {@code edge} sub-object belongs to the edge
 * code and is read there). See {@link ProfileParser} for the JSON.
 *
 * @param loadBalancerClass  Capstan's class: on standalone/private clusters the allocator serves Services with this
 *                           {@code spec.loadBalancerClass} or none
 * @param pools              the profile's pools (fleet-wide ones among them)
 * @param gatewayNamespaces  namespaces where NodePort/LoadBalancer Services are expected (the edge); elsewhere they
 *                           are exposure findings unless annotated {@code capstan.io/expose: allowed}
 * @param cloud              cloud load balancer overrides
 */
public record GatewaysProfile(String loadBalancerClass, List<AddressPool> pools, List<String> gatewayNamespaces,
                              Cloud cloud) {

    /** The class used when the profile names none. */
    public static final String DEFAULT_CLASS = "capstan.io/load-balancer";
    /** The gateway namespace used when the profile names none. */
    public static final String DEFAULT_GATEWAY_NAMESPACE = "capstan-gateways";

    public GatewaysProfile {
        loadBalancerClass = loadBalancerClass == null ? DEFAULT_CLASS : loadBalancerClass;
        pools = pools == null ? List.of() : List.copyOf(pools);
        gatewayNamespaces = gatewayNamespaces == null || gatewayNamespaces.isEmpty()
                ? List.of(DEFAULT_GATEWAY_NAMESPACE) : List.copyOf(gatewayNamespaces);
        cloud = cloud == null ? new Cloud(null, Map.of(), false) : cloud;
    }

    /**
     * {@code gateways.cloud}.
     *
     * @param loadBalancerClass replaces the infrastructure's default class, null = default
     * @param annotations       laid over the infrastructure's default annotations
     * @param internal          internal load balancer variant
     */
    public record Cloud(String loadBalancerClass, Map<String, String> annotations, boolean internal) {
        public Cloud {
            annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        }
    }

    /** The pools marked fleet-wide. */
    public List<AddressPool> fleetWidePools() {
        return pools.stream().filter(AddressPool::fleetWide).toList();
    }
}
