package io.capstan.certificates.shim;

/**
 * A warning or an error of the shim about one source object.
 *
 * @param source  the Ingress or Gateway
 * @param field   the field or annotation concerned, e.g. {@code spec.tls[1].secretName},
 *                {@code metadata.annotations[cert-manager.io/duration]}
 * @param message what happened, naming the duplicate or the bad value
 */
public record ShimIssue(SourceRef source, String field, String message) {

    /** @return {@code Kind ns/name: field: message} */
    @Override
    public String toString() {
        return source + ": " + field + ": " + message;
    }
}
