package io.capstan.orchestrator.cluster;

import io.capstan.orchestrator.problem.FieldError;
import io.capstan.orchestrator.problem.ProblemException;
import io.capstan.orchestrator.status.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Pure table test: every bad list query parameter is a 422 naming that parameter; good ones pass through. */
class ListQueryTest {

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource(delimiterString = "|", ignoreLeadingAndTrailingWhitespace = false, value = {
            "limit|abc", "limit|0", "limit|-1", "limit|501", "limit|100000", "limit|99999999999", "limit|1.5",
            "continue|a\u0000b", "continue|\u0000\u00ff", "continue|Upper",
            "infrastructure|\u0000", "infrastructure|vsphere",
            "phase|\u0000", "phase|ready",
            "label|\u0000", "label|k=\u0000", "label|=v", "label|k=v=w", "label|bad key=v",
    })
    void aBadParameterIsA422NamingIt(String param, String value) {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> ListQuery.parse(
                param.equals("infrastructure") ? value : null, param.equals("label") ? value : null,
                param.equals("phase") ? value : null, param.equals("limit") ? value : null,
                param.equals("continue") ? value : null));
        assertThat(e).isNotNull();
        assertThat(e.kind().status()).isEqualTo(422);
        assertThat(e.errors()).extracting(FieldError::field).containsExactly(param);
    }

    @Test
    void everyBadParameterIsNamedAtOnce() {
        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> ListQuery.parse("x", "\u0000", "x", "x", "\u0000"));
        assertThat(e.errors()).extracting(FieldError::field)
                .containsExactly("infrastructure", "label", "phase", "limit", "continue");
    }

    @Test
    void goodParametersAreParsed() {
        assertThat(ListQuery.parse("eks", "example.com/team=a-b", "Ready", "500", "alpha-1"))
                .isEqualTo(new ListQuery("eks", "example.com/team", "a-b", Phase.Ready, 500, "alpha-1"));
        assertThat(ListQuery.parse(null, "env", "", " ", null))
                .isEqualTo(new ListQuery(null, "env", null, null, ListQuery.DEFAULT_LIMIT, null));
        assertThat(ListQuery.parse(null, "env=", null, "1", null).labelValue()).isEmpty();
    }
}
