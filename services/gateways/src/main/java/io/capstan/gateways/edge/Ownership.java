package io.capstan.gateways.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.gateways.profile.LoadBalancerSettings;

/**
 * How the edge marks what it creates in a workload cluster, the same marks as every Capstan service: label
 * {@code app.kubernetes.io/managed-by=capstan-gateways}, annotations {@code capstan.io/owner=gateways} and
 * {@code capstan.io/cluster=<registered cluster name>}. An object without all three for this cluster is never
 * updated or deleted by the edge.
 */
public final class Ownership {

    /** Label key (Kubernetes recommended label). */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** Label value, the gateways module's ({@link LoadBalancerSettings#MANAGED_BY}): the reconciler keeps cloud
     * annotations on LoadBalancer Services with it. */
    public static final String CAPSTAN = LoadBalancerSettings.MANAGED_BY;
    /** Annotation naming the Capstan component. */
    public static final String OWNER = "capstan.io/owner";
    /** This component. */
    public static final String GATEWAYS = "gateways";
    /** Annotation naming the registered cluster. */
    public static final String CLUSTER = "capstan.io/cluster";
    /** Annotation on an HTTPRoute translated from an Ingress: {@code <ingress name>} (same namespace). */
    public static final String TRANSLATED_FROM = "capstan.io/translated-from-ingress";

    private Ownership() {
    }

    /**
     * Adds the marks to an object's metadata.
     *
     * @param object  a Kubernetes object with a metadata object
     * @param cluster the registered cluster name
     */
    public static void stamp(ObjectNode object, String cluster) {
        ObjectNode meta = Nodes.child(object, "metadata");
        Nodes.child(meta, "labels").put(MANAGED_BY, CAPSTAN);
        Nodes.child(meta, "annotations").put(OWNER, GATEWAYS).put(CLUSTER, cluster);
    }

    /**
     * @param object  a Kubernetes object
     * @param cluster the registered cluster name
     * @return whether it carries the edge's marks for this cluster
     */
    public static boolean owned(JsonNode object, String cluster) {
        JsonNode meta = object.path("metadata");
        return CAPSTAN.equals(meta.path("labels").path(MANAGED_BY).asText(null))
            && GATEWAYS.equals(meta.path("annotations").path(OWNER).asText(null))
            && cluster.equals(meta.path("annotations").path(CLUSTER).asText(null));
    }
}
