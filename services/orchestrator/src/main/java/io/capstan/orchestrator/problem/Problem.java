package io.capstan.orchestrator.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem document, served as {@code application/problem+json}.
 *
 * @param type     URI reference naming the problem type (RFC 9457 §3.1.1); Capstan uses {@code urn:capstan:problem:<slug>}
 * @param title    short summary of the type (§3.1.4), the same for every occurrence
 * @param status   the HTTP status code (§3.1.2)
 * @param detail   explanation of this occurrence (§3.1.3); never contains secret material
 * @param instance the request path this occurrence is about (§3.1.5)
 * @param errors   extension member: each invalid field; empty list when the problem is not about fields
 */
@Schema(name = "Problem", description = "RFC 9457 problem details, media type application/problem+json")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    /** Media type of a problem document (RFC 9457 §6.1). */
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** The problem for a kind and an occurrence, without field errors. */
    public static Problem of(ProblemKind kind, String detail, String instance) {
        return new Problem(kind.type().toString(), kind.title(), kind.status(), detail, instance, List.of());
    }

    /** The problem for a kind and an occurrence, listing the invalid fields. */
    public static Problem of(ProblemKind kind, String detail, String instance, List<FieldError> errors) {
        return new Problem(kind.type().toString(), kind.title(), kind.status(), detail, instance, errors);
    }

    /** The {@code type} member as a URI. */
    public URI typeUri() {
        return URI.create(type);
    }
}
