package io.capstan.sandbox.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Starts a real named from the config BindServer writes; needs the Debian package bind9 (dig, nsupdate). */
class BindServerTest {

    private static final Path DIR = Path.of("target", "bind-server-test");

    @Test
    void servesInitialRecordsAcceptsSignedUpdatesWithItsKeyFileAndLeavesNoProcessBehind() throws Exception {
        long pid;
        try (BindServer bind = new BindServer(DIR, List.of(new DnsZone("Example.Test.", List.of(
            "@ 300 IN TXT \"v=spf1 -all\"", "@ 300 IN MX 10 mail.example.test.", "hand 120 IN A 192.0.2.10"))))) {
            bind.start();
            pid = bind.pid();
            assertThat(dig(bind, "hand.example.test", "A")).isEqualTo("192.0.2.10");
            assertThat(dig(bind, "example.test", "MX")).isEqualTo("10 mail.example.test.");

            String script = "server 127.0.0.1 " + bind.port() + "\nzone example.test\n"
                + "update add www.example.test 60 A 192.0.2.1\nsend\n";
            assertThat(run(List.of("nsupdate", "-k", bind.keyFile().toString()), script)).isEmpty();
            assertThat(dig(bind, "www.example.test", "A")).isEqualTo("192.0.2.1");

            String axfr = run(List.of("dig", "+noall", "+answer", "-p", String.valueOf(bind.port()), "@127.0.0.1",
                "-k", bind.keyFile().toString(), "example.test", "AXFR"), "");
            assertThat(axfr).contains("www.example.test.", "v=spf1 -all");
            String unsigned = run(List.of("dig", "+noall", "+answer", "-p", String.valueOf(bind.port()),
                "@127.0.0.1", "example.test", "AXFR"), "");
            assertThat(unsigned).doesNotContain("www.example.test.").contains("Transfer failed");

            assertThat(bind.toString()).doesNotContain(bind.secret());
            assertThat(Files.readString(bind.logFile())).doesNotContain(bind.secret());
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aRestartOnTheSameDirectoryKeepsTheKeyButStartsTheZoneAfresh() throws Exception {
        Path dir = Path.of("target", "bind-server-restart-test");
        String secret;
        int port;
        try (BindServer first = new BindServer(dir, List.of(DnsZone.of("restart.test"))).start()) {
            secret = first.secret();
            port = first.port();
            String script = "server 127.0.0.1 " + port + "\nzone restart.test\nupdate add gone.restart.test 60 A "
                + "192.0.2.1\nsend\n";
            assertThat(run(List.of("nsupdate", "-k", first.keyFile().toString()), script)).isEmpty();
        }
        try (BindServer second = new BindServer(dir, List.of(DnsZone.of("restart.test")), BindServer.DEFAULT_KEY_NAME,
            "hmac-sha256", port).start()) {
            assertThat(second.secret()).isEqualTo(secret);
            assertThat(dig(second, "gone.restart.test", "A")).isEmpty();
            assertThat(dig(second, "ns1.restart.test", "A")).isEqualTo("127.0.0.1");
        }
        BindServer otherAlgorithm = new BindServer(dir, List.of(DnsZone.of("restart.test")), "capstan-key",
            "hmac-sha512", 0);
        assertThat(otherAlgorithm.secret()).isNotEqualTo(secret);
    }

    private static String dig(BindServer bind, String name, String type) throws IOException, InterruptedException {
        return run(List.of("dig", "+short", "-p", String.valueOf(bind.port()), "@127.0.0.1", name, type), "").trim();
    }

    private static String run(List<String> command, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
