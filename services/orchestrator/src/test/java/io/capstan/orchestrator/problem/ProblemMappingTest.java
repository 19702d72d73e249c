package io.capstan.orchestrator.problem;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pure: which failure answers with which RFC 9457 problem, and that library messages never leak. */
class ProblemMappingTest {

    @Test
    void ownProblemsKeepTheirDetailAndFields() {
        Problem p = ProblemMapping.toProblem(new ProblemException(ProblemKind.INVALID_FIELDS, "bad",
                List.of(new FieldError("name", "is required"))), "/api/v1/clusters");
        assertThat(p.status()).isEqualTo(422);
        assertThat(p.type()).isEqualTo("urn:capstan:problem:invalid-fields");
        assertThat(p.instance()).isEqualTo("/api/v1/clusters");
        assertThat(p.errors()).containsExactly(new FieldError("name", "is required"));
    }

    @Test
    void securityFailuresAre401Or403AndOnly401Challenges() {
        Problem unauth = ProblemMapping.toProblem(new UnauthorizedException(), "/x");
        Problem badToken = ProblemMapping.toProblem(new AuthenticationFailedException("unknown token"), "/x");
        Problem forbidden = ProblemMapping.toProblem(new ForbiddenException(), "/x");
        assertThat(unauth.status()).isEqualTo(401);
        assertThat(badToken.status()).isEqualTo(401);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(ProblemMapping.needsChallenge(unauth)).isTrue();
        assertThat(ProblemMapping.needsChallenge(forbidden)).isFalse();
    }

    @Test
    void jaxRsErrorsKeepTheirStatusButNotTheirMessage() {
        assertThat(ProblemMapping.toProblem(new NotFoundException("secret path detail"), "/x"))
                .satisfies(p -> {
                    assertThat(p.status()).isEqualTo(404);
                    assertThat(p.detail()).doesNotContain("secret");
                });
        assertThat(ProblemMapping.toProblem(new NotAllowedException("GET"), "/x").status()).isEqualTo(405);
        assertThat(ProblemMapping.toProblem(new NotSupportedException(), "/x").status()).isEqualTo(415);
    }

    @Test
    void anythingElseIsA500WithoutTheMessage() {
        Problem p = ProblemMapping.toProblem(new IllegalStateException("token=abc"), "/x");
        assertThat(p.status()).isEqualTo(500);
        assertThat(p.detail()).doesNotContain("abc");
    }

    @Test
    void bodiesOver256KiBAre413NamingTheLargestField() {
        String big = "{\"name\":\"a\",\"kubeconfig\":\"" + "x".repeat(JsonBodies.MAX_BYTES) + "\"}";
        assertThatThrownBy(() -> JsonBodies.object(big)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.kind()).isEqualTo(ProblemKind.PAYLOAD_TOO_LARGE);
            assertThat(e.errors()).extracting(FieldError::field).containsExactly("kubeconfig");
        });
    }

    @Test
    void malformedJsonIs400WithoutQuotingTheBody() {
        assertThatThrownBy(() -> JsonBodies.object("{\"kubeconfig\": token-abc")).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.kind()).isEqualTo(ProblemKind.MALFORMED_REQUEST);
            assertThat(e.getMessage()).doesNotContain("token-abc");
        });
        assertThatThrownBy(() -> JsonBodies.object("[1]")).isInstanceOf(ProblemException.class);
    }
}
