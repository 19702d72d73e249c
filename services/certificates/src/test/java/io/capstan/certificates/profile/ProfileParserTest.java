package io.capstan.certificates.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.model.event.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The profile's certificates section: pure table tests, no Quarkus (parsing is values in, values out). */
class ProfileParserTest {

    static JsonNode json(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void anAbsentSectionIsTheEmptyProfileWithNoIssuerAndNoAllowedDomain() {
        assertThat(ProfileParser.parse(null)).isEqualTo(CertificatesProfile.EMPTY);
        assertThat(ProfileParser.parse(json("{}")).allowedDomainsOf("alpha")).isEmpty();
    }

    @Test
    void theSandboxProfilesParseAndGiveAlphaItsZoneAndExampleDomainsAndBetaOnlyItsZone() throws Exception {
        Path root = Path.of(System.getProperty("capstan.repo.root", "../.."));
        JsonNode sandbox = Json.MAPPER.readTree(Files.readString(root.resolve("deploy/sandbox/profiles/sandbox.json")));
        JsonNode openstack = Json.MAPPER.readTree(Files.readString(root.resolve("deploy/sandbox/profiles/sandbox-openstack.json")));
        CertificatesProfile alpha = ProfileParser.parse(sandbox.path("spec").path("certificates"));
        CertificatesProfile beta = ProfileParser.parse(openstack.path("spec").path("certificates"));
        assertThat(alpha.allowedDomainsOf("alpha"))
                .containsExactly("alpha.sandbox.capstan.test", "example.com", "example.net", "example.org");
        assertThat(beta.allowedDomainsOf("beta")).containsExactly("beta.sandbox.capstan.test");
        assertThat(alpha.issuer("sandbox-ca")).contains(new FleetIssuer.Ca("sandbox-ca", "sandbox-ca"));
        assertThat(beta.issuer("sandbox-ca")).isPresent();
    }

    @Test
    void everyIssuerKindParsesWithItsDefaults() {
        CertificatesProfile p = ProfileParser.parse(json("""
                {"baseZone": "fleet.example.", "allowedDomains": ["{cluster}.apps.example.org"],
                 "issuers": [{"name": "corp-ca", "ca": {"secretName": "corp-ca"}},
                             {"name": "self", "selfSigned": {}},
                             {"name": "le", "acme": {"server": "https://acme.example/dir", "email": "ops@example.com"}}]}"""));
        assertThat(p.baseZone()).isEqualTo("fleet.example");
        assertThat(p.allowedDomainsOf("c1")).containsExactly("c1.fleet.example", "c1.apps.example.org");
        assertThat(p.issuers().keySet()).containsExactly("corp-ca", "self", "le");
        assertThat(p.issuer("self")).contains(new FleetIssuer.SelfSigned("self"));
        assertThat(p.issuer("le")).contains(new FleetIssuer.Acme("le", URI.create("https://acme.example/dir"),
                "ops@example.com", "le-acme-account", null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "[]                                                             | certificates: must be an object",
            "{\"zone\": \"x.y\"}                                              | certificates.zone: unknown key",
            "{\"baseZone\": \"Sandbox.Test\"}                                 | certificates.baseZone: must be lowercase",
            "{\"baseZone\": \"test\"}                                         | certificates.baseZone: must be a domain name",
            "{\"allowedDomains\": \"example.com\"}                            | certificates.allowedDomains: must be an array",
            "{\"allowedDomains\": [\"{name}.example.com\"]}                   | certificates.allowedDomains[0]: only {cluster}",
            "{\"issuers\": [{\"ca\": {\"secretName\": \"s\"}}]}                  | certificates.issuers[0].name: is required",
            "{\"issuers\": [{\"name\": \"a\", \"ca\": {}}]}                      | certificates.issuers[0].ca.secretName: is required",
            "{\"issuers\": [{\"name\": \"a\", \"ca\": {\"secretName\": \"s\"}, \"selfSigned\": {}}]} | certificates.issuers[0]: needs exactly one",
            "{\"issuers\": [{\"name\": \"a\", \"vault\": {}}]}                   | certificates.issuers[0].vault: unknown key",
            "{\"issuers\": [{\"name\": \"a\", \"acme\": {\"server\": \"http://x/dir\"}}]} | certificates.issuers[0].acme.server: must be an https URL",
            "{\"issuers\": [{\"name\": \"a\", \"acme\": {\"server\": \"https://x/dir\", \"email\": \"nobody\"}}]} | certificates.issuers[0].acme.email: must be an e-mail",
            "{\"issuers\": [{\"name\": \"a\", \"selfSigned\": {}}, {\"name\": \"a\", \"selfSigned\": {}}]} | certificates.issuers[1].name: duplicate issuer name",
            "{\"issuers\": [{\"name\": \"A_B\", \"selfSigned\": {}}]}           | certificates.issuers[0].name: must be a DNS-1123 subdomain",
    })
    void aBadSectionIsRefusedNamingTheField(String section, String message) {
        assertThatThrownBy(() -> ProfileParser.parse(json(section)))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageStartingWith(message.trim());
    }
}
