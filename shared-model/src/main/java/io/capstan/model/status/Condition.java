package io.capstan.model.status;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One Kubernetes-style condition, shaped as {@code metav1.Condition} (k8s.io/apimachinery, API conventions
 * "Typical status properties").
 *
 * @param type               CamelCase condition type, for example {@code Ready}
 * @param status             True, False or Unknown
 * @param reason             CamelCase machine-readable reason, for example {@code ClassesEnsured}
 * @param message            human-readable detail, may be empty, never secret material
 * @param lastTransitionTime when {@code status} last changed (kept when only reason or message change)
 * @param observedGeneration generation of the subject this condition was computed from
 */
public record Condition(String type, ConditionStatus status, String reason, String message,
                        Instant lastTransitionTime, long observedGeneration) {

    private static final Pattern CAMEL = Pattern.compile("[A-Z][A-Za-z0-9]*");

    public Condition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        if (!CAMEL.matcher(type).matches()) {
            throw new IllegalArgumentException("condition type must be CamelCase: " + type);
        }
        if (!CAMEL.matcher(reason).matches()) {
            throw new IllegalArgumentException("condition reason must be CamelCase: " + reason);
        }
        message = message == null ? "" : message;
    }

    /** A condition of that type and status, not yet stamped; {@link Conditions#set} stamps it. */
    public static Condition of(String type, ConditionStatus status, String reason, String message) {
        return new Condition(type, status, reason, message, null, 0);
    }

    /** True when type, status, reason, message and observedGeneration are equal (the time is not compared). */
    public boolean sameAs(Condition other) {
        return other != null && type.equals(other.type) && status == other.status && reason.equals(other.reason)
                && message.equals(other.message) && observedGeneration == other.observedGeneration;
    }
}
