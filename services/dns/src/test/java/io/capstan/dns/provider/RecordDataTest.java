package io.capstan.dns.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Pure table tests of the presentation forms every provider shares (no server needed). */
class RecordDataTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "2001:db8:0:0:0:0:0:1 | 2001:db8::1",
        "2001:DB8::0001 | 2001:db8::1",
        "2001:db8:0:0:1:0:0:1 | 2001:db8::1:0:0:1",
        "2001:0:0:1:0:0:0:1 | 2001:0:0:1::1",
        "2001:db8:1:1:1:1:0:1 | 2001:db8:1:1:1:1:0:1",
        "0:0:0:0:0:0:0:0 | ::",
        "::1 | ::1",
        "fe80:0:0:0:0:0:0:0 | fe80::",
        "::ffff:192.0.2.1 | ::ffff:c000:201"})
    void ipv6IsWrittenInRfc5952Form(String in, String out) {
        assertThat(RecordData.ipv6(in)).isEqualTo(out);
    }

    @Test
    void ipv6RefusesWhatIsNotAnIpv6Literal() {
        assertThatThrownBy(() -> RecordData.ipv6("192.0.2.1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordData.ipv6("host.example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordData.ipv6("2001:db8::zz")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "v=spf1 -all | '\"v=spf1 -all\"'",
        "say \"hi\" | '\"say \\\"hi\\\"\"'",
        "C:\\dir | '\"C:\\\\dir\"'",
        "'' | '\"\"'",
        "tab\there | '\"tab\\009here\"'",
        "caf\u00e9 | '\"caf\\195\\169\"'"})
    void txtIsQuotedAsAMasterFileStringAndReadBack(String text, String quoted) {
        assertThat(RecordData.quoteTxt(text)).isEqualTo(quoted);
        assertThat(RecordData.unquoteTxt(quoted)).isEqualTo(text);
    }

    @Test
    void txtLongerThan255OctetsIsSplitIntoCharacterStringsAndJoinedBack() {
        String text = "x".repeat(300) + "\u00e9";
        List<byte[]> chunks = RecordData.txtChunks(text);
        assertThat(chunks).extracting(c -> c.length).containsExactly(255, 47);
        assertThat(RecordData.joinTxt(chunks)).isEqualTo(text);
        assertThat(RecordData.quoteTxt(text)).startsWith("\"" + "x".repeat(255) + "\" \"");
        assertThat(RecordData.unquoteTxt(RecordData.quoteTxt(text))).isEqualTo(text);
    }

    @Test
    void unquoteRefusesBrokenContent() {
        assertThatThrownBy(() -> RecordData.unquoteTxt("\"open")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordData.unquoteTxt("\"bad \\99\"")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordData.unquoteTxt("\"big \\999\"")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource({"example.test,example.test,true", "www.example.test,example.test,true",
        "fooexample.test,example.test,false", "example.test,www.example.test,false"})
    void inZoneMatchesWholeLabelsOnly(String name, String zone, boolean in) {
        assertThat(RecordData.inZone(name, zone)).isEqualTo(in);
    }

    @Test
    void hostnameIsLowercaseWithoutTrailingDot() {
        assertThat(RecordData.hostname("Mail.Example.COM.")).isEqualTo("mail.example.com");
        assertThat(RecordData.hostname("a.b")).isEqualTo("a.b");
    }
}
