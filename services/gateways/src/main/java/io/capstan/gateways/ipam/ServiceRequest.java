package io.capstan.gateways.ipam;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one Service of type LoadBalancer asks of the allocator, already read from its spec, annotations and status
 * (see {@code io.capstan.gateways.service.ServiceRequests}). Pure value.
 *
 * @param key             {@code namespace/name}, the allocator's identity of the Service
 * @param namespace       metadata.namespace
 * @param labels          metadata.labels (for {@code serviceAllocation.serviceSelectors})
 * @param namespaceLabels labels of the Service's Namespace (for {@code serviceAllocation.namespaceSelectors})
 * @param created         metadata.creationTimestamp (ordering: older Services are served first), may be null
 * @param families        {@code spec.ipFamilies} in order (the first is the primary family); IPv4 when unset
 * @param policy          {@code spec.ipFamilyPolicy}
 * @param requestedIps    {@code spec.loadBalancerIP} or the {@code metallb.io/loadBalancerIPs} annotation (at most
 *                        one address per family); empty = any address
 * @param requestedPool   the {@code metallb.io/address-pool} annotation, null when unset
 * @param sharingKey      the {@code metallb.io/allow-shared-ip} annotation, null when the Service does not share
 * @param backendKey      "" with {@code externalTrafficPolicy: Cluster}; the selector as {@code k=v,...} (sorted)
 *                        with {@code Local}: sharing Services must have equal backend keys
 * @param ports           {@code spec.ports} (protocol, port)
 * @param previous        addresses recorded in {@code status.loadBalancer.ingress[].ip}, restored before any new
 *                        allocation
 * @param invalid         null, or the reason the request cannot be read (it is then refused with reason
 *                        {@code InvalidRequest} and this message)
 */
public record ServiceRequest(String key, String namespace, Map<String, String> labels, Map<String, String> namespaceLabels,
                             Instant created, List<IpFamily> families, FamilyPolicy policy, List<IpAddress> requestedIps,
                             String requestedPool, String sharingKey, String backendKey, List<Port> ports,
                             List<IpAddress> previous, String invalid) {

    public ServiceRequest {
        Objects.requireNonNull(key, "key");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        namespaceLabels = namespaceLabels == null ? Map.of() : Map.copyOf(namespaceLabels);
        families = families == null || families.isEmpty() ? List.of(IpFamily.IPv4) : List.copyOf(families);
        policy = policy == null ? FamilyPolicy.SingleStack : policy;
        requestedIps = requestedIps == null ? List.of() : List.copyOf(requestedIps);
        requestedPool = requestedPool == null || requestedPool.isBlank() ? null : requestedPool;
        sharingKey = sharingKey == null || sharingKey.isBlank() ? null : sharingKey;
        backendKey = backendKey == null ? "" : backendKey;
        ports = ports == null ? List.of() : List.copyOf(ports);
        previous = previous == null ? List.of() : List.copyOf(previous);
    }

    /** A plain single-stack IPv4 request of that key (namespace taken from the key), for tests and benchmarks. */
    public static ServiceRequest simple(String key, List<Port> ports) {
        String ns = key.contains("/") ? key.substring(0, key.indexOf('/')) : "default";
        return new ServiceRequest(key, ns, Map.of(), Map.of(), null, List.of(IpFamily.IPv4), FamilyPolicy.SingleStack,
                List.of(), null, null, "", ports, List.of(), null);
    }

    /** The families that must be served: both with RequireDualStack or PreferDualStack, else the primary one. */
    public List<IpFamily> wantedFamilies() {
        if (policy == FamilyPolicy.SingleStack) {
            return List.of(families.get(0));
        }
        List<IpFamily> out = new ArrayList<>(families);
        for (IpFamily f : IpFamily.values()) {
            if (!out.contains(f)) {
                out.add(f);
            }
        }
        return out;
    }

    /** A copy with other previous addresses. */
    public ServiceRequest withPrevious(List<IpAddress> prev) {
        return new ServiceRequest(key, namespace, labels, namespaceLabels, created, families, policy, requestedIps,
                requestedPool, sharingKey, backendKey, ports, prev, invalid);
    }

    /** A copy asking for these addresses. */
    public ServiceRequest withRequestedIps(List<IpAddress> ips) {
        return new ServiceRequest(key, namespace, labels, namespaceLabels, created, families, policy, ips,
                requestedPool, sharingKey, backendKey, ports, previous, invalid);
    }
}
