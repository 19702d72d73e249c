package io.capstan.dns.name;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Name normalisation and validation (RFC 1035 §2.3.4, RFC 4592, RFC 5891), pure. */
class DnsNamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "Web.Example.Test.,         web.example.test",
            "web.example.test,          web.example.test",
            "'  EXAMPLE.TEST.  ',       example.test",
            "*.Apps.Example.Test,       *.apps.example.test",
            "id.apps.bücher.example,    id.apps.xn--bcher-kva.example",
            "ID.APPS.BÜCHER.EXAMPLE.,   id.apps.xn--bcher-kva.example",
            "id.apps.xn--bcher-kva.example, id.apps.xn--bcher-kva.example",
            "bücher。example,           xn--bcher-kva.example",
            "_acme-challenge.example.test, _acme-challenge.example.test",
            "a1-b2.example.test,        a1-b2.example.test",
    })
    void normalises(String raw, String expected) {
        assertThat(DnsNames.normalize(raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "''                         | empty",
            ".                          | root name",
            "a..example.test            | empty label at position 2",
            "foo.*.example.test         | whole leftmost label",
            "*foo.example.test          | contains '*'",
            "web page.example.test      | contains ' '",
            "web@example.test           | contains '@'",
            "-web.example.test          | starts or ends with '-'",
            "web-.example.test          | starts or ends with '-'",
            "xn--zz.example.test        | not valid punycode",
    })
    void refusesWithAClearMessage(String raw, String fragment) {
        assertThatThrownBy(() -> DnsNames.normalize(raw)).isInstanceOf(InvalidNameException.class)
                .hasMessageContaining(fragment).hasMessageContaining("\"" + raw + "\"");
    }

    @Test
    void labelAndNameLengthLimits() {
        String l63 = "a".repeat(63);
        assertThat(DnsNames.normalize(l63 + ".example.test")).startsWith(l63);
        assertThatThrownBy(() -> DnsNames.normalize("a".repeat(64) + ".example.test"))
                .hasMessageContaining("64 octets, the limit is 63");
        String name253 = (l63 + ".").repeat(3) + "b".repeat(61);
        assertThat(name253).hasSize(253);
        assertThat(DnsNames.normalize(name253 + ".")).hasSize(253);
        assertThatThrownBy(() -> DnsNames.normalize(name253 + "b")).hasMessageContaining("254 octets, the limit is 253");
        // a Unicode label is measured after conversion to punycode
        assertThatThrownBy(() -> DnsNames.normalize("ü".repeat(60) + ".example")).hasMessageContaining("limit is 63");
    }

    @Test
    void zonesCannotBeWildcards() {
        assertThatThrownBy(() -> DnsNames.normalizeZone("*.example.test")).hasMessageContaining("wildcard");
        assertThat(DnsNames.normalizeZone("Example.Test.")).isEqualTo("example.test");
    }

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource({
            "a.example.test,     example.test, true",
            "example.test,       example.test, true",
            "fooexample.test,    example.test, false",
            "example.test,       a.example.test, false",
            "a.b.example.test,   b.example.test, true",
            "example.test,       '',           false",
    })
    void labelBoundaries(String name, String zone, boolean expected) {
        assertThat(DnsNames.isAtOrBelow(name, zone)).isEqualTo(expected);
    }
}
