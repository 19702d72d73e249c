package io.capstan.gateways.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.gateways.ipam.FamilyPolicy;
import io.capstan.gateways.ipam.IpAddress;
import io.capstan.gateways.ipam.IpFamily;
import io.capstan.gateways.ipam.ServiceRequest;
import io.capstan.model.event.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading Services into allocator requests: MetalLB's annotations under both prefixes, classes, bad values (pure). */
class ServiceRequestsTest {

    static final String CLASS = "capstan.io/load-balancer";

    static JsonNode svc(String annotations, String spec) {
        return Json.read("""
                {"metadata": {"namespace": "apps", "name": "web", "creationTimestamp": "2026-11-29T10:00:00Z",
                  "annotations": %s},
                 "spec": %s,
                 "status": {"loadBalancer": {"ingress": [{"ip": "192.0.2.7"}, {"hostname": "lb.example.com"}]}}}"""
                .formatted(annotations, spec), JsonNode.class);
    }

    @Test
    void onlyLoadBalancerServicesOfCapstansClassOrNoneAreServed() {
        assertThat(ServiceRequests.read(svc("{}", "{\"type\": \"ClusterIP\"}"), Map.of(), CLASS)).isEmpty();
        assertThat(ServiceRequests.read(svc("{}", "{\"type\": \"LoadBalancer\", \"loadBalancerClass\": \"service.k8s.aws/nlb\"}"), Map.of(), CLASS)).isEmpty();
        assertThat(ServiceRequests.read(svc("{}", "{\"type\": \"LoadBalancer\", \"loadBalancerClass\": \"" + CLASS + "\"}"), Map.of(), CLASS)).isPresent();
        assertThat(ServiceRequests.read(svc("{}", "{\"type\": \"LoadBalancer\"}"), Map.of(), CLASS)).isPresent();
    }

    @Test
    void annotationsUnderBothPrefixesSpecFieldsAndStatusAreRead() {
        ServiceRequest r = ServiceRequests.read(svc("""
                {"metallb.universe.tf/loadBalancerIPs": "192.0.2.9,2001:db8::9", "metallb.io/address-pool": "p",
                 "metallb.universe.tf/allow-shared-ip": "k1"}""", """
                {"type": "LoadBalancer", "externalTrafficPolicy": "Local", "selector": {"b": "2", "a": "1"},
                 "ipFamilies": ["IPv4", "IPv6"], "ipFamilyPolicy": "RequireDualStack",
                 "ports": [{"port": 53, "protocol": "UDP"}, {"port": 53}]}"""), Map.of("team", "x"), CLASS).orElseThrow();
        assertThat(r.key()).isEqualTo("apps/web");
        assertThat(r.requestedIps()).containsExactly(IpAddress.parse("192.0.2.9"), IpAddress.parse("2001:db8::9"));
        assertThat(r.requestedPool()).isEqualTo("p");
        assertThat(r.sharingKey()).isEqualTo("k1");
        assertThat(r.backendKey()).isEqualTo("a=1,b=2");
        assertThat(r.families()).containsExactly(IpFamily.IPv4, IpFamily.IPv6);
        assertThat(r.policy()).isEqualTo(FamilyPolicy.RequireDualStack);
        assertThat(r.ports()).extracting(Object::toString).containsExactly("UDP/53", "TCP/53");
        assertThat(r.previous()).containsExactly(IpAddress.parse("192.0.2.7"));
        assertThat(r.invalid()).isNull();
    }

    @Test
    void unreadableValuesMakeAnInvalidRequestNamingTheField() {
        Optional<ServiceRequest> bad = ServiceRequests.read(svc("{\"metallb.io/loadBalancerIPs\": \"not-an-ip\"}",
                "{\"type\": \"LoadBalancer\", \"ipFamilyPolicy\": \"Sometimes\"}"), Map.of(), CLASS);
        assertThat(bad.orElseThrow().invalid()).contains("metallb.io/loadBalancerIPs: 'not-an-ip' is not an IP address")
                .contains("spec.ipFamilyPolicy 'Sometimes'");
        assertThat(ServiceRequests.read(svc("{\"metallb.io/loadBalancerIPs\": \"192.0.2.1\"}",
                "{\"type\": \"LoadBalancer\", \"loadBalancerIP\": \"192.0.2.2\"}"), Map.of(), CLASS).orElseThrow().invalid())
                .contains("must not both be set");
        assertThat(ServiceRequests.read(svc("{\"metallb.io/address-pool\": \"a\", \"metallb.universe.tf/address-pool\": \"b\"}",
                "{\"type\": \"LoadBalancer\"}"), Map.of(), CLASS).orElseThrow().invalid()).contains("disagree");
    }

    @Test
    void theExposureCheckFlagsNodePortAndLoadBalancerOutsideTheGatewayNamespaces() {
        List<String> gw = List.of("capstan-gateways");
        assertThat(ExposureCheck.check(svc("{}", "{\"type\": \"NodePort\"}"), gw)).map(ExposureCheck.Finding::reason).contains("BypassesEdge");
        assertThat(ExposureCheck.check(svc("{\"capstan.io/expose\": \"allowed\"}", "{\"type\": \"LoadBalancer\"}"), gw)).isEmpty();
        assertThat(ExposureCheck.check(svc("{\"capstan.io/expose\": \"true\"}", "{\"type\": \"LoadBalancer\"}"), gw))
                .map(ExposureCheck.Finding::reason).contains("InvalidExposeAnnotation");
        assertThat(ExposureCheck.check(svc("{}", "{\"type\": \"ClusterIP\"}"), gw)).isEmpty();
        assertThat(ExposureCheck.check(svc("{}", "{\"type\": \"NodePort\"}"), List.of("apps"))).isEmpty();
    }
}
