package io.capstan.certificates.spec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A Certificate (or the shim's annotations) that cannot be issued. Terminal: report {@code Ready=False} with
 * {@link #reason()} and {@link #getMessage()} (every error, each naming its field) and issue nothing until the
 * object changes.
 */
public class InvalidCertificateException extends RuntimeException {

    /** Reason of a spec that breaks cert-manager's validation rules. */
    public static final String INVALID_SPEC = "InvalidSpec";
    /** Reason of an apiVersion Capstan does not serve (e.g. {@code certmanager.k8s.io/v1alpha1}). */
    public static final String UNSUPPORTED_API_VERSION = "UnsupportedApiVersion";

    private final String reason;
    private final List<FieldError> errors;

    /**
     * @param reason {@link #INVALID_SPEC} or {@link #UNSUPPORTED_API_VERSION}
     * @param errors at least one error
     */
    public InvalidCertificateException(String reason, List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.reason = reason;
        this.errors = List.copyOf(errors);
    }

    /** @return the CamelCase condition reason */
    public String reason() {
        return reason;
    }

    /** @return every error found, in field order */
    public List<FieldError> errors() {
        return errors;
    }
}
