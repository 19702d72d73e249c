package io.capstan.dns.zone;

import io.capstan.dns.name.InvalidNameException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Zone selection and domain filters, pure. */
class ZoneSelectorTest {

    static final ZoneSelector ZONES = new ZoneSelector(List.of("example.test.", "INT.example.test", "apps.bücher.example"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "svc.int.example.test,           int.example.test",
            "int.example.test,               int.example.test",
            "web.example.test,               example.test",
            "example.test,                   example.test",
            "fooexample.test,                ''",
            "xint.example.test,              example.test",
            "id.apps.xn--bcher-kva.example,  apps.xn--bcher-kva.example",
            "xn--bcher-kva.example,          ''",
    })
    void mostSpecificZoneOnLabelBoundaries(String name, String zone) {
        assertThat(ZONES.zoneOf(name).orElse("")).isEqualTo(zone);
    }

    @Test
    void zonesAreNormalisedAndNeverEmpty() {
        assertThat(ZONES.zones()).containsExactly("apps.xn--bcher-kva.example", "int.example.test", "example.test");
        assertThatThrownBy(() -> new ZoneSelector(List.of(""))).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> new ZoneSelector(List.of("."))).isInstanceOf(InvalidNameException.class);
    }

    @ParameterizedTest(name = "includes {0}, excludes {1}: {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "example.test   |                 | web.example.test       | true",
            "example.test.  |                 | web.example.test       | true",
            "EXAMPLE.TEST.  |                 | example.test           | true",
            "example.test   |                 | fooexample.test        | false",
            ".example.test  |                 | example.test           | false",
            ".example.test  |                 | a.example.test         | true",
            "               |                 | anything.test          | true",
            "example.test   | bad.example.test. | x.bad.example.test   | false",
            "example.test   | bad.example.test  | bad2.example.test    | true",
    })
    void domainFiltersWithAndWithoutTrailingDot(String include, String exclude, String name, boolean expected) {
        DomainFilter f = DomainFilter.of(include == null ? List.of() : List.of(include),
                exclude == null ? List.of() : List.of(exclude));
        assertThat(f.matches(name)).isEqualTo(expected);
    }

    @Test
    void filtersWithAndWithoutTrailingDotAreEqual() {
        assertThat(DomainFilter.of(List.of("example.test."), List.of()))
                .isEqualTo(DomainFilter.of(List.of("Example.Test"), null));
    }
}
