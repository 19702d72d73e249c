package io.capstan.sandbox.kube;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CustomResourceDefinitions of the add-ons Capstan reads, registered on every sandbox workload cluster. They
 * follow the upstream CRDs (cert-manager, external-dns, MetalLB, Gateway API, Istio, external-snapshotter, the
 * wg-policy PolicyReport, Karpenter, Cluster API) in group, versions, names and scope; their schemas are reduced to
 * {@code x-kubernetes-preserve-unknown-fields: true} because the sandbox validates no fields.
 */
public final class CapstanCrds {

    private CapstanCrds() {
    }

    /** @return CRD objects (apiextensions.k8s.io/v1) as JSON-ready maps */
    public static List<Map<String, Object>> all() {
        List<Map<String, Object>> c = new ArrayList<>();
        c.add(crd("cert-manager.io", "Certificate", "certificates", true, List.of("cert", "certs"), "v1"));
        c.add(crd("cert-manager.io", "CertificateRequest", "certificaterequests", true, List.of("cr", "crs"), "v1"));
        c.add(crd("cert-manager.io", "Issuer", "issuers", true, List.of(), "v1"));
        c.add(crd("cert-manager.io", "ClusterIssuer", "clusterissuers", false, List.of(), "v1"));
        c.add(crd("acme.cert-manager.io", "Order", "orders", true, List.of(), "v1"));
        c.add(crd("acme.cert-manager.io", "Challenge", "challenges", true, List.of(), "v1"));
        c.add(crd("externaldns.k8s.io", "DNSEndpoint", "dnsendpoints", true, List.of(), "v1alpha1"));
        c.add(crd("metallb.io", "IPAddressPool", "ipaddresspools", true, List.of(), "v1beta1"));
        c.add(crd("metallb.io", "L2Advertisement", "l2advertisements", true, List.of(), "v1beta1"));
        c.add(crd("metallb.io", "BGPAdvertisement", "bgpadvertisements", true, List.of(), "v1beta1"));
        c.add(crd("gateway.networking.k8s.io", "GatewayClass", "gatewayclasses", false, List.of("gc"), "v1"));
        c.add(crd("gateway.networking.k8s.io", "Gateway", "gateways", true, List.of("gtw"), "v1"));
        c.add(crd("gateway.networking.k8s.io", "HTTPRoute", "httproutes", true, List.of(), "v1"));
        c.add(crd("gateway.networking.k8s.io", "GRPCRoute", "grpcroutes", true, List.of(), "v1"));
        c.add(crd("gateway.networking.k8s.io", "ReferenceGrant", "referencegrants", true, List.of("refgrant"),
            "v1beta1"));
        c.add(crd("gateway.networking.k8s.io", "TLSRoute", "tlsroutes", true, List.of(), "v1alpha2"));
        c.add(crd("security.istio.io", "PeerAuthentication", "peerauthentications", true, List.of("pa"), "v1"));
        c.add(crd("security.istio.io", "AuthorizationPolicy", "authorizationpolicies", true, List.of("ap"), "v1"));
        c.add(crd("security.istio.io", "RequestAuthentication", "requestauthentications", true, List.of("ra"),
            "v1"));
        c.add(crd("networking.istio.io", "DestinationRule", "destinationrules", true, List.of("dr"), "v1"));
        c.add(crd("networking.istio.io", "VirtualService", "virtualservices", true, List.of("vs"), "v1"));
        c.add(crd("snapshot.storage.k8s.io", "VolumeSnapshotClass", "volumesnapshotclasses", false,
            List.of("vsclass", "vsclasses"), "v1"));
        c.add(crd("snapshot.storage.k8s.io", "VolumeSnapshot", "volumesnapshots", true, List.of("vs"), "v1"));
        c.add(crd("snapshot.storage.k8s.io", "VolumeSnapshotContent", "volumesnapshotcontents", false,
            List.of("vsc", "vscs"), "v1"));
        c.add(crd("wgpolicyk8s.io", "PolicyReport", "policyreports", true, List.of("polr"), "v1alpha2"));
        c.add(crd("wgpolicyk8s.io", "ClusterPolicyReport", "clusterpolicyreports", false, List.of("cpolr"),
            "v1alpha2"));
        c.add(crd("karpenter.sh", "NodePool", "nodepools", false, List.of(), "v1"));
        c.add(crd("karpenter.sh", "NodeClaim", "nodeclaims", false, List.of(), "v1"));
        c.add(crd("cluster.x-k8s.io", "MachineDeployment", "machinedeployments", true, List.of("md"), "v1beta1"));
        return c;
    }

    /**
     * Builds a compact CRD.
     *
     * @param group      API group
     * @param kind       kind
     * @param plural     plural resource name
     * @param namespaced scope Namespaced when true, Cluster otherwise
     * @param shortNames short names
     * @param version    the one served and storage version
     * @return the CRD as a map ready for JSON
     */
    public static Map<String, Object> crd(String group, String kind, String plural, boolean namespaced,
                                          List<String> shortNames, String version) {
        Map<String, Object> names = new LinkedHashMap<>();
        names.put("kind", kind);
        names.put("listKind", kind + "List");
        names.put("plural", plural);
        names.put("singular", kind.toLowerCase(Locale.ROOT));
        if (!shortNames.isEmpty()) {
            names.put("shortNames", shortNames);
        }
        Map<String, Object> schema = Map.of("openAPIV3Schema",
            Map.of("type", "object", "x-kubernetes-preserve-unknown-fields", true));
        Map<String, Object> ver = new LinkedHashMap<>();
        ver.put("name", version);
        ver.put("served", true);
        ver.put("storage", true);
        ver.put("schema", schema);
        ver.put("subresources", Map.of("status", Map.of()));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("group", group);
        spec.put("names", names);
        spec.put("scope", namespaced ? "Namespaced" : "Cluster");
        spec.put("versions", List.of(ver));
        Map<String, Object> crd = new LinkedHashMap<>();
        crd.put("apiVersion", "apiextensions.k8s.io/v1");
        crd.put("kind", "CustomResourceDefinition");
        crd.put("metadata", Map.of("name", plural + "." + group));
        crd.put("spec", spec);
        return crd;
    }
}
