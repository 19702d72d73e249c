package io.capstan.model.reconcile;

/**
 * A classified reconcile failure (HOUSE-STYLE.md: "Errors are classified"). Anything else a reconciler throws is
 * treated as {@link Kind#TRANSIENT}.
 */
public class ReconcileException extends RuntimeException {

    /** How the work queue treats the failure. */
    public enum Kind {
        /** Retry with exponential backoff: an API server or provider that did not answer, a 409 conflict. */
        TRANSIENT,
        /** No retry will help until the input changes: report {@code Ready=False} and retry only at the slow rate. */
        TERMINAL
    }

    private final Kind kind;
    private final String reason;

    /**
     * @param kind    transient or terminal
     * @param reason  CamelCase reason for the {@code Ready=False} condition, for example {@code ClusterUnreachable}
     * @param message detail for a person; never secret material
     */
    public ReconcileException(Kind kind, String reason, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.reason = reason;
    }

    /** A transient failure with that reason. */
    public static ReconcileException transientError(String reason, String message, Throwable cause) {
        return new ReconcileException(Kind.TRANSIENT, reason, message, cause);
    }

    /** A terminal failure with that reason. */
    public static ReconcileException terminal(String reason, String message) {
        return new ReconcileException(Kind.TERMINAL, reason, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** CamelCase reason. */
    public String reason() {
        return reason;
    }
}
