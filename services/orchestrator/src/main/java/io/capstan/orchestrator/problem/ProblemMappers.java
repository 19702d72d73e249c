package io.capstan.orchestrator.problem;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a REST call into an {@code application/problem+json} answer (RFC 9457), with
 * {@code WWW-Authenticate: Bearer} on 401 (RFC 6750 §3). Server errors are logged by exception class and stack, never
 * with request content.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** Maps any exception; specific cases are decided by {@link ProblemMapping}. */
    @ServerExceptionMapper(priority = 1)
    public Response map(Throwable failure, UriInfo uri) {
        Problem problem = ProblemMapping.toProblem(failure, uri == null ? null : "/" + uri.getPath().replaceFirst("^/", ""));
        if (problem.status() >= 500 && !(failure instanceof ProblemException)) {
            LOG.errorf("Request to %s failed with %s", problem.instance(), failure.getClass().getName());
            LOG.debug("failure", failure);
        } else if (problem.status() == 503) {
            LOG.warnf("Request to %s: dependency unavailable (%s)", problem.instance(),
                    failure.getCause() == null ? "-" : failure.getCause().getClass().getName());
        }
        return response(problem);
    }

    /** 401 for an anonymous call to a protected resource (takes precedence over the built-in challenge). */
    @ServerExceptionMapper(priority = 1)
    public Response unauthorized(io.quarkus.security.UnauthorizedException failure, UriInfo uri) {
        return map(failure, uri);
    }

    /** 401 for an unknown token. */
    @ServerExceptionMapper(priority = 1)
    public Response authenticationFailed(io.quarkus.security.AuthenticationFailedException failure, UriInfo uri) {
        return map(failure, uri);
    }

    /** 403 for a role that is too low. */
    @ServerExceptionMapper(priority = 1)
    public Response forbidden(io.quarkus.security.ForbiddenException failure, UriInfo uri) {
        return map(failure, uri);
    }

    /** Problems raised by our own code. */
    @ServerExceptionMapper(priority = 1)
    public Response problem(ProblemException failure, UriInfo uri) {
        return map(failure, uri);
    }

    /** JAX-RS errors (404, 405, 415...). */
    @ServerExceptionMapper(priority = 1)
    public Response webApplication(jakarta.ws.rs.WebApplicationException failure, UriInfo uri) {
        return map(failure, uri);
    }

    /** The HTTP answer for a problem document. */
    public static Response response(Problem problem) {
        Response.ResponseBuilder rb = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (ProblemMapping.needsChallenge(problem)) {
            rb.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"capstan\"");
        }
        return rb.build();
    }
}
