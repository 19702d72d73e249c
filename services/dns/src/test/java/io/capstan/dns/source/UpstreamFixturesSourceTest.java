package io.capstan.dns.source;

import io.capstan.dns.endpoint.Endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ExternalDNS documentation examples (real upstream files, see SOURCES.md of the fixtures) turned into endpoints,
 * one row per fixture, with what ExternalDNS itself would publish for them. Pure: no Kubernetes, no DNS server.
 */
class UpstreamFixturesSourceTest {

    record Row(String name, String type, List<String> targets, long ttl, String resource) {
    }

    static List<Row> rows(List<Endpoint> endpoints) {
        return endpoints.stream().map(e -> new Row(e.dnsName(), e.recordType(), e.targets(), e.ttl(),
                e.source().registryResource())).toList();
    }

    static List<Endpoint> of(JsonNode object, List<SourceProblem> problems) {
        return ClusterObjects.endpoints(object.path("kind").asText(), UpstreamFixtures.inDefaultNamespace(object),
                (ns, n) -> java.util.Optional.empty(), problems);
    }

    @Test
    void dnsEndpointExampleIsOneARecordWithItsTtl() {
        List<SourceProblem> problems = new ArrayList<>();
        JsonNode o = UpstreamFixtures.read("docs/sources/crd/dnsendpoint-example.yaml").get(0);
        assertThat(rows(of(o, problems))).containsExactly(
                new Row("foo.bar.com", "A", List.of("192.168.99.216"), 180, "crd/default/examplednsrecord"));
        assertThat(problems).isEmpty();
    }

    @Test
    void awsDnsEndpointExampleIsACnameAndProviderSpecificIsIgnored() {
        List<SourceProblem> problems = new ArrayList<>();
        JsonNode o = UpstreamFixtures.read("docs/sources/crd/dnsendpoint-aws-example.yaml").get(0);
        assertThat(rows(of(o, problems))).containsExactly(
                new Row("subdomain.foo.bar.com", "CNAME", List.of("other-subdomain.foo.bar.com"), 0,
                        "crd/default/examplednsrecord"));
    }

    @Test
    void multiEndpointDnsEndpointKeepsEveryEntryAndWritesIpv6InCanonicalForm() {
        List<SourceProblem> problems = new ArrayList<>();
        JsonNode o = UpstreamFixtures.read("docs/snippets/tutorials/aws-localstack/dnsendpoint-multi.yml").get(0);
        assertThat(rows(of(o, problems))).containsExactly(
                new Row("dnsendpoint-a.example.com", "A", List.of("192.168.1.100"), 300, "crd/default/simple-example"),
                new Row("dnsendpoint-a-lb.example.com", "A", List.of("10.0.1.1", "10.0.1.2", "10.0.1.3"), 200,
                        "crd/default/simple-example"),
                new Row("dnsendpoint-aaaa.example.com", "AAAA", List.of("2001:db8:85a3::8a2e:370:7334"), 600,
                        "crd/default/simple-example"));
    }

    @Test
    void loadBalancerServiceUnderTheGaPrefixGetsItsStatusAddress() {
        List<SourceProblem> problems = new ArrayList<>();
        JsonNode svc = UpstreamFixtures.ofKind("docs/snippets/tutorials/aws-localstack/service-lb.yml", "Service").get(0);
        // no address yet: the name is claimed without targets (the planner reports it Pending NoTargets)
        assertThat(rows(of(svc, problems))).containsExactly(
                new Row("my-loadbalancer.example.com", "A", List.of(), 0, "service/default/loadbalancer-service"));
        assertThat(rows(of(UpstreamFixtures.withLoadBalancer(svc, "ip:192.0.2.10"), problems))).containsExactly(
                new Row("my-loadbalancer.example.com", "A", List.of("192.0.2.10"), 0, "service/default/loadbalancer-service"));
        assertThat(problems).isEmpty();
    }

    @Test
    void loadBalancerServiceUnderTheAlphaPrefixIsReadTheSameWay() {
        List<SourceProblem> problems = new ArrayList<>();
        JsonNode svc = UpstreamFixtures.ofKind("tag-v0.21.0/docs/snippets/tutorials/aws-localstack/service-lb.yml",
                "Service").get(0);
        assertThat(rows(of(UpstreamFixtures.withLoadBalancer(svc, "ip:192.0.2.10", "ip:2001:DB8::0:1"), problems)))
                .containsExactly(
                        new Row("my-loadbalancer.example.com", "A", List.of("192.0.2.10"), 0,
                                "service/default/loadbalancer-service"),
                        new Row("my-loadbalancer.example.com", "AAAA", List.of("2001:db8::1"), 0,
                                "service/default/loadbalancer-service"));
    }

    @Test
    void digitalOceanNginxServiceWithALoadBalancerHostnameIsACname() {
        List<SourceProblem> problems = new ArrayList<>();
        JsonNode svc = UpstreamFixtures.ofKind("tag-v0.20.0/docs/snippets/digitalocean/deploy-nginx.yaml", "Service").get(0);
        assertThat(rows(of(UpstreamFixtures.withLoadBalancer(svc, "hostname:LB-1.Provider.Example.net."), problems)))
                .containsExactly(new Row("my-app.example.com", "CNAME", List.of("lb-1.provider.example.net"), 0,
                        "service/default/nginx"));
    }

    @Test
    void coreDnsGroupServicesCarryTheirOwnStatusAndEachGetsItsAddress() {
        List<SourceProblem> problems = new ArrayList<>();
        List<Row> all = new ArrayList<>();
        for (JsonNode svc : UpstreamFixtures.ofKind("tag-v0.21.0/docs/snippets/tutorials/coredns/coredns-groups.yaml", "Service")) {
            all.addAll(rows(of(svc, problems)));
        }
        assertThat(all).containsExactly(
                new Row("a.domain.local", "A", List.of("127.0.0.1"), 0, "service/default/a"),
                new Row("b.domain.local", "A", List.of("127.0.0.2"), 0, "service/default/b"),
                new Row("c.subdom.domain.local", "A", List.of("127.0.0.3"), 0, "service/default/c"),
                new Row("d.subdom.domain.local", "A", List.of("127.0.0.4"), 0, "service/default/d"));
        assertThat(problems).isEmpty();
    }

    @Test
    void headlessClusterIpServiceIsNoSource() {
        List<SourceProblem> problems = new ArrayList<>();
        JsonNode svc = UpstreamFixtures.ofKind("docs/snippets/tutorials/aws-localstack/foo-app.yml", "Service").get(0);
        assertThat(of(UpstreamFixtures.withLoadBalancer(svc, "ip:192.0.2.1"), problems)).isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void ingressWithOnlyAHostnameAnnotationPublishesThatNameOnItsStatusAddress() {
        List<SourceProblem> problems = new ArrayList<>();
        JsonNode ing = UpstreamFixtures.read("docs/annotations/annotations.md.L121-L137.yaml").get(0);
        assertThat(rows(of(UpstreamFixtures.withLoadBalancer(ing, "ip:192.0.2.20"), problems))).containsExactly(
                new Row("www.example.com", "A", List.of("192.0.2.20"), 0, "ingress/default/my-ingress"));
    }
}
