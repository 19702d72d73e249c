package io.capstan.certificates.spec;

/**
 * One validation error, worded like Kubernetes' {@code field.Error}: the JSON path of the field and what is wrong.
 *
 * @param field   e.g. {@code spec.renewBefore}, {@code spec.dnsNames[1]},
 *                {@code metadata.annotations[cert-manager.io/duration]}
 * @param message e.g. {@code certificate duration 24h0m0s must be greater than renewBefore 25h0m0s}
 */
public record FieldError(String field, String message) {

    /** @return {@code field: message} */
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
