package io.capstan.sandbox.fleet;

import io.capstan.sandbox.PortBook;
import io.capstan.sandbox.kube.KubeCluster;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main job's fleet servers against a real named and the sandbox's management API server: the zones answer, the
 * Secrets hold what the services need, the CA chain verifies with openssl and survives a second start.
 */
class SandboxFleetTest {

    private static final Path STATE = Path.of("target", "sandbox-fleet-test").toAbsolutePath();

    @Test
    void bindServesTheSandboxZonesAndTheCaIsKeptAcrossStartsAndHandedOverAsSecrets() throws Exception {
        deleteTree(STATE);
        Files.createDirectories(STATE);
        PortBook ports = new PortBook(STATE.resolve("ports.json"), false);
        KubeCluster management = new KubeCluster("management", STATE.resolve("management/kubeconfig"),
                ports.port("management"), "capstan-system");
        management.start();
        try {
            management.createNamespace("capstan-system");
            String firstRoot;
            try (SandboxFleet fleet = new SandboxFleet(STATE, ports)) {
                fleet.start(management, "capstan-system");
                @SuppressWarnings("unchecked")
                var dns = (java.util.Map<String, Object>) fleet.describe().get("dns");
                String server = (String) dns.get("server");
                String port = server.substring(server.indexOf(':') + 1);
                for (String zone : SandboxFleet.ZONES) {
                    assertThat(run(List.of("dig", "+short", "-p", port, "@127.0.0.1", zone, "SOA"))).isNotBlank();
                }
                String keyFile = (String) dns.get("keyFile");
                String update = "server 127.0.0.1 " + port + "\nzone sandbox.capstan.test\n"
                        + "update add poke.alpha.sandbox.capstan.test 60 A 192.0.2.44\nsend\n";
                assertThat(runWithInput(List.of("nsupdate", "-k", keyFile), update)).isEmpty();
                assertThat(run(List.of("dig", "+short", "-p", port, "@127.0.0.1", "poke.alpha.sandbox.capstan.test", "A")))
                        .isEqualTo("192.0.2.44");
                assertThat(fleet.describe().toString()).doesNotContain(secretOf(management, SandboxFleet.TSIG_SECRET, "secret"));

                Path root = Path.of((String) ((java.util.Map<?, ?>) fleet.describe().get("pki")).get("caBundle"));
                Path inter = STATE.resolve("pki/intermediate.crt");
                assertThat(run(List.of("openssl", "verify", "-CAfile", root.toString(), inter.toString()))).endsWith(": OK");
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(STATE.resolve("pki/intermediate.key")))).isEqualTo("rw-------");
                firstRoot = Files.readString(root);
                assertThat(secretOf(management, SandboxFleet.CA_SECRET, "ca.crt")).isEqualTo(firstRoot);
                assertThat(secretOf(management, SandboxFleet.CA_SECRET, "tls.crt")).isEqualTo(Files.readString(inter));
                assertThat(secretOf(management, SandboxFleet.CA_SECRET, "tls.key")).contains("BEGIN PRIVATE KEY");
            }
            try (SandboxFleet again = new SandboxFleet(STATE, ports)) {
                again.start(management, "capstan-system");
                assertThat(Files.readString(STATE.resolve("pki/root.crt"))).isEqualTo(firstRoot);
            }
        } finally {
            management.stop();
        }
    }

    private static String secretOf(KubeCluster management, String name, String key) {
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(management.kubeconfig()))).build()) {
            Secret s = client.secrets().inNamespace("capstan-system").withName(name).get();
            return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        return runWithInput(command, "");
    }

    private static String runWithInput(List<String> command, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.trim();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
