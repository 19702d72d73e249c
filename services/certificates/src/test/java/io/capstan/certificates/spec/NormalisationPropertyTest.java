package io.capstan.certificates.spec;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the normalisations the re-issue decision relies on: applying one twice changes nothing (so a spec
 * read on the next pass equals the one issued: no re-issue), case never matters, and Go durations round-trip.
 */
class NormalisationPropertyTest {

    @Provide
    Arbitrary<String> hostNames() {
        Arbitrary<String> label = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
                .ofMinLength(1).ofMaxLength(20);
        return label.list().ofMinSize(1).ofMaxSize(5).map(l -> String.join(".", l))
                .flatMap(n -> Arbitraries.of(n, "*." + n));
    }

    @Property(tries = 300)
    void dnsNormalisationIsIdempotentAndCaseInsensitive(@ForAll("hostNames") String name) {
        String once = DnsNames.normalize(name);
        assertThat(DnsNames.normalize(once)).isEqualTo(once);
        assertThat(DnsNames.normalize(name.toUpperCase(Locale.ROOT))).isEqualTo(once);
        assertThat(once).isEqualTo(once.toLowerCase(Locale.ROOT));
    }

    @Provide
    Arbitrary<byte[]> ipv6() {
        return Arbitraries.bytes().array(byte[].class).ofSize(16)
                .map(b -> {
                    // many zero runs, as real addresses have
                    for (int i = 0; i < 16; i += 2) {
                        if ((b[i] & 3) == 0) {
                            b[i] = 0;
                            b[i + 1] = 0;
                        }
                    }
                    return b;
                });
    }

    @Property(tries = 300)
    void ipCanonicalFormIsIdempotentAndTheSameAddress(@ForAll("ipv6") byte[] bytes) throws Exception {
        InetAddress a = InetAddress.getByAddress(bytes);
        String canonical = IpAddresses.format(a);
        assertThat(IpAddresses.normalize(canonical)).isEqualTo(canonical);
        assertThat(IpAddresses.parse(canonical)).isEqualTo(a);
        assertThat(IpAddresses.normalize(a.getHostAddress())).isEqualTo(canonical);
    }

    @Provide
    Arbitrary<Duration> durations() {
        return Combinators.combine(Arbitraries.longs().between(0, 100_000), Arbitraries.integers().between(0, 59),
                Arbitraries.integers().between(0, 59)).as((h, m, s) -> Duration.ofHours(h).plusMinutes(m).plusSeconds(s));
    }

    @Property(tries = 300)
    void goDurationsRoundTrip(@ForAll("durations") Duration d) {
        assertThat(GoDuration.parse(GoDuration.format(d))).isEqualTo(d);
    }
}
