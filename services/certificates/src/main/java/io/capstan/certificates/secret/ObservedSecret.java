package io.capstan.certificates.secret;

import java.util.Map;
import java.util.TreeMap;

/**
 * The Secret a Certificate's {@code spec.secretName} names, as read from the cluster, with its data decoded to
 * text (PEM). The service builds it from the fabric8 Secret; the core never sees a client type.
 *
 * @param name        {@code metadata.name}
 * @param type        {@code type} (e.g. {@code kubernetes.io/tls}), may be null
 * @param labels      {@code metadata.labels}
 * @param annotations {@code metadata.annotations}
 * @param tlsCrt      decoded {@code data["tls.crt"]}, or null when absent/empty
 * @param tlsKey      decoded {@code data["tls.key"]}, or null when absent/empty
 * @param caCrt       decoded {@code data["ca.crt"]}, or null when absent/empty
 */
public record ObservedSecret(String name, String type, Map<String, String> labels, Map<String, String> annotations,
                             String tlsCrt, String tlsKey, String caCrt) {

    /** Copies the maps (sorted); empty strings become null. */
    public ObservedSecret {
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels == null ? Map.of() : labels));
        annotations = java.util.Collections.unmodifiableMap(new TreeMap<>(annotations == null ? Map.of() : annotations));
        tlsCrt = blankToNull(tlsCrt);
        tlsKey = blankToNull(tlsKey);
        caCrt = blankToNull(caCrt);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
