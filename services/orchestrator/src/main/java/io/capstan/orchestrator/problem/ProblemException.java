package io.capstan.orchestrator.problem;

import java.util.List;

/**
 * Thrown by the REST layer and the domain code to answer with a problem document; mapped by
 * {@link ProblemMappers}. The message is the problem's {@code detail} and must hold no secret material.
 */
public class ProblemException extends RuntimeException {

    private final ProblemKind kind;
    private final List<FieldError> errors;

    /** A problem of that kind with a detail and no field errors. */
    public ProblemException(ProblemKind kind, String detail) {
        this(kind, detail, List.of(), null);
    }

    /** A problem of that kind listing the invalid fields. */
    public ProblemException(ProblemKind kind, String detail, List<FieldError> errors) {
        this(kind, detail, errors, null);
    }

    /** A problem of that kind caused by {@code cause} (kept for the log, never shown to the caller). */
    public ProblemException(ProblemKind kind, String detail, List<FieldError> errors, Throwable cause) {
        super(detail, cause);
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    /** The problem kind. */
    public ProblemKind kind() {
        return kind;
    }

    /** The invalid fields, possibly empty. */
    public List<FieldError> errors() {
        return errors;
    }

    /** The problem document for a request path. */
    public Problem toProblem(String instance) {
        return Problem.of(kind, getMessage(), instance, errors);
    }
}
