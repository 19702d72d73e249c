package io.capstan.orchestrator.kubeconfig;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Pure: no Quarkus needed to decide whether a text is a usable kubeconfig. */
class KubeconfigCheckTest {

    static final String SECRET_TOKEN = "kc-secret-token-do-not-leak-42";

    static final String VALID = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: alpha
              cluster:
                server: https://127.0.0.1:6443
                insecure-skip-tls-verify: true
            contexts:
            - name: alpha
              context:
                cluster: alpha
                user: admin
            current-context: alpha
            users:
            - name: admin
              user:
                token: %s
            """.formatted(SECRET_TOKEN);

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("a complete kubeconfig is accepted", VALID, null),
                Arguments.of("null is refused as missing", null, "kubeconfig is required"),
                Arguments.of("blank is refused as missing", "   ", "kubeconfig is required"),
                Arguments.of("broken YAML is refused without quoting it", "clusters: [ {name: " + SECRET_TOKEN, "not valid YAML"),
                Arguments.of("a scalar is not a Config", SECRET_TOKEN, "must be a YAML mapping"),
                Arguments.of("no clusters", "contexts: []\ncurrent-context: x\n", "has no clusters"),
                Arguments.of("a cluster without server", VALID.replace("server: https://127.0.0.1:6443", "x: y"), "has no server"),
                Arguments.of("no current-context", VALID.replace("current-context: alpha", ""), "has no current-context"),
                Arguments.of("current-context naming no context", VALID.replace("current-context: alpha", "current-context: beta"),
                        "not one of its contexts"),
                Arguments.of("context naming a missing cluster", VALID.replace("    cluster: alpha", "    cluster: gamma"),
                        "names a cluster that is not in clusters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decidesWhetherTextIsAUsableKubeconfig(String behaviour, String text, String expected) {
        var problem = KubeconfigCheck.problem(text);
        if (expected == null) {
            assertThat(problem).isEmpty();
        } else {
            assertThat(problem).hasValueSatisfying(p -> assertThat(p).contains(expected).doesNotContain(SECRET_TOKEN));
        }
    }
}
