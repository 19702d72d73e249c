package io.capstan.certificates.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DNS name and IP address normalisation, table-driven. */
class NamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "app.example.test, app.example.test",
            "App.Example.Test, app.example.test",
            "*.example.test, *.example.test",
            "*.Example.TEST, *.example.test",
            "bücher.example, xn--bcher-kva.example",
            "BÜCHER.example, xn--bcher-kva.example",
            "xn--bcher-kva.example, xn--bcher-kva.example",
            "localhost, localhost",
            "a-b.c-d.example, a-b.c-d.example",
    })
    void dnsNamesAreLowerCaseALabels(String in, String out) {
        assertThat(DnsNames.normalize(in)).isEqualTo(out);
    }

    @ParameterizedTest(name = "\"{0}\" refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "a.*.example.test | wildcard is allowed only as the whole left-most label",
            "foo*.example.test | wildcard is allowed only as the whole left-most label",
            "*foo.example.test | wildcard is allowed only as the whole left-most label",
            "*.*.example.test | wildcard is allowed only as the whole left-most label",
            "* | a wildcard needs a domain below it",
            "example.test. | must not end with a dot",
            "a..example.test | ",
            "-a.example.test | ",
            "a_b.example.test | ",
            "a b.example.test | white space",
            "'' | must not be empty",
    })
    void invalidDnsNamesAreRefusedSayingWhy(String in, String message) {
        var t = assertThatThrownBy(() -> DnsNames.normalize(in)).isInstanceOf(IllegalArgumentException.class);
        if (message != null) {
            t.hasMessageContaining(message);
        }
    }

    @Test
    void dnsNamesAreAtMost253CharactersAndLabels63() {
        String label63 = "a".repeat(63);
        String name253 = label63 + "." + label63 + "." + label63 + "." + "b".repeat(61);
        assertThat(name253).hasSize(253);
        assertThat(DnsNames.normalize(name253)).isEqualTo(name253);
        assertThatThrownBy(() -> DnsNames.normalize(name253 + "b")).hasMessageContaining("no more than 253");
        assertThatThrownBy(() -> DnsNames.normalize("a".repeat(64) + ".example")).hasMessageContaining("longer than 63");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "192.0.2.7, 192.0.2.7",
            "2001:db8::1, 2001:db8::1",
            "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "::1, ::1",
            "::, ::",
            "fe80::, fe80::",
            "::ffff:192.0.2.1, 192.0.2.1",
            "2001:db8:1:2:3:4:5:6, 2001:db8:1:2:3:4:5:6",
            "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
    })
    void ipAddressesAreComparedAsParsedAddresses(String in, String canonical) {
        assertThat(IpAddresses.normalize(in)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "\"{0}\" is not an IP address")
    @CsvSource({"1.2.3", "256.1.1.1", "01.2.3.4", "example.com", "fe80::1%eth0", "[::1]", "zz:1", "1.2.3.4/24"})
    void nonLiteralsAreRefusedWithoutResolving(String in) {
        assertThatThrownBy(() -> IpAddresses.parse(in)).hasMessage("invalid IP address");
    }
}
