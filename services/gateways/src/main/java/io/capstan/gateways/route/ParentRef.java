package io.capstan.gateways.route;

/**
 * One entry of a route's {@code spec.parentRefs} (Gateway API {@code ParentReference}) with the API defaults
 * applied: group {@code gateway.networking.k8s.io}, kind {@code Gateway}, namespace the route's own.
 *
 * @param group       API group of the parent
 * @param kind        kind of the parent
 * @param namespace   namespace of the parent (defaulted to the route's)
 * @param name        name of the parent
 * @param sectionName listener name, or null for every listener
 * @param port        listener port, or null for every port
 */
public record ParentRef(String group, String kind, String namespace, String name, String sectionName, Integer port) {

    /** @return whether this parentRef names a Gateway of the Gateway API group */
    public boolean isGateway() {
        return Reasons.GROUP.equals(group) && Reasons.GATEWAY.equals(kind);
    }

    /**
     * @param gatewayNamespace namespace of a Gateway
     * @param gatewayName      name of a Gateway
     * @return whether this parentRef names that Gateway (ignoring sectionName and port)
     */
    public boolean names(String gatewayNamespace, String gatewayName) {
        return isGateway() && namespace.equals(gatewayNamespace) && name.equals(gatewayName);
    }
}
