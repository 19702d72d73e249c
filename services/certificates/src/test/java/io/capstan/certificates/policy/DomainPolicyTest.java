package io.capstan.certificates.policy;

import io.capstan.certificates.spec.CertificateParser;
import io.capstan.certificates.spec.CertificateSpec;
import io.capstan.model.event.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The domain policy of a cluster (profile's allowed domains), table-driven with the sandbox's clusters. */
class DomainPolicyTest {

    static final List<String> ALPHA = List.of("alpha.sandbox.capstan.test", "example.com", "example.net", "example.org");
    static final List<String> BETA = List.of("beta.sandbox.capstan.test");

    static CertificateSpec spec(String names, String commonName) {
        StringBuilder dns = new StringBuilder();
        for (String n : names.split(" ")) {
            dns.append(dns.length() == 0 ? "" : ",").append('"').append(n).append('"');
        }
        String json = "{\"secretName\":\"s\",\"issuerRef\":{\"name\":\"ca\"},\"dnsNames\":[" + dns + "]"
                + (commonName == null ? "" : ",\"commonName\":\"" + commonName + "\"") + "}";
        try {
            return CertificateParser.parseSpec(Json.MAPPER.readTree(json), new ArrayList<>());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @ParameterizedTest(name = "{0}: {1} (cn {2}) -> denied [{3}]")
    @CsvSource(nullValues = "-", value = {
            "alpha, app.alpha.sandbox.capstan.test, -, -",
            "alpha, alpha.sandbox.capstan.test, -, -",
            "alpha, *.alpha.sandbox.capstan.test, -, -",
            "alpha, www.example.com example.org, -, -",
            "alpha, App.Alpha.Sandbox.Capstan.Test, -, -",
            "beta, app.beta.sandbox.capstan.test, -, -",
            "beta, app.alpha.sandbox.capstan.test, -, app.alpha.sandbox.capstan.test",
            "beta, www.example.com app.beta.sandbox.capstan.test x.example.net, -, www.example.com x.example.net",
            "beta, *.sandbox.capstan.test, -, *.sandbox.capstan.test",
            "beta, notbeta.sandbox.capstan.test, -, notbeta.sandbox.capstan.test",
            "beta, xbeta.sandbox.capstan.test, -, xbeta.sandbox.capstan.test",
            "beta, app.beta.sandbox.capstan.test, evil.example.com, evil.example.com",
            "beta, app.beta.sandbox.capstan.test, My Service, -",
    })
    void namesOutsideTheAllowedDomainsAreDeniedByName(String cluster, String names, String cn, String denied) {
        List<String> allowed = cluster.equals("alpha") ? ALPHA : BETA;
        PolicyDecision d = DomainPolicy.check(cluster, allowed, spec(names, cn));
        if (denied == null) {
            assertThat(d).isInstanceOf(PolicyDecision.Allowed.class);
        } else {
            assertThat(d).isInstanceOfSatisfying(PolicyDecision.Denied.class, den -> {
                assertThat(den.deniedNames()).containsExactlyElementsOf(Arrays.asList(denied.split(" ")));
                assertThat(den.message()).startsWith("cluster " + cluster + " may obtain names only in " + String.join(", ", allowed))
                        .endsWith("denied: " + String.join(", ", denied.split(" ")));
            });
        }
    }

    @ParameterizedTest(name = "no allowed domain denies {0}")
    @CsvSource({"a.example.com"})
    void anEmptyProfileAllowsNothing(String name) {
        assertThat(DomainPolicy.check("gamma", List.of(), spec(name, null))).isInstanceOfSatisfying(PolicyDecision.Denied.class,
                d -> assertThat(d.message()).contains("its profile allows none"));
    }
}
