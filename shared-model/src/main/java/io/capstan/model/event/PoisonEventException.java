package io.capstan.model.event;

/**
 * A record that no retry can ever process (not JSON, an unknown {@code ce_type}, a payload that breaks its schema).
 * Consumers send it to {@code capstan.dlq} with {@link #reason()} and {@link #getMessage()} and move on to the next
 * record.
 */
public class PoisonEventException extends RuntimeException {

    private final String reason;

    /**
     * @param reason  CamelCase reason, for example {@code UnknownEventType}
     * @param message what was wrong, for a person; never contains secret material
     */
    public PoisonEventException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** @param cause the parser's error */
    public PoisonEventException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** CamelCase reason, for example {@code MalformedJson}. */
    public String reason() {
        return reason;
    }
}
