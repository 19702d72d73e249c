package io.capstan.dns.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Marker names as ExternalDNS's {@code AffixNameMapper.ToTXTName} writes them (rows follow
 * {@code registry/mapper/mapper_test.go}), Capstan's apex and wildcard names, and the inverse. Pure.
 */
class MarkerNamesTest {

    @ParameterizedTest(name = "prefix {0} suffix {1} wildcard {2}: {3} {4} -> {5}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // ExternalDNS names
            "-                 | -                  | -        | web.example.test        | A     | a-web.example.test",
            "-                 | -                  | -        | web.example.test        | AAAA  | aaaa-web.example.test",
            "-                 | -                  | -        | www.example.test        | CNAME | cname-www.example.test",
            "txt.              | -                  | -        | web.example.test        | A     | txt.a-web.example.test",
            "txt-              | -                  | -        | web.apps.example.test   | A     | txt-a-web.apps.example.test",
            "%{record_type}-   | -                  | -        | web.example.test        | CNAME | cname-web.example.test",
            "p-%{record_type}. | -                  | -        | web.example.test        | AAAA  | p-aaaa.web.example.test",
            "-                 | -txt               | -        | web.example.test        | A     | a-web-txt.example.test",
            "-                 | -%{record_type}    | -        | web.example.test        | A     | web-a.example.test",
            "-                 | -                  | wildcard | *.apps.example.test     | A     | a-wildcard.apps.example.test",
            // Capstan: default wildcard replacement, apex inside the zone
            "-                 | -                  | -        | *.apps.example.test     | A     | a-_wildcard.apps.example.test",
            "-                 | -                  | -        | example.test            | A     | a-_apex.example.test",
            "-                 | -txt               | -        | example.test            | AAAA  | aaaa-_apex-txt.example.test",
            "%{record_type}.   | -                  | -        | example.test            | A     | a.example.test",
            "%{record_type}-   | -                  | -        | example.test            | MX    | mx-_apex.example.test",
    })
    void forward(String prefix, String suffix, String wildcard, String name, String type, String marker) {
        MarkerNames names = new MarkerNames(prefix, suffix, wildcard);
        assertThat(names.markerName(name, type, "example.test")).isEqualTo(marker);
        assertThat(names.recordsOf(marker, "example.test")).contains(new MarkerNames.Owned(name, type));
    }

    @Test
    void legacyAndUnreplacedWildcardNamesAreReadForAdoption() {
        MarkerNames names = new MarkerNames("", "", "");
        assertThat(names.alternateNames("web.example.test", "A", "example.test")).containsExactly("web.example.test");
        assertThat(names.alternateNames("web.example.test", "AAAA", "example.test")).isEmpty();
        assertThat(names.alternateNames("web.example.test", "TXT", "example.test")).isEmpty();
        assertThat(names.alternateNames("*.apps.example.test", "A", "example.test"))
                .contains("a-*.apps.example.test");
        assertThat(names.alternateNames("example.test", "A", "example.test")).containsExactly("example.test");
        MarkerNames prefixed = new MarkerNames("extdns-%{record_type}-", "", "");
        assertThat(prefixed.alternateNames("web.example.test", "A", "example.test"))
                .containsExactly("extdns--web.example.test");
        assertThat(names.recordsOf("web.example.test", "example.test"))
                .contains(new MarkerNames.Owned("web.example.test", null));
    }

    @Test
    void labelLimitsCountThePrefixAndTheType() {
        MarkerNames names = new MarkerNames("", "", "");
        String l61 = "w".repeat(61);
        assertThat(names.markerName(l61 + ".example.test", "A", "example.test")).startsWith("a-" + l61);
        assertThatThrownBy(() -> names.markerName(l61 + ".example.test", "AAAA", "example.test"))
                .isInstanceOf(MarkerNameException.class).hasMessageContaining("66 octets (limit 63");
        MarkerNames prefixed = new MarkerNames("owner-", "", "");
        assertThatThrownBy(() -> prefixed.markerName("w".repeat(56) + ".example.test", "A", "example.test"))
                .hasMessageContaining("limit 63");
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new MarkerNames("p-", "-s", "")).hasMessageContaining("mutually exclusive");
        assertThatThrownBy(() -> new MarkerNames("a b", "", "")).hasMessageContaining("txt prefix");
        assertThatThrownBy(() -> new MarkerNames("", "", "*")).hasMessageContaining("wildcard replacement");
        assertThatThrownBy(() -> new MarkerNames("", "", "a.b")).hasMessageContaining("wildcard replacement");
    }
}
