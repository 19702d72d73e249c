package io.capstan.orchestrator.kubeconfig;

import io.capstan.model.cluster.ClusterEvent;
import io.capstan.orchestrator.config.OrchestratorConfig;
import io.capstan.orchestrator.problem.ProblemException;
import io.capstan.orchestrator.problem.ProblemKind;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Keeps workload-cluster kubeconfigs in the management cluster as Cluster API Secrets: name
 * {@code <cluster>-kubeconfig}, type {@code cluster.x-k8s.io/secret}, key {@code value}, label
 * {@code cluster.x-k8s.io/cluster-name=<cluster>} (Cluster API "Cluster kubeconfig Secret" contract), plus
 * {@code app.kubernetes.io/managed-by=capstan} to mark what Capstan owns.
 *
 * <p>Writes are create, or update carrying the resourceVersion that was read (never a blind overwrite, never a merge
 * patch or server-side apply), and only of Secrets Capstan owns. Management API failures become 503 problems;
 * fabric8 messages are not forwarded (they may quote the request).
 */
@ApplicationScoped
public class KubeconfigSecrets {

    private static final Logger LOG = Logger.getLogger(KubeconfigSecrets.class);

    /** Cluster API Secret type. */
    public static final String SECRET_TYPE = "cluster.x-k8s.io/secret";
    /** Cluster API label naming the cluster. */
    public static final String CLUSTER_NAME_LABEL = "cluster.x-k8s.io/cluster-name";
    /** Ownership label. */
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    /** Value of {@link #MANAGED_BY_LABEL} on Secrets Capstan owns. */
    public static final String MANAGED_BY = "capstan";

    /** What {@link #store} did. */
    public enum Outcome { CREATED, UPDATED }

    @Inject
    KubernetesClient client;

    @Inject
    OrchestratorConfig config;

    /**
     * Stores the kubeconfig of {@code cluster}.
     *
     * @return whether the Secret was created or an owned one updated
     * @throws ProblemException 409 when a Secret of that name exists and Capstan does not own it; 503 when the
     *                          management API fails
     */
    public Outcome store(String cluster, String kubeconfig) {
        String ns = config.management().namespace();
        String name = ClusterEvent.kubeconfigSecretName(cluster);
        Secret desired = new SecretBuilder()
                .withNewMetadata().withName(name).withNamespace(ns)
                .withLabels(Map.of(CLUSTER_NAME_LABEL, cluster, MANAGED_BY_LABEL, MANAGED_BY)).endMetadata()
                .withType(SECRET_TYPE)
                .withData(Map.of(ClusterEvent.KUBECONFIG_KEY,
                        Base64.getEncoder().encodeToString(kubeconfig.getBytes(StandardCharsets.UTF_8))))
                .build();
        try {
            try {
                client.secrets().inNamespace(ns).resource(desired).create();
                return Outcome.CREATED;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
            Secret existing = client.secrets().inNamespace(ns).withName(name).get();
            if (existing == null) {
                throw new ProblemException(ProblemKind.UNAVAILABLE, "The kubeconfig Secret changed while it was written; retry.");
            }
            if (!owned(existing)) {
                throw new ProblemException(ProblemKind.CONFLICT, "Secret " + ns + "/" + name
                        + " exists and is not managed by Capstan (label " + MANAGED_BY_LABEL + "=" + MANAGED_BY + " missing).");
            }
            Secret update = new SecretBuilder(desired).editMetadata()
                    .withResourceVersion(existing.getMetadata().getResourceVersion()).endMetadata().build();
            client.secrets().inNamespace(ns).resource(update).update();
            return Outcome.UPDATED;
        } catch (KubernetesClientException e) {
            String why = e.getCode() > 0 ? "HTTP " + e.getCode() : "not reachable";
            LOG.warnf("Management API refused the kubeconfig Secret %s/%s: %s", ns, name, why);
            throw new ProblemException(ProblemKind.UNAVAILABLE,
                    "The management API server did not store the kubeconfig Secret (" + why + "); retry later.",
                    java.util.List.of(), null);
        }
    }

    /**
     * Deletes the kubeconfig Secret of {@code cluster} if Capstan owns it; a missing Secret is fine.
     *
     * @throws KubernetesClientException when the management API fails (the caller retries)
     */
    public void delete(String cluster) {
        String ns = config.management().namespace();
        String name = ClusterEvent.kubeconfigSecretName(cluster);
        Secret existing = client.secrets().inNamespace(ns).withName(name).get();
        if (existing != null && owned(existing)) {
            client.secrets().inNamespace(ns).resource(existing).delete();
        }
    }

    private static boolean owned(Secret s) {
        Map<String, String> labels = s.getMetadata().getLabels();
        return labels != null && MANAGED_BY.equals(labels.get(MANAGED_BY_LABEL));
    }
}
