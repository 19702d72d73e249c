package io.capstan.orchestrator.problem;

/**
 * One invalid request field, as listed in the {@code errors} extension member of a problem document
 * (RFC 9457 §3.2 "Extension Members").
 *
 * @param field   JSON path of the field in the request body, for example {@code name} or {@code labels.team}
 * @param message what is wrong, for a person; never echoes secret material
 */
public record FieldError(String field, String message) {
}
