package io.capstan.sandbox.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Starts a real pdns_server from the config PowerDnsServer writes; needs pdns-server, pdns-backend-sqlite3, dig. */
class PowerDnsServerTest {

    @Test
    void servesTheLoadedZoneOverDnsAndTheKeyedApiAndLeavesNoProcessBehind() throws Exception {
        long pid;
        try (PowerDnsServer pdns = new PowerDnsServer(Path.of("target", "pdns-server-test"),
            List.of(new DnsZone("pdns.example.test", List.of("@ 300 IN TXT \"v=spf1 -all\"",
                "hand 120 IN A 192.0.2.10"))))) {
            pdns.start();
            pid = pdns.pid();
            Process dig = new ProcessBuilder("dig", "+short", "-p", String.valueOf(pdns.dnsPort()), "@127.0.0.1",
                "hand.pdns.example.test", "A").redirectErrorStream(true).start();
            assertThat(new String(dig.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim())
                .isEqualTo("192.0.2.10");

            HttpClient http = HttpClient.newHttpClient();
            URI zone = URI.create(pdns.apiUrl() + "/api/v1/servers/localhost/zones/pdns.example.test.");
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(zone).header("X-API-Key", pdns.apiKey())
                .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("\"kind\": \"Native\"", "v=spf1 -all");
            HttpResponse<String> denied = http.send(HttpRequest.newBuilder(zone).header("X-API-Key", "wrong")
                .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(denied.statusCode()).isEqualTo(401);

            assertThat(pdns.toString()).doesNotContain(pdns.apiKey());
            assertThat(Files.readString(pdns.logFile())).doesNotContain(pdns.apiKey());
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aServerOnTheSameDirectoryKeepsTheApiKey() throws Exception {
        Path dir = Path.of("target", "pdns-server-restart-test");
        PowerDnsServer first = new PowerDnsServer(dir, List.of(DnsZone.of("pdns.example.test")));
        first.start().stop();
        PowerDnsServer second = new PowerDnsServer(dir, List.of(DnsZone.of("pdns.example.test")));
        assertThat(second.apiKey()).isEqualTo(first.apiKey()).hasSize(48);
    }
}
