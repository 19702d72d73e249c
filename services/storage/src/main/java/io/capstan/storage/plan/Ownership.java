package io.capstan.storage.plan;

import java.util.Map;

/**
 * Ownership marks and default-class annotations, as the Kubernetes documentation names them.
 *
 * <ul>
 *   <li>An object is Capstan-managed when it carries label {@value #MANAGED_BY_LABEL}={@value #MANAGED_BY} (the
 *   Kubernetes recommended label) and annotation {@value #OWNER_ANNOTATION}={@value #OWNER}.</li>
 *   <li>A registered cluster owns an object only when, in addition, annotation {@value #CLUSTER_ANNOTATION} names
 *   that cluster ({@link Claim#OURS}). The same API server may be registered under two names, so a Capstan-managed
 *   object naming another cluster is {@link Claim#OTHER_CLUSTER}: never updated, never deleted. A Capstan-managed
 *   object without the annotation (written before it existed) is {@link Claim#LEGACY}: adopted (and stamped) only
 *   by a cluster whose profile asks for that name, otherwise left alone. Anything else is {@link Claim#FOREIGN}.</li>
 *   <li>A StorageClass is the default when {@value #DEFAULT_CLASS} or the legacy {@value #BETA_DEFAULT_CLASS} is
 *   {@code "true"} ("Change the default StorageClass", kubernetes.io/docs/tasks/administer-cluster/change-default-storage-class).</li>
 * </ul>
 */
public final class Ownership {

    /** Kubernetes recommended label naming the tool that manages an object. */
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    /** Value of {@link #MANAGED_BY_LABEL} on Capstan's objects. */
    public static final String MANAGED_BY = "capstan";
    /** Annotation naming the Capstan component that owns an object. */
    public static final String OWNER_ANNOTATION = "capstan.io/owner";
    /** Value of {@link #OWNER_ANNOTATION} for this service. */
    public static final String OWNER = "storage";
    /** Annotation naming the registered cluster (the ClusterEvent name) an object was written for. */
    public static final String CLUSTER_ANNOTATION = "capstan.io/cluster";
    /** Annotation with the profile revision an owned object was written from. */
    public static final String PROFILE_REVISION_ANNOTATION = "capstan.io/profile-revision";
    /**
     * Annotation Capstan adds to a foreign StorageClass in the same update that demotes it from default, so the
     * demotion stays visible (and reported) after a restart. Its value is {@value #OWNER}.
     */
    public static final String DEMOTED_BY_ANNOTATION = "capstan.io/default-demoted-by";
    /** GA default-class annotation. */
    public static final String DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";
    /** Legacy beta default-class annotation, still honoured by the DefaultStorageClass admission plugin. */
    public static final String BETA_DEFAULT_CLASS = "storageclass.beta.kubernetes.io/is-default-class";

    private Ownership() {
    }

    /** Whose an object is, seen from one registered cluster. */
    public enum Claim {
        /** Capstan-managed and {@value #CLUSTER_ANNOTATION} names this cluster: updated and deleted freely. */
        OURS,
        /** Capstan-managed without {@value #CLUSTER_ANNOTATION}: adopted only when this cluster desires its name. */
        LEGACY,
        /** Capstan-managed for another cluster (same API server registered twice): never changed nor deleted. */
        OTHER_CLUSTER,
        /** Not Capstan's storage object at all. */
        FOREIGN
    }

    /** True when labels and annotations mark the object as this service's, for whichever cluster. */
    public static boolean managed(Map<String, String> labels, Map<String, String> annotations) {
        return MANAGED_BY.equals(labels.get(MANAGED_BY_LABEL)) && OWNER.equals(annotations.get(OWNER_ANNOTATION));
    }

    /**
     * Classifies an object for one cluster.
     *
     * @param labels      metadata.labels, never null
     * @param annotations metadata.annotations, never null
     * @param cluster     the registered cluster's name
     * @return the claim, never null
     */
    public static Claim claim(Map<String, String> labels, Map<String, String> annotations, String cluster) {
        if (!managed(labels, annotations)) {
            return Claim.FOREIGN;
        }
        String c = annotations.get(CLUSTER_ANNOTATION);
        if (c == null || c.isEmpty()) {
            return Claim.LEGACY;
        }
        return c.equals(cluster) ? Claim.OURS : Claim.OTHER_CLUSTER;
    }

    /** The value of {@link #DEMOTED_BY_ANNOTATION} written by {@code cluster}: {@code storage/<cluster>}. */
    public static String demotedBy(String cluster) {
        return OWNER + "/" + cluster;
    }

    /**
     * True when the class carries {@value #MANAGED_BY_LABEL}={@value #MANAGED_BY}: some Capstan registration manages
     * it, so no other registration ever demotes it.
     */
    public static boolean capstanLabelled(Map<String, String> labels) {
        return MANAGED_BY.equals(labels.get(MANAGED_BY_LABEL));
    }

    /** True when either default-class annotation is {@code "true"}. */
    public static boolean isDefault(Map<String, String> annotations) {
        return "true".equals(annotations.get(DEFAULT_CLASS)) || "true".equals(annotations.get(BETA_DEFAULT_CLASS));
    }
}
