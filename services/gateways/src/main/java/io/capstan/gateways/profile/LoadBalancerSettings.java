package io.capstan.gateways.profile;

import java.util.Map;

/**
 * What Capstan puts on the LoadBalancer Services it manages (the edge Gateway's Service): {@code spec.loadBalancerClass}
 * (immutable after creation in Kubernetes, so set it when creating the Service) and annotations (ensured on every
 * pass).
 *
 * @param loadBalancerClass the class, or null to leave it unset (the cloud's default controller)
 * @param annotations       annotations to ensure, never null
 */
public record LoadBalancerSettings(String loadBalancerClass, Map<String, String> annotations) {

    /** The label that marks a Service Capstan manages (the edge Gateway's Service). */
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    /** Its value. */
    public static final String MANAGED_BY = "capstan-gateways";

    public LoadBalancerSettings {
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
}
