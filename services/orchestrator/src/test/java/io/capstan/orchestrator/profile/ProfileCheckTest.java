package io.capstan.orchestrator.profile;

import io.capstan.model.event.Json;
import io.capstan.orchestrator.problem.FieldError;
import org.junit.jupiter.api.Test;
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
            "{\"spec\":{\"dns\":{\"provider\":{\"tsig\":{\"keyName\":\"k\",\"secret\":\"c2VjcmV0\"}}}}}|spec.dns.provider.tsig.secret",
            "{\"spec\":{\"dns\":{\"provider\":{\"tsigKey\":\"x\",\"tsigSecret\":\"y\"}}}}|spec.dns.provider.tsigKey;spec.dns.provider.tsigSecret",
            "{\"spec\":{\"certificates\":{\"issuers\":[{\"ca\":{\"key\":\"-----BEGIN PRIVATE KEY-----\\nMIG\\n-----END PRIVATE KEY-----\"}}]}}}|spec.certificates.issuers[0].ca.key",
            "{\"spec\":{\"x\":{\"pem\":\"-----BEGIN EC PRIVATE KEY-----\"}}}|spec.x.pem",
            "{\"spec\":{\"dns\":{\"provider\":{\"tsig\":{\"secretRef\":{\"name\":\"sandbox-dns-tsig\",\"key\":\"secret\"}}}}}}|",
            "{\"spec\":{\"certificates\":{\"issuers\":[{\"acme\":{\"accountKeySecretName\":\"a\",\"trustSecretName\":\"t\"},\"ca\":{\"secretName\":\"sandbox-ca\"}}]}}}|",
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

    @Test
    void theSandboxProfilesAndEveryServiceReadmeExamplePass() throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("capstan.repo.root", "../.."));
        try (var files = java.nio.file.Files.list(root.resolve("deploy/sandbox/profiles"))) {
            for (java.nio.file.Path f : files.filter(x -> x.toString().endsWith(".json")).toList()) {
                assertThat(ProfileCheck.check(Json.MAPPER.readTree(f.toFile()))).as(f.toString()).isEmpty();
            }
        }
    }
}
