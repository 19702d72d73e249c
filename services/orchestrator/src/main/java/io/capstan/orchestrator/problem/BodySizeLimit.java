package io.capstan.orchestrator.problem;

import io.capstan.model.event.Json;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * Answers a request whose {@code Content-Length} exceeds the HTTP layer's hard limit
 * ({@code quarkus.http.limits.max-body-size}) with a 413 {@code application/problem+json} document instead of
 * Quarkus' bare 413. Runs as a Vert.x route just before Quarkus' own limit check (route order -2,
 * {@code HttpServerCommonHandlers.enforceMaxBodySize}); like that check it does not read the body and closes the
 * connection after answering (RFC 9110 §15.5.14). Bodies sent chunked (no {@code Content-Length}) past the limit are
 * still cut by Quarkus.
 */
@ApplicationScoped
public class BodySizeLimit {

    /** Route order: before Quarkus' limit check (order -2). */
    static final int ORDER = -3;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize hardLimit;

    void install(@Observes Router router) {
        long limit = hardLimit.asLongValue();
        router.route().order(ORDER).handler(ctx -> check(ctx, limit));
    }

    private static void check(RoutingContext ctx, long limit) {
        String header = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long length;
        try {
            length = header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length <= limit) {
            ctx.next();
            return;
        }
        Problem p = Problem.of(ProblemKind.PAYLOAD_TOO_LARGE,
                "The request body has " + length + " bytes; the limit is " + JsonBodies.MAX_BYTES + " bytes (256 KiB).",
                ctx.request().path(), List.of(new FieldError("body", "too large: the whole body must stay within 256 KiB")));
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(v -> ctx.request().connection().close())
                .end(Json.write(p));
    }
}
