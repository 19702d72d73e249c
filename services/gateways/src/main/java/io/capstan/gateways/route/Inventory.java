package io.capstan.gateways.route;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything route attachment needs to know about one cluster, read by an adapter, checked in pure code.
 *
 * @param gateways        the Gateways whose attachment this controller decides (the caller filters by
 *                        GatewayClass controllerName); parentRefs to any other Gateway are left alone
 * @param routes          every HTTPRoute of the cluster
 * @param grants          every ReferenceGrant of the cluster
 * @param namespaceLabels labels by namespace name (a namespace missing here has no labels)
 * @param services        existing Services as {@code namespace/name}
 * @param secrets         existing Secrets as {@code namespace/name} to whether they hold TLS material
 *                        ({@code tls.crt} and {@code tls.key} present)
 */
public record Inventory(List<Gateway> gateways, List<HttpRoute> routes, List<ReferenceGrant> grants,
                        Map<String, Map<String, String>> namespaceLabels, Set<String> services,
                        Map<String, Boolean> secrets) {

    public Inventory {
        gateways = List.copyOf(gateways);
        routes = List.copyOf(routes);
        grants = List.copyOf(grants);
        namespaceLabels = Map.copyOf(namespaceLabels);
        services = Set.copyOf(services);
        secrets = Map.copyOf(secrets);
    }

    /** @return {@code namespace/name} */
    static String key(String namespace, String name) {
        return namespace + '/' + name;
    }
}
