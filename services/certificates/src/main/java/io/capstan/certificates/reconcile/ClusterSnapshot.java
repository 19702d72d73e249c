package io.capstan.certificates.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.certificates.issuer.SecretReader;
import io.capstan.certificates.profile.CertificatesProfile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one pass observed of a workload cluster: its Certificates (cert-manager.io/v1 and the refused
 * certmanager.k8s.io/v1alpha1), Issuers, ClusterIssuers and CertificateRequests, plus the owner of each claimed
 * Secret name: when several Certificates of a namespace name one {@code secretName}, the oldest (creationTimestamp,
 * then name) owns it and the others are refused, so two Certificates never overwrite each other's Secret.
 *
 * @param cluster            cluster name
 * @param profile            its certificates profile
 * @param workload           the cluster's API
 * @param certificates       cert-manager.io/v1 Certificates, sorted by namespace and name
 * @param legacyCertificates certmanager.k8s.io/v1alpha1 Certificates
 * @param issuers            Issuers of every namespace
 * @param clusterIssuers     ClusterIssuers
 * @param requests           CertificateRequests of every namespace
 * @param secretOwners       {@code namespace/secretName} to the name of the Certificate that owns it
 * @param generation         the cluster's generation (profile changes bump it)
 * @param secretsByName      every Secret, keyed {@code namespace/name} (one list call per pass)
 */
public record ClusterSnapshot(String cluster, CertificatesProfile profile, WorkloadCertificates workload,
                              List<JsonNode> certificates, List<JsonNode> legacyCertificates, List<JsonNode> issuers,
                              List<JsonNode> clusterIssuers, List<JsonNode> requests, Map<String, String> secretOwners,
                              long generation, Map<String, WorkloadCertificates.SecretState> secretsByName) {

    /** Lists everything a pass needs. */
    public static ClusterSnapshot observe(String cluster, long generation, CertificatesProfile profile, WorkloadCertificates ws) {
        List<JsonNode> certs = new ArrayList<>(ws.list(WorkloadCertificates.Kind.CERTIFICATE));
        certs.sort(Comparator.comparing((JsonNode n) -> ns(n)).thenComparing(ClusterSnapshot::name));
        Map<String, String> owners = new HashMap<>();
        List<JsonNode> byAge = new ArrayList<>(certs);
        byAge.sort(Comparator.comparing((JsonNode n) -> n.path("metadata").path("creationTimestamp").asText(""))
                .thenComparing(ClusterSnapshot::name));
        for (JsonNode c : byAge) {
            String secret = c.path("spec").path("secretName").asText("");
            if (!secret.isEmpty()) {
                owners.putIfAbsent(ns(c) + "/" + secret, name(c));
            }
        }
        return new ClusterSnapshot(cluster, profile, ws, List.copyOf(certs), ws.list(WorkloadCertificates.Kind.LEGACY_CERTIFICATE),
                ws.list(WorkloadCertificates.Kind.ISSUER), ws.list(WorkloadCertificates.Kind.CLUSTER_ISSUER),
                ws.list(WorkloadCertificates.Kind.CERTIFICATE_REQUEST), Map.copyOf(owners), generation,
                certs.isEmpty() ? Map.of() : ws.secrets());
    }

    /** Reads the cluster's Secrets for its own CA Issuers (from the pass's list). */
    public SecretReader secrets() {
        return (namespace, name) -> secret(namespace, name)
                .map(st -> new SecretReader.Content(st.resourceVersion(), st.data()));
    }

    /** A Secret as listed at the start of the pass. */
    public Optional<WorkloadCertificates.SecretState> secret(String namespace, String name) {
        return Optional.ofNullable(secretsByName.get(namespace + "/" + name));
    }

    static String ns(JsonNode n) {
        return n.path("metadata").path("namespace").asText("");
    }

    static String name(JsonNode n) {
        return n.path("metadata").path("name").asText("");
    }
}
