package io.capstan.dns.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.dns.provider.rfc2136.Rfc2136Config;
import io.capstan.dns.provider.rfc2136.Rfc2136Provider;
import io.capstan.sandbox.dns.BindServer;
import io.capstan.sandbox.dns.DnsZone;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link DnsProviderContract} for {@link Rfc2136Provider} against a real BIND 9 started on a random loopback port. */
class Rfc2136ProviderTest extends DnsProviderContract {

    private static final String ZONE = "rfc2136.example.test";
    private static final String BAD_SECRET = Base64.getEncoder().encodeToString(new byte[32]);
    private BindServer bind;

    @BeforeAll
    void startBind() throws Exception {
        bind = new BindServer(Path.of("target", "dns-provider-test", "bind"),
            List.of(new DnsZone(ZONE, FOREIGN))).start();
    }

    @AfterAll
    void stopBind() {
        if (bind != null) {
            bind.stop();
        }
    }

    private Rfc2136Config config() {
        return new Rfc2136Config(bind.host(), bind.port(), bind.keyName(), bind.keyAlgorithm(), bind.secret(),
            Duration.ofSeconds(5), 100, false);
    }

    @Override
    protected String zone() {
        return ZONE;
    }

    @Override
    protected DnsProvider provider(int maxRecordSetsPerMessage) {
        return new Rfc2136Provider(config().withMaxRecordSetsPerMessage(maxRecordSetsPerMessage));
    }

    @Override
    protected DnsProvider providerWithBadKey() {
        return new Rfc2136Provider(config().withKey(bind.keyName(), bind.keyAlgorithm(), BAD_SECRET));
    }

    @Override
    protected String badSecret() {
        return BAD_SECRET;
    }

    @Override
    protected Optional<DnsProvider> unreachableProvider() {
        return Optional.of(new Rfc2136Provider(new Rfc2136Config("127.0.0.1", 9, bind.keyName(), bind.keyAlgorithm(),
            bind.secret(), Duration.ofMillis(500), 100, false)));
    }

    @Override
    protected List<String> zoneText() throws Exception {
        return run(List.of("dig", "+noall", "+answer", "-p", String.valueOf(bind.port()), "@127.0.0.1", "-k",
            bind.keyFile().toString(), ZONE, "AXFR")).lines().toList();
    }

    @Override
    protected Optional<Integer> dnsPort() {
        return Optional.of(bind.port());
    }

    @Test
    void anUnknownKeyNameIsBadKeyNamingTheKey() {
        Rfc2136Provider unknown = new Rfc2136Provider(config().withKey("nobody-key", "hmac-sha256", bind.secret()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> unknown.apply(creates(ZONE,
                set(name("unknown-key"), "A", 60, "192.0.2.1"))))
            .isInstanceOfSatisfying(ProviderException.class, e -> {
                assertThat(e.isTransient()).isFalse();
                assertThat(e.getMessage()).contains("BADKEY", "nobody-key").doesNotContain(bind.secret());
            });
    }

    @Test
    void aWrongSecretIsReportedAsBadSigOnUpdateAndOnTransfer() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> providerWithBadKey().apply(creates(ZONE,
                set(name("bad-sig"), "A", 60, "192.0.2.1"))))
            .hasMessageContaining("BADSIG");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> providerWithBadKey().records(ZONE))
            .hasMessageContaining("BADSIG");
    }

    @Test
    void aZoneTheServerDoesNotServeIsAClearNonTransientError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> provider().records("not-served.example.test"))
            .isInstanceOfSatisfying(ProviderException.class, e -> {
                assertThat(e.isTransient()).isFalse();
                assertThat(e.getMessage()).contains("not-served.example.test", "does not serve the zone");
            });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> provider().apply(creates("not-served.example.test",
                set("x.not-served.example.test", "A", 60, "192.0.2.1"))))
            .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.isTransient()).isFalse());
    }

    @Test
    void otherKeyAlgorithmsWorkWhenTheServerUsesThem() throws Exception {
        try (BindServer sha512 = new BindServer(Path.of("target", "dns-provider-test", "bind-sha512"),
            List.of(DnsZone.of("sha512.example.test")), "capstan-512", "hmac-sha512", 0).start()) {
            Rfc2136Provider p = new Rfc2136Provider(new Rfc2136Config(sha512.host(), sha512.port(), sha512.keyName(),
                "hmac-sha512", sha512.secret(), Duration.ofSeconds(5), 100, true));
            p.apply(creates("sha512.example.test", set("www.sha512.example.test", "A", 60, "192.0.2.1")));
            assertThat(p.records("sha512.example.test")).contains(set("www.sha512.example.test", "A", 60,
                "192.0.2.1"));
        }
    }
}
