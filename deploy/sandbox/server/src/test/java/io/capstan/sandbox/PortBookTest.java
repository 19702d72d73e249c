package io.capstan.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortBookTest {

    @TempDir
    Path dir;

    @Test
    void stableBookReusesTheRecordedPorts() {
        Path file = dir.resolve("ports.json");
        int kafka = new PortBook(file, true).port("kafka");
        assertThat(new PortBook(file, true).port("kafka")).isEqualTo(kafka);
    }

    @Test
    void randomBookIgnoresTheRecordedPorts() throws Exception {
        Path file = dir.resolve("ports.json");
        int first = new PortBook(file, true).port("kafka");
        // hold the old port so a fresh pick cannot return it by chance
        try (ServerSocket held = new ServerSocket(first, 1, InetAddress.getLoopbackAddress())) {
            assertThat(new PortBook(file, false).port("kafka")).isNotEqualTo(first);
        }
    }

    @Test
    void busyRecordedPortIsReplaced() throws Exception {
        Path file = dir.resolve("ports.json");
        int first = new PortBook(file, true).port("postgres");
        try (ServerSocket held = new ServerSocket(first, 1, InetAddress.getLoopbackAddress())) {
            int second = new PortBook(file, true).port("postgres");
            assertThat(second).isNotEqualTo(first);
            assertThat(new PortBook(file, true).port("postgres")).isEqualTo(second);
        }
    }

    @Test
    void clusterNamesMustBeDns1123LabelsOtherThanManagement() {
        assertThat(Sandbox.validClusterName("alpha")).isTrue();
        assertThat(Sandbox.validClusterName("a-1")).isTrue();
        assertThat(Sandbox.validClusterName("a".repeat(63))).isTrue();
        assertThat(Sandbox.validClusterName("a".repeat(64))).isFalse();
        assertThat(Sandbox.validClusterName("Alpha")).isFalse();
        assertThat(Sandbox.validClusterName("-a")).isFalse();
        assertThat(Sandbox.validClusterName("a_b")).isFalse();
        assertThat(Sandbox.validClusterName("")).isFalse();
        assertThat(Sandbox.validClusterName("management")).isFalse();
    }
}
