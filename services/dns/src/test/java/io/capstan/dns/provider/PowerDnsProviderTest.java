package io.capstan.dns.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.dns.provider.powerdns.PowerDnsConfig;
import io.capstan.dns.provider.powerdns.PowerDnsProvider;
import io.capstan.sandbox.dns.DnsZone;
import io.capstan.sandbox.dns.PowerDnsServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link DnsProviderContract} for {@link PowerDnsProvider} against a real PowerDNS Authoritative 4.7 (gsqlite3) started
 * on random loopback ports; the zone text is a real AXFR from it.
 */
class PowerDnsProviderTest extends DnsProviderContract {

    private static final String ZONE = "powerdns.example.test";
    private static final String BAD_KEY = "0123456789abcdef0123456789abcdef-not-the-key";
    private PowerDnsServer pdns;

    @BeforeAll
    void startPowerDns() throws Exception {
        pdns = new PowerDnsServer(Path.of("target", "dns-provider-test", "pdns"),
            List.of(new DnsZone(ZONE, FOREIGN))).start();
    }

    @AfterAll
    void stopPowerDns() {
        if (pdns != null) {
            pdns.stop();
        }
    }

    private PowerDnsConfig config() {
        return new PowerDnsConfig(URI.create(pdns.apiUrl()), pdns.apiKey(), PowerDnsServer.SERVER_ID,
            Duration.ofSeconds(5), 100);
    }

    @Override
    protected String zone() {
        return ZONE;
    }

    @Override
    protected DnsProvider provider(int maxRecordSetsPerMessage) {
        return new PowerDnsProvider(config().withMaxRecordSetsPerRequest(maxRecordSetsPerMessage));
    }

    @Override
    protected DnsProvider providerWithBadKey() {
        return new PowerDnsProvider(config().withApiKey(BAD_KEY));
    }

    @Override
    protected String badSecret() {
        return BAD_KEY;
    }

    @Override
    protected Optional<DnsProvider> unreachableProvider() {
        return Optional.of(new PowerDnsProvider(new PowerDnsConfig(URI.create("http://127.0.0.1:9"), pdns.apiKey(),
            "localhost", Duration.ofMillis(500), 100)));
    }

    @Override
    protected List<String> zoneText() throws Exception {
        return run(List.of("dig", "+noall", "+answer", "-p", String.valueOf(pdns.dnsPort()), "@127.0.0.1", ZONE,
            "AXFR")).lines().toList();
    }

    @Override
    protected Optional<Integer> dnsPort() {
        return Optional.of(pdns.dnsPort());
    }

    @Test
    void aZoneTheServerDoesNotServeIsAClearNonTransientError() {
        assertThatThrownBy(() -> provider().records("not-served.example.test"))
            .isInstanceOfSatisfying(ProviderException.class, e -> {
                assertThat(e.isTransient()).isFalse();
                assertThat(e.getMessage()).contains("not-served.example.test", "404");
            });
    }

    @Test
    void dataPowerDnsRefusesIsANonTransientErrorWithItsReason() {
        assertThatThrownBy(() -> provider().apply(creates(ZONE, set(name("bad-mx"), "MX", 60, "ten mx.example.net"))))
            .isInstanceOfSatisfying(ProviderException.class, e -> {
                assertThat(e.isTransient()).isFalse();
                assertThat(e.getMessage()).contains("422", "bad-mx").doesNotContain(pdns.apiKey());
            });
    }
}
