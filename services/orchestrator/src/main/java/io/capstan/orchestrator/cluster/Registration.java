package io.capstan.orchestrator.cluster;

import io.capstan.model.cluster.Infrastructure;

import java.util.Map;

/**
 * A validated registration request (the body of {@code POST /api/v1/clusters}).
 *
 * @param name           DNS-1123 label
 * @param infrastructure where the cluster runs
 * @param profile        profile name, DNS-1123 label, {@code default} when not given
 * @param kubeconfig     kubeconfig YAML; write-only: stored in the management Secret, never returned or logged
 * @param labels         Kubernetes-style labels, never null
 * @param site           free-form site name, may be null
 */
public record Registration(String name, Infrastructure infrastructure, String profile, String kubeconfig,
                           Map<String, String> labels, String site) {

    public Registration {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** Never prints the kubeconfig. */
    @Override
    public String toString() {
        return "Registration[name=" + name + ", infrastructure=" + infrastructure + ", profile=" + profile
                + ", labels=" + labels + ", site=" + site + "]";
    }
}
