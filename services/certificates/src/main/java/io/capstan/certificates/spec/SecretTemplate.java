package io.capstan.certificates.spec;

import java.util.Map;
import java.util.TreeMap;

/**
 * cert-manager's {@code spec.secretTemplate}: labels and annotations copied onto the Secret.
 *
 * @param labels      label map, sorted by key
 * @param annotations annotation map, sorted by key (no {@code cert-manager.io/} keys)
 */
public record SecretTemplate(Map<String, String> labels, Map<String, String> annotations) {

    /** No labels, no annotations. */
    public static final SecretTemplate EMPTY = new SecretTemplate(Map.of(), Map.of());

    /** Copies into sorted, unmodifiable maps. */
    public SecretTemplate {
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels == null ? Map.of() : labels));
        annotations = java.util.Collections.unmodifiableMap(new TreeMap<>(annotations == null ? Map.of() : annotations));
    }
}
