package io.capstan.certificates.spec;

import java.util.List;

/**
 * A Certificate object read from the cluster: identity, validated spec, and warnings about fields Capstan accepts
 * but does not honour fully (e.g. {@code spec.keystores}) or values it normalised (e.g. upper case DNS names).
 *
 * @param namespace  {@code metadata.namespace}
 * @param name       {@code metadata.name}
 * @param uid        {@code metadata.uid} or null
 * @param generation {@code metadata.generation} (0 when absent)
 * @param spec       the validated spec
 * @param warnings   human-readable, each naming its field
 */
public record ParsedCertificate(String namespace, String name, String uid, long generation, CertificateSpec spec,
                                List<String> warnings) {

    /** Copies the warnings. */
    public ParsedCertificate {
        warnings = List.copyOf(warnings);
    }
}
