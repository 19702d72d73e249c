package io.capstan.orchestrator.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.event.Json;
import io.capstan.orchestrator.problem.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Pure table test of the registration rules: each bad field is named, nothing else is reported. */
class RegistrationCheckTest {

    static final String KUBECONFIG = """
            clusters: [{name: a, cluster: {server: "https://127.0.0.1:6443"}}]
            contexts: [{name: a, context: {cluster: a, user: u}}]
            current-context: a
            users: [{name: u, user: {token: abc}}]
            """;

    static ObjectNode valid() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("name", "alpha");
        n.put("infrastructure", "standalone");
        n.put("kubeconfig", KUBECONFIG);
        n.putObject("labels").put("env", "dev");
        n.put("site", "lab-1");
        return n;
    }

    static Stream<Arguments> rows() {
        return Stream.<Arguments>of(
                row("a missing name is required", n -> n.remove("name"), "name"),
                row("an uppercase name is not a DNS-1123 label", n -> n.put("name", "Alpha"), "name"),
                row("a name ending in '-' is not a label", n -> n.put("name", "alpha-"), "name"),
                row("a 64-character name is too long", n -> n.put("name", "a".repeat(64)), "name"),
                row("an unknown infrastructure is refused", n -> n.put("infrastructure", "vsphere"), "infrastructure"),
                row("a numeric infrastructure is refused", n -> n.put("infrastructure", 3), "infrastructure"),
                row("a missing kubeconfig is required", n -> n.remove("kubeconfig"), "kubeconfig"),
                row("an unparseable kubeconfig is refused", n -> n.put("kubeconfig", "::: not yaml ["), "kubeconfig"),
                row("a profile name must be a label", n -> n.put("profile", "Not_A_Label"), "profile"),
                row("a label value must be a string", n -> ((ObjectNode) n.get("labels")).put("n", 1), "labels.n"),
                row("a label key must be a qualified name", n -> ((ObjectNode) n.get("labels")).put("-bad", "x"), "labels.-bad"),
                row("an unknown field is refused", n -> n.put("status", "Ready"), "status"));
    }

    static Arguments row(String behaviour, Consumer<ObjectNode> change, String field) {
        return Arguments.of(behaviour, change, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void namesExactlyTheBadField(String behaviour, Consumer<ObjectNode> change, String field) {
        ObjectNode body = valid();
        change.accept(body);
        RegistrationCheck.Result r = RegistrationCheck.check(body);
        assertThat(r.valid()).isFalse();
        assertThat(r.errors()).extracting(FieldError::field).containsExactly(field);
    }

    @Test
    void aValidBodyDefaultsTheProfileAndKeepsTheKubeconfigOutOfToString() {
        RegistrationCheck.Result r = RegistrationCheck.check(valid());
        assertThat(r.errors()).isEmpty();
        assertThat(r.registration().profile()).isEqualTo("default");
        assertThat(r.registration().infrastructure()).isEqualTo(Infrastructure.STANDALONE);
        assertThat(r.registration().labels()).containsEntry("env", "dev");
        assertThat(r.registration().toString()).doesNotContain("token").doesNotContain("server");
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        ObjectNode body = valid();
        body.put("name", "BAD");
        body.put("infrastructure", "mainframe");
        body.remove("kubeconfig");
        assertThat(RegistrationCheck.check(body).errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("name", "infrastructure", "kubeconfig");
    }
}
