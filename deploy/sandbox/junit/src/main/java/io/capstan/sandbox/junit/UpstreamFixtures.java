package io.capstan.sandbox.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared upstream fixtures beside the repository, {@code ${capstan.repo.root}/../shared/fixtures/upstream} (each
 * sub-folder's SOURCES.md names the upstream snapshot), for the services' fixture tests. A test that needs them is
 * skipped (JUnit assumption) when they are absent, as in a checkout without the shared fixtures. The caller brings
 * jackson-dataformat-yaml and junit-jupiter-api (this module only compiles against them).
 */
public final class UpstreamFixtures {

    private static final YAMLMapper YAML = new YAMLMapper();

    private UpstreamFixtures() {
    }

    /**
     * The upstream fixtures folder, not checked.
     *
     * @return {@code ${capstan.repo.root}/../shared/fixtures/upstream}, normalized; without the system property
     *         (outside Maven) the repository root is taken as {@code ${user.dir}/../..} (a module folder)
     */
    public static Path upstream() {
        String root = System.getProperty("capstan.repo.root", System.getProperty("user.dir") + "/../..");
        return Path.of(root).resolve("../shared/fixtures/upstream").normalize();
    }

    /**
     * Skips the calling test when a fixture folder is absent.
     *
     * @param dir     the folder that must exist
     * @param message the skip reason shown when it does not
     * @return {@code dir}
     */
    public static Path require(Path dir, String message) {
        Assumptions.assumeTrue(Files.isDirectory(dir), message);
        return dir;
    }

    /**
     * Every YAML document of a file, in order, as Jackson trees; null and empty documents are dropped.
     *
     * @param file a YAML file (one or more documents)
     * @return the documents
     * @throws UncheckedIOException when the file cannot be read or parsed
     */
    public static List<JsonNode> documents(Path file) {
        List<JsonNode> out = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isEmpty()) {
                    out.add(n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + file, e);
        }
        return out;
    }
}
