package io.capstan.watcher.kind;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The kind table is pure data plus a discovery filter: no Quarkus needed. */
class WatchedKindsTest {

    @Test
    void builtInKindsAreAlwaysWatchedEvenWithoutDiscovery() {
        assertThat(WatchedKinds.toWatch(Map.of())).extracting(WatchedKind::kind).containsExactly(
                "Namespace", "Node", "Pod", "Service", "PersistentVolumeClaim", "Ingress", "StorageClass", "CSIDriver");
    }

    @Test
    void addOnKindIsWatchedOnlyWhenDiscoveryListsItsResource() {
        var kinds = WatchedKinds.toWatch(Map.of(
                "cert-manager.io/v1", Set.of("certificates", "issuers"),
                "metallb.io/v1beta1", Set.of()));
        assertThat(kinds).extracting(WatchedKind::kind)
                .contains("Certificate", "Issuer")
                .doesNotContain("ClusterIssuer", "CertificateRequest", "IPAddressPool", "Gateway");
    }

    @Test
    void everyAddOnKindOfTheIssueIsInTheTable() {
        assertThat(WatchedKinds.ALL.stream().filter(WatchedKind::optional).map(WatchedKind::kind)).containsExactlyInAnyOrder(
                "GatewayClass", "Gateway", "HTTPRoute", "GRPCRoute", "TLSRoute", "ReferenceGrant",
                "Certificate", "CertificateRequest", "Issuer", "ClusterIssuer", "DNSEndpoint", "IPAddressPool",
                "PeerAuthentication", "AuthorizationPolicy", "VolumeSnapshotClass");
    }

    @Test
    void coreGroupApiVersionIsTheVersionAloneAndIngressIsNetworkingV1() {
        assertThat(WatchedKinds.find("", "Service").orElseThrow().apiVersion()).isEqualTo("v1");
        assertThat(WatchedKinds.find("networking.k8s.io", "Ingress").orElseThrow().apiVersion()).isEqualTo("networking.k8s.io/v1");
        assertThat(WatchedKinds.find("storage.k8s.io", "StorageClass").orElseThrow().namespaced()).isFalse();
    }

    @Test
    void kindsAreUniqueAndPluralsLowercase() {
        assertThat(WatchedKinds.ALL.stream().map(k -> k.group() + "/" + k.kind()).distinct().count()).isEqualTo(WatchedKinds.ALL.size());
        assertThat(WatchedKinds.ALL).allSatisfy(k -> assertThat(k.plural()).isLowerCase());
        assertThat(WatchedKinds.optionalGroupVersions()).contains("gateway.networking.k8s.io/v1", "snapshot.storage.k8s.io/v1")
                .doesNotContain("v1", "storage.k8s.io/v1");
    }
}
