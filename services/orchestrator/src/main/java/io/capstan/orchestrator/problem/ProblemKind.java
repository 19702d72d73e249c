package io.capstan.orchestrator.problem;

import java.net.URI;

/** The problem types the orchestrator answers with, each with its HTTP status (RFC 9110 §15) and title. */
public enum ProblemKind {
    /** 400: the body is not JSON, or not a JSON object. */
    MALFORMED_REQUEST(400, "malformed-request", "Malformed request"),
    /** 401: no bearer token, or one that is not known (RFC 6750 §3). */
    UNAUTHORIZED(401, "unauthorized", "Authentication required"),
    /** 403: the token's role is too low for this call. */
    FORBIDDEN(403, "forbidden", "Role too low"),
    /** 404: no such cluster, profile or path. */
    NOT_FOUND(404, "not-found", "Not found"),
    /** 405 and other client errors raised by the HTTP layer. */
    CLIENT_ERROR(400, "client-error", "Client error"),
    /** 409: a cluster of that name exists, or the kubeconfig Secret belongs to someone else. */
    CONFLICT(409, "conflict", "Conflict"),
    /** 413: the body is larger than the limit. */
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Request body too large"),
    /** 415: the body is not application/json. */
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    /** 422: the body is JSON but some fields are invalid; {@code errors} names them. */
    INVALID_FIELDS(422, "invalid-fields", "Invalid fields"),
    /** 500: a bug; the detail says nothing about internals. */
    INTERNAL(500, "internal", "Internal error"),
    /** 503: a dependency (management API server, database, Kafka) is not available; retry later. */
    UNAVAILABLE(503, "unavailable", "Dependency unavailable");

    private final int status;
    private final String slug;
    private final String title;

    ProblemKind(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** The {@code type} URI, {@code urn:capstan:problem:<slug>}. */
    public URI type() {
        return URI.create("urn:capstan:problem:" + slug);
    }

    /** The title shared by every occurrence. */
    public String title() {
        return title;
    }

    /**
     * The kind of an HTTP status raised outside our code (for example by the JAX-RS layer).
     *
     * @param status an HTTP status code, 400..599
     */
    public static ProblemKind forStatus(int status) {
        for (ProblemKind k : values()) {
            if (k.status == status && k != CLIENT_ERROR) {
                return k;
            }
        }
        return status >= 500 ? INTERNAL : CLIENT_ERROR;
    }
}
