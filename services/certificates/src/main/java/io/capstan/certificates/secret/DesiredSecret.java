package io.capstan.certificates.secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Secret Capstan writes for a Certificate: type, the labels and annotations it manages, and {@code data} values
 * base64-encoded as in the Kubernetes Secret {@code data} field.
 *
 * @param name        {@code metadata.name} (the Certificate's {@code spec.secretName})
 * @param type        {@code kubernetes.io/tls}, for a create; an update keeps the existing Secret's type (the API
 *                    server refuses to change it, e.g. an {@code Opaque} Secret stays {@code Opaque})
 * @param labels      labels Capstan sets (secretTemplate labels plus any extra ownership labels)
 * @param annotations annotations Capstan sets (cert-manager's plus secretTemplate annotations)
 * @param data        key to base64 value: {@code tls.crt}, {@code tls.key}, {@code ca.crt} when known, and
 *                    {@code tls-combined.pem} / {@code key.der} when additionalOutputFormats asks for them
 */
public record DesiredSecret(String name, String type, Map<String, String> labels, Map<String, String> annotations,
                            Map<String, String> data) {

    /** Copies the maps (sorted). */
    public DesiredSecret {
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        annotations = java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
        data = java.util.Collections.unmodifiableMap(new TreeMap<>(data));
    }

    /**
     * @param key a data key, e.g. {@code tls.crt}
     * @return the decoded text of that key, or null when absent
     */
    public String text(String key) {
        String v = data.get(key);
        return v == null ? null : new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8);
    }
}
