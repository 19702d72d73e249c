package io.capstan.dns.source;

import io.capstan.dns.endpoint.Endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.model.event.Json;
import io.capstan.model.resource.ResourceKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Source rules beyond the upstream examples: annotations, targets, routes and their Gateways, bad entries. */
class SourcesTest {

    static JsonNode json(String s) {
        return Json.read(s.replace('\'', '"'), JsonNode.class);
    }

    @ParameterizedTest(name = "ttl {0} -> {1}")
    @CsvSource({"300,300", "1m,60", "1h2m3s,3723", "' 60 ',60", "2147483647,2147483647"})
    void ttlIsSecondsOrAGoDuration(String raw, long seconds) {
        assertThat(Annotations.parseTtl(raw)).isEqualTo(seconds);
    }

    @ParameterizedTest(name = "ttl {0} is refused")
    @CsvSource({"0", "-5", "abc", "5x", "2147483648", "1.5m", "m"})
    void badTtlIsRefused(String raw) {
        assertThatThrownBy(() -> Annotations.parseTtl(raw)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"2001:0db8:0000:0000:0000:0000:0000:0001,2001:db8::1", "2001:DB8:0:0:1:0:0:1,2001:db8::1:0:0:1",
            "::,::", "0:0:0:0:0:0:0:1,::1", "2001:db8:0:1:1:1:1:1,2001:db8:0:1:1:1:1:1", "fe80::,fe80::",
            "192.0.2.1,192.0.2.1"})
    void ipv6IsWrittenInRfc5952Form(String in, String out) {
        assertThat(Targets.canonical(in)).isEqualTo(out);
    }

    @Test
    void addressesWinOverHostnamesAndACnameHasOneTarget() {
        assertThat(Targets.byType(List.of("b.example.net.", "192.0.2.2", "192.0.2.1", "2001:db8::1")))
                .containsOnlyKeys("A", "AAAA");
        assertThat(Targets.byType(List.of("B.example.net.", "a.example.net"))).containsEntry("CNAME", List.of("a.example.net"));
        assertThat(Targets.byType(List.of(" ", ""))).isEmpty();
    }

    @Test
    void gaPrefixWinsOverAlphaAndCommaListsAreTrimmed() {
        JsonNode svc = json("""
                {'kind':'Service','metadata':{'name':'s','namespace':'n','annotations':{
                  'external-dns.alpha.kubernetes.io/hostname':'old.example.com',
                  'external-dns.kubernetes.io/hostname':' a.example.com , b.example.com,,',
                  'external-dns.alpha.kubernetes.io/ttl':'2m',
                  'external-dns.alpha.kubernetes.io/target':'192.0.2.9'}},
                 'spec':{'type':'LoadBalancer'},'status':{'loadBalancer':{'ingress':[{'ip':'192.0.2.1'}]}}}""");
        List<SourceProblem> problems = new ArrayList<>();
        assertThat(ServiceSource.endpoints(svc, problems)).extracting(Endpoint::dnsName, Endpoint::targets,
                Endpoint::ttl).containsExactly(tuple("a.example.com", List.of("192.0.2.9"), 120L),
                tuple("b.example.com", List.of("192.0.2.9"), 120L));
    }

