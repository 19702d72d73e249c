package io.capstan.gateways.ipam;

import java.util.List;
import java.util.Map;

/**
 * MetalLB's {@code IPAddressPool.spec.serviceAllocation}: which Services a pool serves and in which order pools are
 * tried. A pool with a serviceAllocation is used for automatic allocation only by the Services it selects (MetalLB's
 * "pinned" pools), tried before the pools without one, by ascending {@code priority} (lower value first; 0 = unset =
 * last); an explicit request for one of its addresses or its name must also be selected.
 *
 * @param priority           1 is the highest priority; 0 when unset
 * @param namespaces         namespaces served (empty: no namespace restriction by name)
 * @param namespaceSelectors selectors on the Service's Namespace labels
 * @param serviceSelectors   selectors on the Service's labels
 */
public record ServiceAllocation(int priority, List<String> namespaces, List<LabelSelector> namespaceSelectors,
                                List<LabelSelector> serviceSelectors) {

    public ServiceAllocation {
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        namespaceSelectors = namespaceSelectors == null ? List.of() : List.copyOf(namespaceSelectors);
        serviceSelectors = serviceSelectors == null ? List.of() : List.copyOf(serviceSelectors);
        if (priority < 0) {
            throw new IllegalArgumentException("serviceAllocation.priority must not be negative");
        }
    }

    /**
     * True when the pool may serve this Service: its namespace is listed or matched by a namespace selector (when any
     * is given), and its labels match a service selector (when any is given).
     *
     * @param namespace       the Service's namespace
     * @param namespaceLabels that Namespace's labels (empty when unknown)
     * @param serviceLabels   the Service's labels
     */
    public boolean serves(String namespace, Map<String, String> namespaceLabels, Map<String, String> serviceLabels) {
        if (!namespaces.isEmpty() || !namespaceSelectors.isEmpty()) {
            boolean ns = namespaces.contains(namespace)
                    || namespaceSelectors.stream().anyMatch(s -> s.matches(namespaceLabels));
            if (!ns) {
                return false;
            }
        }
        return serviceSelectors.isEmpty() || serviceSelectors.stream().anyMatch(s -> s.matches(serviceLabels));
    }
}
