package io.capstan.dns.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.model.event.Json;
import io.capstan.dns.plan.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code dns} profile section: defaults, normalization, the sandbox profiles, and one row per refusal. */
class ProfileParserTest {

    static JsonNode json(String s) {
        return Json.read(s.replace('\'', '"'), JsonNode.class);
    }

    @Test
    void absentSectionPublishesNothingWithTheMemoryProvider() {
        assertThat(ProfileParser.parse(null)).isEqualTo(DnsProfile.EMPTY);
        assertThat(ProfileParser.parse(json("{}"))).isEqualTo(DnsProfile.EMPTY);
        assertThat(DnsProfile.EMPTY.allowedDomainsFor("alpha")).isEmpty();
        assertThat(DnsProfile.EMPTY.provider().type()).isEqualTo(ProviderSpec.Type.MEMORY);
    }

    @Test
    void defaultsAreTheClusterSubdomainOfTheFirstZoneTheClusterNameAsOwnerSyncAnd300s() {
        DnsProfile p = ProfileParser.parse(json("{'zones':['Sandbox.Capstan.Test.','example.com']}"));
        assertThat(p.zones()).containsExactly("sandbox.capstan.test", "example.com");
        assertThat(p.baseZone()).isEqualTo("sandbox.capstan.test");
        assertThat(p.ownerFor("alpha")).isEqualTo("alpha");
        assertThat(p.policy()).isEqualTo(Policy.SYNC);
        assertThat(p.defaultTtl()).isEqualTo(300);
        assertThat(p.allowedDomainsFor("alpha")).containsExactly("alpha.sandbox.capstan.test");
        assertThat(p.allows("alpha", "web.alpha.sandbox.capstan.test")).isTrue();
        assertThat(p.allows("alpha", "*.alpha.sandbox.capstan.test")).isTrue();
        assertThat(p.allows("alpha", "alpha.sandbox.capstan.test")).isTrue();
        assertThat(p.allows("alpha", "web.beta.sandbox.capstan.test")).isFalse();
        assertThat(p.allows("alpha", "xalpha.sandbox.capstan.test")).isFalse();
        assertThat(p.allows("alpha", "www.example.com")).isFalse();
    }

    @Test
    void fullSectionWithTsigAndIdnZones() {
        DnsProfile p = ProfileParser.parse(json("""
                {'zones':['example.test','apps.bücher.example'],'baseZone':'example.test','extraDomains':['apps.bücher.example'],
                 'provider':{'type':'rfc2136','server':'127.0.0.1:53053',
                   'tsig':{'keyName':'capstan-sandbox.','algorithm':'HMAC-SHA256','secretRef':{'name':'sandbox-dns-tsig','key':'secret'}}},
                 'ownerId':'fleet-a','txtPrefix':'cname-','txtSuffix':'','wildcardReplacement':'any',
                 'policy':'upsert-only','multiCluster':true,'defaultTtl':60}"""));
        assertThat(p.zones()).containsExactly("example.test", "apps.xn--bcher-kva.example");
        assertThat(p.provider()).isEqualTo(new ProviderSpec(ProviderSpec.Type.RFC2136, "127.0.0.1:53053",
                "capstan-sandbox", "hmac-sha256", new SecretRef("sandbox-dns-tsig", "secret"), null));
        assertThat(p.provider().toString()).doesNotContain("secret\"").contains("127.0.0.1:53053");
        assertThat(p.ownerFor("alpha")).isEqualTo("fleet-a");
        assertThat(p.policy()).isEqualTo(Policy.UPSERT_ONLY);
        assertThat(p.multiCluster()).isTrue();
        assertThat(p.allows("alpha", "id.apps.xn--bcher-kva.example")).isTrue();
    }

