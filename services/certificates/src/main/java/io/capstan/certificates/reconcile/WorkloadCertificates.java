package io.capstan.certificates.reconcile;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The port to one workload cluster's API server: what the certificates reconciler reads and writes there. Objects
 * travel as Jackson trees (the shape the API server serves), so the pure core never sees a fabric8 type.
 *
 * <p>Every write is valid against a real kube-apiserver: create, or update carrying the resourceVersion that was
 * read (a stale one is a 409, thrown as {@link ApplyConflictException}); status through the status subresource; no
 * merge patch, no apply, no list paging, no set-based selector.
 *
 * @see io.capstan.certificates.cluster.Fabric8WorkloadCertificates the adapter
 */
public interface WorkloadCertificates {

    /** The kinds the reconciler lists. */
    enum Kind {
        /** cert-manager.io/v1 Certificate, every namespace. */
        CERTIFICATE,
        /** cert-manager.io/v1 Issuer, every namespace. */
        ISSUER,
        /** cert-manager.io/v1 ClusterIssuer. */
        CLUSTER_ISSUER,
        /** cert-manager.io/v1 CertificateRequest, every namespace. */
        CERTIFICATE_REQUEST,
        /** networking.k8s.io/v1 Ingress, every namespace. */
        INGRESS,
        /** gateway.networking.k8s.io/v1 Gateway, every namespace. */
        GATEWAY,
        /** certmanager.k8s.io/v1alpha1 Certificate (the pre-1.0 API of old manifests), every namespace. */
        LEGACY_CERTIFICATE
    }

    /**
     * Every object of a kind. A kind the API server does not serve (404: CRD not installed) is an empty list.
     *
     * @throws io.capstan.certificates.reconcile.ClusterReadException when the API server does not answer
     */
    List<JsonNode> list(Kind kind);

    /**
     * A Secret with its data decoded.
     *
     * @return empty when it does not exist
     */
    Optional<SecretState> secret(String namespace, String name);

    /**
     * Every Secret of the cluster with its data decoded (one list call per pass, as cert-manager's Secret informer
     * sees them), keyed {@code namespace/name}.
     *
     * @throws io.capstan.certificates.reconcile.ClusterReadException when the API server does not answer
     */
    java.util.Map<String, SecretState> secrets();

    /**
     * Creates the Secret ({@code resourceVersion} null) or updates it with the resourceVersion read.
     *
     * @throws ApplyConflictException on 409 (exists already, or changed since it was read)
     */
    void writeSecret(SecretState secret);

    /** Deletes a Secret; absent is fine. */
    void deleteSecret(String namespace, String name);

    /**
     * Replaces a Certificate's {@code status} through the status subresource, carrying the object's resourceVersion.
     *
     * @param certificate the Certificate as read, with {@code status} set to the new value
     * @throws ApplyConflictException on 409
     */
    void updateCertificateStatus(JsonNode certificate);

    /**
     * Creates an object of a kind ({@link Kind#CERTIFICATE} or {@link Kind#CERTIFICATE_REQUEST}); for a
     * CertificateRequest its {@code status} is written afterwards through the status subresource.
     *
     * @return the created object as the server answered
     * @throws ApplyConflictException on 409
     */
    JsonNode create(Kind kind, JsonNode object);

    /**
     * Updates an object (spec, labels, annotations) with the resourceVersion it carries.
     *
     * @throws ApplyConflictException on 409
     */
    void update(Kind kind, JsonNode object);

    /** Deletes an object; absent is fine. */
    void delete(Kind kind, String namespace, String name);

    /**
     * A Secret as read or to write: {@code kubernetes.io/tls} for issued certificates.
     *
     * @param namespace       namespace
     * @param name            name
     * @param resourceVersion as read; null to create
     * @param type            Secret type, for example {@code kubernetes.io/tls}
     * @param labels          labels, never null
     * @param annotations     annotations, never null
     * @param data            decoded data (for example {@code tls.crt} PEM bytes), never null; secret material, never
     *                        logged
     */
    record SecretState(String namespace, String name, String resourceVersion, String type, Map<String, String> labels,
                       Map<String, String> annotations, Map<String, byte[]> data) {
        public SecretState {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
            annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
            data = data == null ? Map.of() : Map.copyOf(data);
        }

        /** Never prints the data. */
        @Override
        public String toString() {
            return "Secret " + namespace + "/" + name + " (keys " + new java.util.TreeSet<>(data.keySet()) + ")";
        }
    }
}
