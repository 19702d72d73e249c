package io.capstan.model.cluster;

import java.util.Map;
import java.util.Objects;

/**
 * Payload of {@code capstan.clusters} ({@code io.capstan.cluster.registered.v1}, {@code .updated.v1},
 * {@code .deregistered.v1}). Carries no credentials: services read the kubeconfig from the management Secret named
 * by {@link #kubeconfigSecret()} (the Cluster API convention {@code <cluster>-kubeconfig}, key {@code value}).
 *
 * @param name             cluster name, a DNS-1123 label (RFC 1123 §2.1, at most 63 characters)
 * @param infrastructure   where it runs
 * @param site             free-form site name, may be null
 * @param labels           labels set at registration, never null
 * @param profile          the resolved profile (its current revision, or empty when it is not defined yet)
 * @param generation       bumped by the orchestrator on every spec or profile change, starting at 1
 * @param deleting         true once deletion was asked: services clean up and report {@code Finalized=True}
 * @param kubeconfigSecret name of the management Secret with the kubeconfig, in the management namespace
 */
public record ClusterEvent(String name, Infrastructure infrastructure, String site, Map<String, String> labels,
                           Profile profile, long generation, boolean deleting, String kubeconfigSecret) {

    public ClusterEvent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(infrastructure, "infrastructure");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        profile = profile == null ? Profile.empty("default") : profile;
        kubeconfigSecret = kubeconfigSecret == null ? kubeconfigSecretName(name) : kubeconfigSecret;
    }

    /** The Cluster API name of a cluster's kubeconfig Secret: {@code <cluster>-kubeconfig}. */
    public static String kubeconfigSecretName(String cluster) {
        return cluster + "-kubeconfig";
    }

    /** Key of the kubeconfig inside that Secret ({@code value}, as Cluster API writes it). */
    public static final String KUBECONFIG_KEY = "value";
}
