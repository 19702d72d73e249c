package io.capstan.storage.plan;

import java.util.Map;

/**
 * Ownership marks and default-class annotations, as the Kubernetes documentation names them.
 *
 * <ul>
 *   <li>Capstan owns an object when it carries label {@value #MANAGED_BY_LABEL}={@value #MANAGED_BY} (the Kubernetes
 *   recommended label) and annotation {@value #OWNER_ANNOTATION}={@value #OWNER}; anything else is foreign.</li>
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

    /** True when labels and annotations mark the object as this service's. */
    public static boolean owned(Map<String, String> labels, Map<String, String> annotations) {
        return MANAGED_BY.equals(labels.get(MANAGED_BY_LABEL)) && OWNER.equals(annotations.get(OWNER_ANNOTATION));
    }

    /** True when either default-class annotation is {@code "true"}. */
    public static boolean isDefault(Map<String, String> annotations) {
        return "true".equals(annotations.get(DEFAULT_CLASS)) || "true".equals(annotations.get(BETA_DEFAULT_CLASS));
    }
}
