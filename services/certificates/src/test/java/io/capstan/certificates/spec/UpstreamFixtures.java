package io.capstan.certificates.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.model.event.Json;

import java.nio.file.Path;
import java.util.List;

/**
 * The upstream fixtures under {@code ${capstan.repo.root}/../shared/fixtures/upstream} (cert-manager documentation
 * examples, istio's bookinfo certificate), read as JSON objects. A test that needs them is skipped with a message
 * when the folder is absent.
 */
public final class UpstreamFixtures {

    private UpstreamFixtures() {
    }

    /** The fixture folder; skips the calling test when it is absent. */
    public static Path dir() {
        Path dir = io.capstan.sandbox.junit.UpstreamFixtures.upstream();
        io.capstan.sandbox.junit.UpstreamFixtures.require(dir.resolve("cert-manager"),
                "cert-manager fixtures not found at " + dir + " (the shared fixtures folder is absent)");
        return dir;
    }

    /** Every YAML document of a fixture file, as JSON, in order (empty documents skipped). */
    public static List<JsonNode> read(String relative) {
        return io.capstan.sandbox.junit.UpstreamFixtures.documents(dir().resolve(relative)).stream()
                .map(n -> (JsonNode) Json.MAPPER.valueToTree(n)).toList();
    }

    /** The documents of that kind. */
    public static List<JsonNode> ofKind(String relative, String kind) {
        return read(relative).stream().filter(n -> kind.equals(n.path("kind").asText())).toList();
    }
}
