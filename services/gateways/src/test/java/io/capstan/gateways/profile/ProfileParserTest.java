package io.capstan.gateways.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.gateways.ipam.AddressPool;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.event.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gateways profile section and the per-infrastructure load balancer defaults (pure). */
class ProfileParserTest {

    static JsonNode json(String s) {
        return Json.read(s, JsonNode.class);
    }

    static JsonNode sandboxSection(String file) throws Exception {
        Path p = Path.of(System.getProperty("capstan.repo.root", "../..")).resolve("deploy/sandbox/profiles").resolve(file);
        return Json.read(Files.readString(p), JsonNode.class).path("spec").path("gateways");
    }

    @Test
    void theSandboxProfilesParse() throws Exception {
        GatewaysProfile alpha = ProfileParser.parse(sandboxSection("sandbox.json"));
        assertThat(alpha.loadBalancerClass()).isEqualTo("capstan.io/load-balancer");
        assertThat(alpha.pools()).extracting(AddressPool::name).containsExactly("alpha", "fleet");
        assertThat(alpha.fleetWidePools()).extracting(AddressPool::name).containsExactly("fleet");
        GatewaysProfile beta = ProfileParser.parse(sandboxSection("sandbox-openstack.json"));
        assertThat(beta.pools()).isEmpty();
        assertThat(CloudLoadBalancers.settings(Infrastructure.OPENSTACK, beta).annotations())
                .containsEntry("service.beta.kubernetes.io/openstack-internal-load-balancer", "false")
                .containsEntry("loadbalancer.openstack.org/keep-floatingip", "true");
    }

    @Test
    void anEmptySectionGivesTheDefaults() {
        GatewaysProfile p = ProfileParser.parse(json("{}"));
        assertThat(p.loadBalancerClass()).isEqualTo(GatewaysProfile.DEFAULT_CLASS);
        assertThat(p.gatewayNamespaces()).containsExactly("capstan-gateways");
        assertThat(p.pools()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"pools\": [{\"name\": \"p\", \"addresses\": [\"192.0.2.0/33\"]}]}|gateways.pools[0] (p): invalid CIDR '192.0.2.0/33'",
            "{\"pools\": [{\"name\": \"p\", \"addresses\": [\"192.0.2.1\"]}]}|prefix length is required",
            "{\"pools\": [{\"name\": \"P\", \"addresses\": [\"192.0.2.0/30\"]}]}|is not a DNS-1123 label",
            "{\"pools\": [{\"name\": \"p\", \"addresses\": [\"192.0.2.0/30\"], \"fleetwide\": true}]}|gateways.pools[0].fleetwide is not a known key",
            "{\"pools\": [{\"name\": \"a\", \"addresses\": [\"192.0.2.0/30\"]}, {\"name\": \"b\", \"addresses\": [\"192.0.2.2/31\"]}]}|overlap",
            "{\"pools\": [{\"name\": \"p\", \"addresses\": [\"192.0.2.0/30\"], \"autoAssign\": \"yes\"}]}|autoAssign must be true or false",
            "{\"pools\": [{\"name\": \"p\", \"addresses\": [\"192.0.2.0/30\"], \"serviceAllocation\": {\"serviceSelectors\": [{\"matchExpressions\": [{\"key\": \"a\", \"operator\": \"Like\"}]}]}}]}|unknown selector operator 'Like'",
            "{\"loadBalancerClass\": \"metallb\"}|is not a prefixed name",
            "{\"gatewayNamespaces\": [\"Bad_NS\"]}|is not a namespace name",
            "{\"cloud\": {\"annotations\": {\"a\": 1}}}|gateways.cloud.annotations.a must be a string",
            "{\"loadbalancer\": {}}|gateways.loadbalancer is not a known key"})
    void badSectionsAreRefusedNamingTheField(String section, String message) {
        assertThatThrownBy(() -> ProfileParser.parse(json(section))).isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining(message);
    }

    /** The defaults table per infrastructure (public and internal variants). */
    @ParameterizedTest(name = "{0} internal={1}")
    @CsvSource(delimiter = '|', value = {
            "OPENSTACK|false|<none>|service.beta.kubernetes.io/openstack-internal-load-balancer=false",
            "OPENSTACK|true|<none>|service.beta.kubernetes.io/openstack-internal-load-balancer=true",
            "EKS|false|service.k8s.aws/nlb|service.beta.kubernetes.io/aws-load-balancer-nlb-target-type=ip,service.beta.kubernetes.io/aws-load-balancer-scheme=internet-facing,service.beta.kubernetes.io/aws-load-balancer-type=external",
            "EKS|true|service.k8s.aws/nlb|service.beta.kubernetes.io/aws-load-balancer-nlb-target-type=ip,service.beta.kubernetes.io/aws-load-balancer-scheme=internal,service.beta.kubernetes.io/aws-load-balancer-type=external",
            "AKS|false|<none>|service.beta.kubernetes.io/azure-load-balancer-internal=false",
            "AKS|true|<none>|service.beta.kubernetes.io/azure-load-balancer-internal=true",
            "GKE|false|<none>|cloud.google.com/l4-rbs=enabled",
            "GKE|true|<none>|networking.gke.io/load-balancer-type=Internal",
            "STANDALONE|false|<none>|",
            "PRIVATE|false|<none>|"})
    void cloudDefaultsPerInfrastructure(Infrastructure infra, boolean internal, String cls, String annotations) {
        LoadBalancerSettings s = CloudLoadBalancers.defaults(infra, internal);
        assertThat(s.loadBalancerClass() == null ? "<none>" : s.loadBalancerClass()).isEqualTo(cls);
        String got = String.join(",", new java.util.TreeMap<>(s.annotations()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList());
        assertThat(got).isEqualTo(annotations == null ? "" : annotations);
    }

    @Test
    void theProfileOverridesTheCloudDefaultsAndStandaloneGetsCapstansClass() {
        GatewaysProfile p = ProfileParser.parse(json("""
                {"cloud": {"loadBalancerClass": "example.com/lb", "internal": true,
                           "annotations": {"service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing"}}}"""));
        LoadBalancerSettings eks = CloudLoadBalancers.settings(Infrastructure.EKS, p);
        assertThat(eks.loadBalancerClass()).isEqualTo("example.com/lb");
        assertThat(eks.annotations()).containsEntry("service.beta.kubernetes.io/aws-load-balancer-scheme", "internet-facing");
        assertThat(CloudLoadBalancers.settings(Infrastructure.STANDALONE, ProfileParser.parse(json("{}"))))
                .isEqualTo(new LoadBalancerSettings(GatewaysProfile.DEFAULT_CLASS, Map.of()));
    }
}
