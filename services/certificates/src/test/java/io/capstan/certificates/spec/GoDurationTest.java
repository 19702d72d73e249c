package io.capstan.certificates.spec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Go duration strings (time.ParseDuration / Duration.String), table-driven. */
class GoDurationTest {

    @ParameterizedTest(name = "\"{0}\" is {1} seconds and prints as {2}")
    @CsvSource({
            "2160h, 7776000, 2160h0m0s",
            "1h30m, 5400, 1h30m0s",
            "90m, 5400, 1h30m0s",
            "1.5h, 5400, 1h30m0s",
            "360h, 1296000, 360h0m0s",
            "5m, 300, 5m0s",
            "45s, 45, 45s",
            "0, 0, 0s",
            "+1h, 3600, 1h0m0s",
            "-30m, -1800, -30m0s",
            "1h0m0s, 3600, 1h0m0s",
            "24h, 86400, 24h0m0s",
    })
    void parsesAndFormatsLikeGo(String text, long seconds, String formatted) {
        Duration d = GoDuration.parse(text);
        assertThat(d).isEqualTo(Duration.ofSeconds(seconds));
        assertThat(GoDuration.format(d)).isEqualTo(formatted);
    }

    @ParameterizedTest(name = "sub-second \"{0}\" prints as {1}")
    @CsvSource({"500ms, 500ms", "1500ms, 1.5s", "10us, 10µs", "7ns, 7ns"})
    void subSecondUnits(String text, String formatted) {
        assertThat(GoDuration.format(GoDuration.parse(text))).isEqualTo(formatted);
    }

    @ParameterizedTest(name = "\"{0}\" is refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "90d | time: unknown unit \"d\" in duration \"90d\"",
            "10 | time: missing unit in duration \"10\"",
            "h | time: invalid duration \"h\"",
            "'' | time: invalid duration \"\"",
            "1..5h | time: invalid duration \"1..5h\"",
            "P30D | time: invalid duration \"P30D\"",
    })
    void malformedDurationsAreRefusedWithGosWording(String text, String message) {
        assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
