package io.capstan.watcher.kind;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one table of kinds the cluster watcher publishes (issue 2, "cluster-watcher", and ARCHITECTURE.md
 * "Compatibility is a feature"): the built-in kinds every domain service reads, always watched, and the add-on kinds
 * (Gateway API, cert-manager, ExternalDNS, MetalLB, Istio security, CSI snapshots), watched only when the API server
 * serves them. Pure: no client types.
 */
public final class WatchedKinds {

    /** Every kind, built-in first. Versions are the storage versions of the upstream projects' current releases. */
    public static final List<WatchedKind> ALL = List.of(
            builtIn("", "v1", "Namespace", "namespaces", false),
            builtIn("", "v1", "Node", "nodes", false),
            builtIn("", "v1", "Pod", "pods", true),
            builtIn("", "v1", "Service", "services", true),
            builtIn("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true),
            builtIn("networking.k8s.io", "v1", "Ingress", "ingresses", true),
            builtIn("storage.k8s.io", "v1", "StorageClass", "storageclasses", false),
            builtIn("storage.k8s.io", "v1", "CSIDriver", "csidrivers", false),
            // Gateway API (gateway-api v1.x: standard channel v1, TLSRoute experimental v1alpha2)
            addOn("gateway.networking.k8s.io", "v1", "GatewayClass", "gatewayclasses", false),
            addOn("gateway.networking.k8s.io", "v1", "Gateway", "gateways", true),
            addOn("gateway.networking.k8s.io", "v1", "HTTPRoute", "httproutes", true),
            addOn("gateway.networking.k8s.io", "v1", "GRPCRoute", "grpcroutes", true),
            addOn("gateway.networking.k8s.io", "v1alpha2", "TLSRoute", "tlsroutes", true),
            addOn("gateway.networking.k8s.io", "v1beta1", "ReferenceGrant", "referencegrants", true),
            // cert-manager.io/v1
            addOn("cert-manager.io", "v1", "Certificate", "certificates", true),
            addOn("cert-manager.io", "v1", "CertificateRequest", "certificaterequests", true),
            addOn("cert-manager.io", "v1", "Issuer", "issuers", true),
            addOn("cert-manager.io", "v1", "ClusterIssuer", "clusterissuers", false),
            // ExternalDNS
            addOn("externaldns.k8s.io", "v1alpha1", "DNSEndpoint", "dnsendpoints", true),
            // MetalLB
            addOn("metallb.io", "v1beta1", "IPAddressPool", "ipaddresspools", true),
            // Istio security
            addOn("security.istio.io", "v1", "PeerAuthentication", "peerauthentications", true),
            addOn("security.istio.io", "v1", "AuthorizationPolicy", "authorizationpolicies", true),
            // CSI snapshots
            addOn("snapshot.storage.k8s.io", "v1", "VolumeSnapshotClass", "volumesnapshotclasses", false));

    private WatchedKinds() {
    }

    /**
     * The kinds to watch on one API server: every built-in kind, plus each add-on kind whose resource discovery lists.
     *
     * @param served discovery answer: group version ({@code cert-manager.io/v1}, {@code v1} for core) to the resource
     *               names ({@code certificates}) its {@code APIResourceList} holds; a group version the server does
     *               not serve is absent
     * @return the kinds in table order
     */
    public static List<WatchedKind> toWatch(Map<String, Set<String>> served) {
        return ALL.stream()
                .filter(k -> !k.optional() || served.getOrDefault(k.apiVersion(), Set.of()).contains(k.plural()))
                .toList();
    }

    /** The group versions of the add-on kinds: the ones whose discovery documents the watcher reads. */
    public static Set<String> optionalGroupVersions() {
        return ALL.stream().filter(WatchedKind::optional).map(WatchedKind::apiVersion)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /** The kind of that group and kind name, if the table has it. */
    public static java.util.Optional<WatchedKind> find(String group, String kind) {
        return ALL.stream().filter(k -> k.group().equals(group) && k.kind().equals(kind)).findFirst();
    }

    private static WatchedKind builtIn(String group, String version, String kind, String plural, boolean namespaced) {
        return new WatchedKind(group, version, kind, plural, namespaced, false);
    }

    private static WatchedKind addOn(String group, String version, String kind, String plural, boolean namespaced) {
        return new WatchedKind(group, version, kind, plural, namespaced, true);
    }
}
