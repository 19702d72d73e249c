package io.capstan.gateways.cluster;

import io.capstan.gateways.reconcile.FleetClaims;
import io.capstan.kit.cluster.ClusterUnreachableException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Fleet-wide address claims as ConfigMaps in the management namespace, one per address, named
 * {@code capstan-ip-<address>} (IPv6 colons written {@code -}; the canonical text makes the name unique), labelled
 * {@code capstan.io/ip-claim=true} and {@code capstan.io/cluster=<holder>}, data {@code address, cluster, pool,
 * service}. A claim is a create (POST): the API server's uniqueness of names makes it atomic across replicas, a 409
 * AlreadyExists means someone holds it (read to learn who). No update ever changes the holder; a release is a delete
 * of a claim this cluster holds. Valid on a real kube-apiserver (no merge patch, no set-based selectors, no paging).
 */
public final class ConfigMapFleetClaims implements FleetClaims {

    /** Label marking a claim. */
    public static final String CLAIM_LABEL = "capstan.io/ip-claim";
    /** Label naming the holder. */
    public static final String CLUSTER_LABEL = "capstan.io/cluster";

    private final KubernetesClient management;
    private final String namespace;

    /**
     * @param management the management cluster's client (owned by the caller)
     * @param namespace  the management namespace
     */
    public ConfigMapFleetClaims(KubernetesClient management, String namespace) {
        this.management = management;
        this.namespace = namespace;
    }

    /** The ConfigMap name of an address. */
    public static String objectName(String address) {
        return "capstan-ip-" + address.toLowerCase(Locale.ROOT).replace(':', '-');
    }

    @Override
    public List<Claim> list() {
        try {
            List<Claim> out = new ArrayList<>();
            for (ConfigMap cm : management.configMaps().inNamespace(namespace).withLabel(CLAIM_LABEL, "true").list().getItems()) {
                out.add(toClaim(cm));
            }
            return out;
        } catch (KubernetesClientException e) {
            throw new ClusterUnreachableException("management cluster: cannot list address claims: " + e.getCode(), e);
        }
    }

    @Override
    public Optional<String> claim(Claim claim) {
        ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName(objectName(claim.address())).withNamespace(namespace)
                .addToLabels(CLAIM_LABEL, "true").addToLabels(CLUSTER_LABEL, claim.cluster())
                .addToLabels("app.kubernetes.io/managed-by", "capstan-gateways").endMetadata()
                .addToData(Map.of("address", claim.address(), "cluster", claim.cluster(),
                        "pool", claim.pool() == null ? "" : claim.pool(), "service", claim.service() == null ? "" : claim.service()))
                .build();
        // a claim released between our create (409) and our read is tried again, a few times
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                management.configMaps().inNamespace(namespace).resource(cm).create();
                return Optional.empty();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw new ClusterUnreachableException("management cluster: cannot claim " + claim.address() + ": " + e.getCode(), e);
                }
            }
            ConfigMap held = management.configMaps().inNamespace(namespace).withName(objectName(claim.address())).get();
            if (held != null) {
                String holder = toClaim(held).cluster();
                return holder.equals(claim.cluster()) ? Optional.empty() : Optional.of(holder);
            }
        }
        throw new ClusterUnreachableException("management cluster: the claim of " + claim.address()
                + " keeps changing hands; retrying the pass", null);
    }

    @Override
    public void release(Claim claim) {
        try {
            ConfigMap held = management.configMaps().inNamespace(namespace).withName(objectName(claim.address())).get();
            if (held != null && claim.cluster().equals(toClaim(held).cluster())) {
                management.configMaps().inNamespace(namespace).resource(held).delete();
            }
        } catch (KubernetesClientException e) {
            throw new ClusterUnreachableException("management cluster: cannot release " + claim.address() + ": " + e.getCode(), e);
        }
    }

    @Override
    public List<String> releaseAll(String cluster) {
        List<String> out = new ArrayList<>();
        try {
            for (ConfigMap cm : management.configMaps().inNamespace(namespace).withLabel(CLAIM_LABEL, "true")
                    .withLabel(CLUSTER_LABEL, cluster).list().getItems()) {
                Claim c = toClaim(cm);
                if (c.cluster().equals(cluster)) {
                    management.configMaps().inNamespace(namespace).resource(cm).delete();
                    out.add(c.address());
                }
            }
            return out;
        } catch (KubernetesClientException e) {
            throw new ClusterUnreachableException("management cluster: cannot release the claims of " + cluster + ": " + e.getCode(), e);
        }
    }

    private static Claim toClaim(ConfigMap cm) {
        Map<String, String> d = cm.getData() == null ? Map.of() : cm.getData();
        String cluster = d.getOrDefault("cluster", cm.getMetadata().getLabels() == null ? "" : cm.getMetadata().getLabels().getOrDefault(CLUSTER_LABEL, ""));
        return new Claim(d.getOrDefault("address", ""), cluster, d.get("pool"), d.get("service"));
    }
}
