package io.capstan.orchestrator.problem;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;

/**
 * Pure mapping of a failure to the problem document that answers it (RFC 9457). No exception message from a
 * library reaches the caller: library messages can quote request content (a kubeconfig line, a token), so only our
 * own {@link ProblemException} details are shown.
 */
public final class ProblemMapping {

    private ProblemMapping() {
    }

    /**
     * The problem for {@code failure} on request path {@code instance}.
     *
     * @param failure  any exception raised while serving the request
     * @param instance the request path, for the {@code instance} member
     * @return a problem whose status is 4xx for caller errors, 503 for unavailable dependencies, 500 otherwise
     */
    public static Problem toProblem(Throwable failure, String instance) {
        if (failure instanceof ProblemException p) {
            return p.toProblem(instance);
        }
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            return Problem.of(ProblemKind.UNAUTHORIZED,
                    "Send 'Authorization: Bearer <token>' with a valid token.", instance);
        }
        if (failure instanceof ForbiddenException) {
            return Problem.of(ProblemKind.FORBIDDEN, "The token's role does not allow this call.", instance);
        }
        if (failure instanceof WebApplicationException w) {
            int status = w.getResponse() == null ? 500 : w.getResponse().getStatus();
            ProblemKind kind = ProblemKind.forStatus(status);
            String detail = switch (status) {
                case 404 -> "No resource at this path.";
                case 405 -> "Method not allowed on this path.";
                case 406 -> "Cannot produce the requested media type.";
                case 413 -> "The request body is too large.";
                case 415 -> "Send the body as application/json.";
                case 400 -> "The request is malformed.";
                default -> status >= 500 ? "The server failed to answer." : "The request was refused.";
            };
            return new Problem(kind.type().toString(), kind.title(), status, detail, instance, java.util.List.of());
        }
        return Problem.of(ProblemKind.INTERNAL, "The server failed to answer; see its log.", instance);
    }

    /** True when the answer must carry {@code WWW-Authenticate: Bearer} (RFC 6750 §3). */
    public static boolean needsChallenge(Problem problem) {
        return problem.status() == 401;
    }
}
