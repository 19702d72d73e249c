package io.capstan.gateways.route;

/**
 * One {@code backendRefs} entry of an HTTPRoute rule (Gateway API {@code HTTPBackendRef}) with the defaults
 * applied: group {@code ""} (core), kind {@code Service}, namespace the route's own.
 *
 * @param group     API group, empty for core
 * @param kind      kind
 * @param namespace namespace (defaulted to the route's)
 * @param name      name
 * @param port      port, or null when absent (required for a Service)
 */
public record BackendRef(String group, String kind, String namespace, String name, Integer port) {

    /** @return whether the reference is a core Service */
    public boolean isService() {
        return group.isEmpty() && "Service".equals(kind);
    }
}
