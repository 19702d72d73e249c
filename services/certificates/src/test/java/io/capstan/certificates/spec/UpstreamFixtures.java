package io.capstan.certificates.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.capstan.model.event.Json;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The upstream fixtures under {@code ${capstan.repo.root}/../shared/fixtures/upstream} (cert-manager documentation
 * examples, istio's bookinfo certificate), read as JSON objects. A test that needs them is skipped with a message
 * when the folder is absent.
 */
public final class UpstreamFixtures {

    private static final YAMLMapper YAML = new YAMLMapper();

    private UpstreamFixtures() {
    }

    /** The fixture folder; skips the calling test when it is absent. */
    public static Path dir() {
        String root = System.getProperty("capstan.repo.root", System.getProperty("user.dir") + "/../..");
        Path dir = Path.of(root).resolve("../shared/fixtures/upstream").normalize();
        Assumptions.assumeTrue(Files.isDirectory(dir.resolve("cert-manager")),
                "cert-manager fixtures not found at " + dir + " (the shared fixtures folder is absent)");
        return dir;
    }

    /** Every YAML document of a fixture file, as JSON, in order (empty documents skipped). */
    public static List<JsonNode> read(String relative) {
        Path file = dir().resolve(relative);
        List<JsonNode> out = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isEmpty()) {
                    out.add(Json.MAPPER.valueToTree(n));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + file, e);
        }
        return out;
    }

    /** The documents of that kind. */
    public static List<JsonNode> ofKind(String relative, String kind) {
        return read(relative).stream().filter(n -> kind.equals(n.path("kind").asText())).toList();
    }
}