    @Test
    void powerDnsNeedsTheApiUrlAndAnApiKeyReference() {
        DnsProfile p = ProfileParser.parse(json("""
                {'zones':['example.test'],'provider':{'type':'pdns','server':'http://127.0.0.1:8081',
                 'apiKeySecretRef':{'name':'pdns','key':'api-key'}}}"""));
        assertThat(p.provider()).isEqualTo(new ProviderSpec(ProviderSpec.Type.PDNS, "http://127.0.0.1:8081", null, null,
                new SecretRef("pdns", "api-key"), "localhost"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{'zone':['a.test']}|dns.zone: unknown field",
            "{'zones':'a.test'}|dns.zones: must be an array",
            "{'zones':['a..test']}|dns.zones[0]: 'a..test'",
            "{'zones':['a.test','A.test.']}|dns.zones[1]: 'a.test' is listed twice",
            "{'zones':['a.test'],'baseZone':'b.test'}|dns.baseZone: 'b.test' is not one of dns.zones",
            "{'zones':['a.test'],'extraDomains':['example.com']}|dns.extraDomains[0]: 'example.com' lies in none of dns.zones",
            "{'zones':['a.test'],'provider':{'type':'route53'}}|dns.provider.type: must be rfc2136, pdns or memory, got 'route53'",
            "{'zones':['a.test'],'provider':{'type':'rfc2136'}}|dns.provider.server: is required",
            "{'zones':['a.test'],'provider':{'type':'rfc2136','server':'localhost'}}|dns.provider.server: must be host:port",
            "{'zones':['a.test'],'provider':{'type':'rfc2136','server':'h:53','tsig':{'keyName':'k','secret':'abc'}}}|dns.provider.tsig.secret: unknown field",
            "{'zones':['a.test'],'provider':{'type':'rfc2136','server':'h:53','tsig':{'keyName':'k'}}}|dns.provider.tsig.secretRef: is required",
            "{'zones':['a.test'],'provider':{'type':'rfc2136','server':'h:53','tsig':{'keyName':'k','algorithm':'gss-tsig','secretRef':{'name':'s','key':'k'}}}}|dns.provider.tsig.algorithm: must be one of",
            "{'zones':['a.test'],'provider':{'type':'pdns','server':'h:8081','apiKeySecretRef':{'name':'s','key':'k'}}}|dns.provider.server: must be the API URL",
            "{'zones':['a.test'],'provider':{'type':'pdns','server':'http://h:8081'}}|dns.provider.apiKeySecretRef: is required",
            "{'zones':['a.test'],'provider':{'type':'memory','server':'h:53'}}|dns.provider.server: is not used by the memory provider",
            "{'zones':['a.test'],'policy':'delete-all'}|dns.policy: must be sync, upsert-only or create-only",
            "{'zones':['a.test'],'multiCluster':['a.test']}|dns.multiCluster: must be true or false",
            "{'zones':['a.test'],'defaultTtl':0}|dns.defaultTtl: must be a whole number",
            "{'zones':['a.test'],'defaultTtl':'300'}|dns.defaultTtl: must be a whole number",
            "{'zones':['a.test'],'wildcardReplacement':'a.b'}|dns.wildcardReplacement: must be one label",
            "{'zones':['a.test'],'txtPrefix':'Has Space'}|dns.txtPrefix: must be a string",
            "{'zones':['a.test'],'ownerId':'has space'}|dns.ownerId: must be 1 to 63 characters",
            "[]|dns: must be an object"})
    void invalidSectionsNameTheField(String section, String message) {
        assertThatThrownBy(() -> ProfileParser.parse(json(section))).isInstanceOf(InvalidProfileException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void theSandboxProfilesParse() throws Exception {
        Path root = Path.of(System.getProperty("capstan.repo.root", "../.."));
        DnsProfile alpha = ProfileParser.parse(Json.read(Files.readString(root.resolve("deploy/sandbox/profiles/sandbox.json")),
                JsonNode.class).path("spec").path("dns"));
        assertThat(alpha.allowedDomainsFor("alpha")).containsExactly("alpha.sandbox.capstan.test", "example.com",
                "example.net", "example.org");
        DnsProfile beta = ProfileParser.parse(Json.read(Files.readString(root.resolve(
                "deploy/sandbox/profiles/sandbox-openstack.json")), JsonNode.class).path("spec").path("dns"));
        assertThat(beta.allowedDomainsFor("beta")).isEqualTo(List.of("beta.sandbox.capstan.test"));
        assertThat(beta.allows("beta", "www.example.com")).isFalse();
    }
}
