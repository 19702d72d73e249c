package io.capstan.sandbox.junit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpstreamFixturesTest {

    @Test
    void documentsKeepsOrderAndDropsEmptyDocuments(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("a.yaml");
        Files.writeString(file, "kind: A\n---\n---\n{}\n---\nkind: B\nspec:\n  x: 1\n");
        assertThat(UpstreamFixtures.documents(file)).extracting(n -> n.path("kind").asText()).containsExactly("A", "B");
    }

    @Test
    void documentsOfAMissingFileIsAnError(@TempDir Path tmp) {
        assertThatThrownBy(() -> UpstreamFixtures.documents(tmp.resolve("absent.yaml")))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("absent.yaml");
    }

    @Test
    void upstreamIsBesideTheRepositoryRoot() {
        String root = System.getProperty("capstan.repo.root");
        assertThat(UpstreamFixtures.upstream())
                .isEqualTo(Path.of(root).resolve("../shared/fixtures/upstream").normalize());
    }
}
