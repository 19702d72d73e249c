package io.capstan.certificates.renewal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Renewal time from the real validity (cert-manager's pki.RenewalTime), table-driven. */
class RenewalTimeTest {

    static final Instant NB = Instant.parse("2026-11-29T12:00:00Z");

    @ParameterizedTest(name = "lifetime {0}, renewBefore {1}, pct {2} -> renew {3} before notAfter")
    @CsvSource(nullValues = "-", value = {
            // case 1: duration 24h, renewBefore 8h -> notAfter - 8h
            "PT24H, PT8H, -, PT8H",
            // default: 2/3 through the lifetime
            "PT2160H, -, -, PT720H",
            "PT24H, -, -, PT8H",
            // renewBefore honoured when shorter than the real lifetime
            "PT2160H, PT360H, -, PT360H",
            // the CA shortened the certificate below renewBefore: 2/3 of the real lifetime, not a loop
            "PT6H, PT8H, -, PT2H",
            "PT8H, PT8H, -, PT2H40M",
            // percentage of the real lifetime
            "PT100H, -, 25, PT25H",
            "PT10H, -, 50, PT5H",
            // invalid values (never reach here after validation) fall back to the default
            "PT9H, PT0S, -, PT3H",
            "PT9H, -, 0, PT3H",
            "PT9H, -, 100, PT3H",
    })
    void renewalIsComputedFromTheActualLifetime(Duration lifetime, Duration renewBefore, Integer pct, Duration expectedBefore) {
        Instant notAfter = NB.plus(lifetime);
        Instant t = RenewalTime.of(NB, notAfter, renewBefore, pct);
        assertThat(t).isEqualTo(notAfter.minus(expectedBefore));
        assertThat(t).isAfter(NB);
    }

    @ParameterizedTest(name = "sub-second parts are truncated: {0}")
    @CsvSource({"2026-11-29T12:00:00.900Z"})
    void truncatedToSeconds(Instant notBefore) {
        Instant t = RenewalTime.of(notBefore, notBefore.plus(Duration.ofSeconds(3)), null, null);
        assertThat(t).isEqualTo(Instant.parse("2026-11-29T12:00:02Z"));
    }
}
