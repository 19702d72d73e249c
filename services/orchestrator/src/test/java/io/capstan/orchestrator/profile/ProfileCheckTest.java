package io.capstan.orchestrator.profile;

import io.capstan.model.event.Json;
import io.capstan.orchestrator.problem.FieldError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Pure table test: profiles refuse inline secrets anywhere in the spec but accept references to Secrets. */
class ProfileCheckTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"spec\":{\"storage\":{\"defaultClass\":\"fast\"}}}|",
            "{\"spec\":{\"dns\":{\"tsigSecretRef\":\"dns-key\"}}}|",
            "{\"spec\":{\"dns\":{\"rfc2136\":{\"password\":\"x\"}}}}|spec.dns.rfc2136.password",
            "{\"spec\":{\"kubeconfig\":\"x\"}}|spec.kubeconfig",
            "{\"spec\":{\"providers\":[{\"api_token\":\"x\"}]}}|spec.providers[0].api_token",
            "{\"spec\":{\"certificates\":{\"privateKey\":\"x\"}}}|spec.certificates.privateKey",
            "{\"spec\":{\"a\":{\"bearer-token\":\"x\"}}}|spec.a.bearer-token",
            "{\"spec\":[1,2]}|spec",
            "{\"other\":{}}|other;spec",
    })
    void refusesInlineSecretsAndNamesTheirPath(String body, String expectedFields) throws Exception {
        var errors = ProfileCheck.check(Json.MAPPER.readTree(body));
        if (expectedFields == null) {
            assertThat(errors).isEmpty();
        } else {
            assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder(expectedFields.split(";"));
        }
    }
}
