package io.capstan.orchestrator.cluster;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Cluster and profile names: DNS-1123 labels as Kubernetes checks them ({@code IsDNS1123Label},
 * k8s.io/apimachinery/pkg/util/validation; RFC 1123 §2.1): lowercase alphanumerics and '-', starting and ending with
 * an alphanumeric, 1 to 63 characters. The kubeconfig Secret name {@code <name>-kubeconfig} then stays a valid
 * DNS-1123 subdomain.
 */
public final class ClusterName {

    /** Longest label, in characters. */
    public static final int MAX_LENGTH = 63;

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private ClusterName() {
    }

    /**
     * The reason {@code name} is not a DNS-1123 label, or empty when it is.
     *
     * @param name the candidate, may be null
     */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("is required");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        if (!LABEL.matcher(name).matches()) {
            return Optional.of("must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit");
        }
        return Optional.empty();
    }
}
