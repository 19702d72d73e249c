package io.capstan.orchestrator.cluster;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/**
 * The JSON body of {@code POST /api/v1/clusters}, for the OpenAPI document. The body is checked field by field by
 * {@link RegistrationCheck}, not bound to this type.
 */
@Schema(name = "ClusterRegistration", description = "Registers a workload cluster. Unknown fields are refused (422).")
public record ClusterRequest(
        @Schema(required = true, maxLength = 63, pattern = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
                description = "DNS-1123 label, unique") String name,
        @Schema(required = true, enumeration = {"openstack", "eks", "aks", "gke", "private", "standalone"}) String infrastructure,
        @Schema(defaultValue = "default", description = "profile name; it may be defined later with PUT /api/v1/profiles/{name}") String profile,
        @Schema(required = true, writeOnly = true,
                description = "kubeconfig YAML with a current-context naming one of its contexts and clusters; stored in the "
                        + "management Secret <name>-kubeconfig (key value) and never returned") String kubeconfig,
        @Schema(description = "Kubernetes-style labels") Map<String, String> labels,
        @Schema(description = "free-form site name") String site) {
}