    @Test
    void serviceOfAnotherTypeOrAnotherControllerClaimsNothing() {
        List<SourceProblem> problems = new ArrayList<>();
        assertThat(ServiceSource.endpoints(json("""
                {'metadata':{'name':'s','annotations':{'external-dns.kubernetes.io/hostname':'a.example.com'}},
                 'spec':{'type':'NodePort'}}"""), problems)).isEmpty();
        assertThat(ServiceSource.endpoints(json("""
                {'metadata':{'name':'s','annotations':{'external-dns.kubernetes.io/hostname':'a.example.com',
                  'external-dns.alpha.kubernetes.io/controller':'someone-else'}},
                 'spec':{'type':'LoadBalancer'},'status':{'loadBalancer':{'ingress':[{'ip':'192.0.2.1'}]}}}"""), problems)).isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void badTtlAnnotationIsReportedAndTheRecordStillPublishedWithTheDefault() {
        List<SourceProblem> problems = new ArrayList<>();
        List<Endpoint> eps = ServiceSource.endpoints(json("""
                {'metadata':{'name':'s','namespace':'n','annotations':{'external-dns.kubernetes.io/hostname':'a.example.com',
                  'external-dns.kubernetes.io/ttl':'soon'}},
                 'spec':{'type':'LoadBalancer'},'status':{'loadBalancer':{'ingress':[{'ip':'192.0.2.1'}]}}}"""), problems);
        assertThat(eps).extracting(Endpoint::ttl).containsExactly(0L);
        assertThat(problems).extracting(SourceProblem::reason).containsExactly("InvalidTtl");
    }

    @Test
    void ingressTargetAnnotationOverridesItsStatusAndTlsHostsCount() {
        List<SourceProblem> problems = new ArrayList<>();
        List<Endpoint> eps = IngressSource.endpoints(json("""
                {'metadata':{'name':'web','namespace':'n','annotations':{'external-dns.alpha.kubernetes.io/target':'Edge-LB.Example.Net'}},
                 'spec':{'rules':[{'host':'a.example.test'},{'host':'a.example.test'},{}],'tls':[{'hosts':['b.example.test']}]},
                 'status':{'loadBalancer':{'ingress':[{'ip':'192.0.2.1'}]}}}"""), problems);
        assertThat(eps).extracting(Endpoint::dnsName, Endpoint::recordType, Endpoint::targets)
                .containsExactly(tuple("a.example.test", "CNAME", List.of("edge-lb.example.net")),
                        tuple("b.example.test", "CNAME", List.of("edge-lb.example.net")));
        assertThat(eps.get(0).source().registryResource()).isEqualTo("ingress/n/web");
    }

    static final String GATEWAY = """
            {'kind':'Gateway','metadata':{'name':'gw','namespace':'infra'},
             'spec':{'listeners':[{'name':'web','hostname':'*.apps.example.test'},{'name':'api','hostname':'api.example.test'}]},
             'status':{'addresses':[{'type':'IPAddress','value':'192.0.2.50'},{'type':'IPAddress','value':'2001:db8::50'}]}}""";

    static ClusterObjects cluster(String... objects) {
        ClusterObjects c = new ClusterObjects();
        for (String o : objects) {
            JsonNode n = json(o);
            String kind = n.path("kind").asText();
            String group = kind.equals("Service") ? "" : kind.equals("Ingress") ? "networking.k8s.io"
                    : kind.equals("DNSEndpoint") ? "externaldns.k8s.io" : "gateway.networking.k8s.io";
            c.put(new ResourceKey("alpha", group, kind, n.path("metadata").path("namespace").asText(),
                    n.path("metadata").path("name").asText()), n);
        }
        return c;
    }

    @Test
    void httpRouteTakesItsParentGatewaysAddressesAndOnlyHostnamesAListenerAccepts() {
        ClusterObjects c = cluster(GATEWAY, """
                {'kind':'HTTPRoute','metadata':{'name':'shop','namespace':'apps'},
                 'spec':{'parentRefs':[{'name':'gw','namespace':'infra'}],'hostnames':['shop.apps.example.test','shop.other.test']}}""");
        ClusterObjects.Extraction x = c.extract();
        assertThat(x.endpoints()).extracting(Endpoint::dnsName, Endpoint::recordType, Endpoint::targets)
                .containsExactly(tuple("shop.apps.example.test", "A", List.of("192.0.2.50")),
                        tuple("shop.apps.example.test", "AAAA", List.of("2001:db8::50")));
        assertThat(x.endpoints().get(0).source().registryResource()).isEqualTo("httproute/apps/shop");
    }

    @Test
    void routeWithoutHostnamesTakesTheHostnameOfTheListenerItNames() {
        ClusterObjects c = cluster(GATEWAY, """
                {'kind':'GRPCRoute','metadata':{'name':'rpc','namespace':'infra'},
                 'spec':{'parentRefs':[{'name':'gw','sectionName':'api'}]}}""");
        assertThat(c.extract().endpoints()).extracting(Endpoint::dnsName).containsOnly("api.example.test");
    }

    @Test
    void rejectedParentAndMissingGatewayPublishNothing() {
        ClusterObjects c = cluster(GATEWAY, """
                {'kind':'TLSRoute','metadata':{'name':'t','namespace':'infra'},
                 'spec':{'parentRefs':[{'name':'gw'}],'hostnames':['t.apps.example.test']},
                 'status':{'parents':[{'parentRef':{'name':'gw'},'conditions':[{'type':'Accepted','status':'False'}]}]}}""", """
                {'kind':'HTTPRoute','metadata':{'name':'lost','namespace':'apps'},
                 'spec':{'parentRefs':[{'name':'nope'}],'hostnames':['lost.example.test']}}""");
        ClusterObjects.Extraction x = c.extract();
        assertThat(x.endpoints()).isEmpty();
        assertThat(x.problems()).extracting(SourceProblem::reason, SourceProblem::message)
                .containsExactly(tuple("ParentGatewayNotFound", "parent Gateway apps/nope is not in the cluster"));
    }

    @Test
    void gatewayWithoutAddressLeavesTheRouteNamesWithoutTargets() {
        ClusterObjects c = cluster("""
                {'kind':'Gateway','metadata':{'name':'gw','namespace':'apps'},'spec':{'listeners':[{'name':'h'}]}}""", """
                {'kind':'HTTPRoute','metadata':{'name':'r','namespace':'apps'},
                 'spec':{'parentRefs':[{'name':'gw'}],'hostnames':['r.example.test']}}""");
        assertThat(c.extract().endpoints()).extracting(Endpoint::dnsName, Endpoint::targets)
                .containsExactly(tuple("r.example.test", List.of()));
        assertThat(c.extract().problems()).isEmpty();
    }

    @Test
    void dnsEndpointBadEntriesAreReportedAndTheOthersKept() {
        List<SourceProblem> problems = new ArrayList<>();
        List<Endpoint> eps = DnsEndpointSource.endpoints(json("""
                {'metadata':{'name':'d','namespace':'n'},'spec':{'endpoints':[
                  {'targets':['192.0.2.1']},
                  {'dnsName':'empty.example.test','targets':[]},
                  {'dnsName':'mixed.example.test','targets':['192.0.2.1','host.example.test']},
                  {'dnsName':'txt.example.test','recordType':'txt','targets':['\\"v=spf1 -all\\"'],'labels':{'team':'a'}},
                  {'dnsName':'mx.example.test','recordType':'MX','targets':['10 mail.example.test'],'recordTTL':3600},
                  {'dnsName':'inferred.example.test','targets':['2001:db8:0::7']}]}}"""), problems);
        assertThat(eps).extracting(Endpoint::dnsName, Endpoint::recordType, Endpoint::targets,
                Endpoint::ttl).containsExactly(
                tuple("txt.example.test", "TXT", List.of("v=spf1 -all"), 0L),
                tuple("mx.example.test", "MX", List.of("10 mail.example.test"), 3600L),
                tuple("inferred.example.test", "AAAA", List.of("2001:db8::7"), 0L));
        assertThat(problems).extracting(SourceProblem::reason).containsExactly("InvalidEndpoint", "InvalidEndpoint",
                "InvalidEndpoint");
    }

    @Test
    void cacheIgnoresUnwatchedKindsAndReportsChangesOnly() {
        ClusterObjects c = new ClusterObjects();
        ResourceKey pvc = new ResourceKey("alpha", "", "PersistentVolumeClaim", "n", "p");
        ResourceKey svc = new ResourceKey("alpha", "", "Service", "n", "s");
        JsonNode o = json("{'metadata':{'name':'s'}}");
        assertThat(c.put(pvc, o)).isFalse();
        assertThat(c.put(svc, o)).isTrue();
        assertThat(c.put(svc, o.deepCopy())).isFalse();
        assertThat(c.put(svc, null)).isTrue();
        assertThat(c.put(svc, null)).isFalse();
        assertThat(c.size()).isZero();
    }
}
