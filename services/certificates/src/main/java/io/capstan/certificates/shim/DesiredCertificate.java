package io.capstan.certificates.shim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.certificates.spec.CertificateSpec;

/**
 * A Certificate the shim wants in the cluster, named after the TLS Secret (cert-manager's ingress-shim naming).
 *
 * @param namespace the source's namespace
 * @param name      the Certificate name (= {@code spec.secretName})
 * @param source    the Ingress or Gateway it comes from (its owner)
 * @param spec      the validated spec
 * @param manifest  the cert-manager.io/v1 Certificate object to create or update: label
 *                  {@code app.kubernetes.io/managed-by: capstan}, annotation {@code capstan.io/shim-source:
 *                  Kind/name}, an ownerReference to the source (controller, blockOwnerDeletion) when its uid is known,
 *                  and the spec as built from the TLS hosts and the {@code cert-manager.io/*} annotations. Do not
 *                  mutate.
 */
public record DesiredCertificate(String namespace, String name, SourceRef source, CertificateSpec spec, ObjectNode manifest) {
}
