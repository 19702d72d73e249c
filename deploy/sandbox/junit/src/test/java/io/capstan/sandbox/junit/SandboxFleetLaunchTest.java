package io.capstan.sandbox.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * {@link Sandbox#startFleet} launches {@code SandboxMain --fleet}: the test side sees the BIND 9 server, its TSIG
 * key file and the sandbox CA through sandbox.json, and the services' management Secrets exist.
 */
class SandboxFleetLaunchTest {

    @Test
    void startFleetServesBindAndTheSandboxCaAndHandsThemOverAsManagementSecrets() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/named")), "BIND 9 (Debian package bind9) is not installed");
        Path dir = Path.of(System.getProperty("user.dir"), "target", "sandbox-fleet-" + ProcessHandle.current().pid());
        try (Sandbox fleet = Sandbox.startFleet(dir);
             KubernetesClient management = fleet.managementClient()) {
            assertThat(fleet.dnsServer()).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(fleet.dnsBaseZone()).isEqualTo("sandbox.capstan.test");
            assertThat(fleet.dns().path("zones").toString())
                .contains("sandbox.capstan.test", "example.com", "example.net", "example.org");
            assertThat(fleet.dnsKeyFile()).isRegularFile();
            assertThat(Files.readString(fleet.caBundle(), StandardCharsets.US_ASCII)).startsWith("-----BEGIN CERTIFICATE-----");

            Secret tsig = management.secrets().inNamespace(fleet.managementNamespace()).withName("sandbox-dns-tsig").get();
            assertThat(tsig).isNotNull();
            assertThat(tsig.getData()).containsKey("secret");
            Secret ca = management.secrets().inNamespace(fleet.managementNamespace()).withName("sandbox-ca").get();
            assertThat(ca.getType()).isEqualTo("kubernetes.io/tls");
            assertThat(ca.getData()).containsKeys("tls.crt", "tls.key", "ca.crt");
            String root = new String(Base64.getDecoder().decode(ca.getData().get("ca.crt")), StandardCharsets.US_ASCII);
            assertThat(root.trim()).isEqualTo(Files.readString(fleet.caBundle(), StandardCharsets.US_ASCII).trim());
            // the TSIG secret is in the Secret and the key file, never in sandbox.json
            String secret = new String(Base64.getDecoder().decode(tsig.getData().get("secret")), StandardCharsets.US_ASCII);
            assertThat(fleet.dns().toString()).doesNotContain(secret);
        }
    }
}
