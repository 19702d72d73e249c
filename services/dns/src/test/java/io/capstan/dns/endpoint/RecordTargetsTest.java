package io.capstan.dns.endpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Normalisation of record data, so that spelling never causes a change. Pure. */
class RecordTargetsTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "A     | 192.0.2.1                    | 192.0.2.1",
            "A     | ' 192.0.2.1 '                | 192.0.2.1",
            "AAAA  | 2001:DB8:0:0:0:0:0:1         | 2001:db8::1",
            "AAAA  | 2001:db8:0000:0000:1:0:0:1   | 2001:db8::1:0:0:1",
            "AAAA  | 2001:db8:0:1:1:1:1:1         | 2001:db8:0:1:1:1:1:1",
            "AAAA  | ::1                          | ::1",
            "AAAA  | ::                           | ::",
            "AAAA  | 1::                          | 1::",
            "AAAA  | ::FFFF:192.0.2.1             | ::ffff:192.0.2.1",
            "AAAA  | 64:ff9b::192.0.2.1           | 64:ff9b::c000:201",
            "CNAME | Edge-LB.Example.Net.         | edge-lb.example.net",
            "NS    | NS1.Example.Test.            | ns1.example.test",
            "MX    | '10   Mail.Example.Test.'    | 10 mail.example.test",
            "SRV   | 0 5 5060 SIP.Example.Test.   | 0 5 5060 sip.example.test",
            "TXT   | 'Keep  As Is'                | Keep  As Is",
    })
    void normalises(String type, String raw, String expected) {
        assertThat(RecordTargets.normalizeOne(type, raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "A     | 192.0.2.256",
            "A     | 192.0.2",
            "A     | 192.0.02.1",
            "A     | web.example.test",
            "AAAA  | 192.0.2.1",
            "AAAA  | 2001:db8::1::2",
            "AAAA  | 2001:db8:0:0:0:0:0:0:1",
            "AAAA  | fe80::1%eth0",
            "AAAA  | 2001:db8::g",
            "CNAME | bad name.example",
            "CNAME | *.example.net",
            "MX    | mail.example.test",
            "SRV   | 0 5 sip.example.test",
    })
    void refuses(String type, String raw) {
        assertThatThrownBy(() -> RecordTargets.normalizeOne(type, raw)).isInstanceOf(InvalidTargetException.class)
                .hasMessageContaining(type);
    }

    @Test
    void setsAreSortedWithoutDuplicatesAndLenientReadingKeepsWhatItCannotParse() {
        assertThat(RecordTargets.normalize("AAAA", List.of("2001:db8::2", "2001:DB8::1", "2001:db8:0::2")))
                .containsExactly("2001:db8::1", "2001:db8::2");
        assertThat(RecordTargets.normalizeLenient("A", List.of("not-an-ip", "192.0.2.1")))
                .containsExactly("192.0.2.1", "not-an-ip");
    }
}
