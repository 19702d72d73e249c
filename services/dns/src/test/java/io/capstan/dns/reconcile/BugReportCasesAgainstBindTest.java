package io.capstan.dns.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.model.status.StatusEvent;
import io.capstan.sandbox.dns.DnsZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seven cases of the issue (from public ExternalDNS bug reports) through the reconciler against a real BIND 9
 * (zones read by AXFR, answers by {@code dig}); the planner's own table tests cover the same cases without a server.
 * One owner (cluster) per case, so the cases do not see each other's names.
 */
class BugReportCasesAgainstBindTest {

    static Bind bind;
    static Passes passes;

    @BeforeAll
    static void start() {
        bind = Bind.start("cases", DnsZone.of("example.test"), DnsZone.of("int.example.test"),
                DnsZone.of("apps.xn--bcher-kva.example"));
        passes = new Passes(bind, 100, p -> p);
    }

    @AfterAll
    static void stop() {
        bind.close();
    }

    static String endpoint(String name, String... entries) {
        return """
                {"apiVersion":"externaldns.k8s.io/v1alpha1","kind":"DNSEndpoint","metadata":{"name":"%s","namespace":"default"},
                 "spec":{"endpoints":[%s]}}""".formatted(name, String.join(",", entries));
    }

    static String entry(String dnsName, String type, String... targets) {
        return "{\"dnsName\":\"%s\",\"recordType\":\"%s\",\"targets\":[%s]}".formatted(dnsName, type,
                String.join(",", java.util.Arrays.stream(targets).map(t -> "\"" + t + "\"").toList()));
    }

    String profile(String zones, String domains) {
        return passes.profile(zones, domains, "");
    }

    List<String> zone(String zone) {
        List<String> out = new ArrayList<>(bind.axfr(zone));
        out.removeIf(l -> l.contains(" NS ") || l.startsWith("ns1."));
        return out;
    }

    StatusEvent record(String cluster, String hostname) {
        return passes.status.get(cluster + "/dns/DNSRecord/_/" + hostname);
    }

    @Test
    void case1ApexMarkerLiesInsideTheZoneAndLaterPassesChangeNothing() throws Exception {
        passes.register("c1", profile("[\"example.test\"]", "[\"example.test\"]"), 1, false);
        passes.object("c1", endpoint("apex", entry("Example.Test.", "A", "192.0.2.1")));
        assertThat(passes.pass("c1")).isEqualTo("applied");
        assertThat(bind.dig("example.test", "A")).containsExactly("192.0.2.1");
        assertThat(zone("example.test")).filteredOn(l -> l.contains("external-dns/owner=c1"))
                .hasSize(1).allSatisfy(l -> {
                    assertThat(l.substring(0, l.indexOf(' '))).as("marker inside the zone").endsWith(".example.test.");
                    assertThat(l).contains("external-dns/resource=crd/default/apex");
                });
        assertThat(passes.pass("c1")).isEqualTo("unchanged");
        assertThat(passes.pass("c1")).isEqualTo("unchanged");
        passes.remove("c1", "DNSEndpoint", "default", "apex");
        passes.pass("c1");
        assertThat(bind.dig("example.test", "A")).isEmpty();
        assertThat(zone("example.test")).noneMatch(l -> l.contains("owner=c1"));
    }

    @Test
    void case2WildcardAndItsLiteralNeighbourGetTwoRecordsAndTwoMarkers() throws Exception {
        passes.register("c2", profile("[\"example.test\"]", "[\"apps2.example.test\"]"), 1, false);
        passes.object("c2", endpoint("wild", entry("*.apps2.example.test", "A", "192.0.2.21")));
        passes.object("c2", endpoint("lit", entry("wildcard.apps2.example.test", "A", "192.0.2.22")));
        passes.pass("c2");
        List<String> z = zone("example.test");
        assertThat(z).contains("*.apps2.example.test. 300 A 192.0.2.21", "wildcard.apps2.example.test. 300 A 192.0.2.22");
        List<String> markers = z.stream().filter(l -> l.contains("owner=c2")).toList();
        assertThat(markers).hasSize(2);
        for (String m : markers) {
            String owner = m.substring(0, m.indexOf(' '));
            for (String label : owner.split("\\.")) {
                assertThat(label.contains("*") && !label.equals("*")).as(owner).isFalse();
            }
            assertThat(owner).doesNotStartWith("*");
        }
        passes.remove("c2", "DNSEndpoint", "default", "wild");
        passes.pass("c2");
        assertThat(bind.dig("wildcard.apps2.example.test", "A")).containsExactly("192.0.2.22");
        assertThat(zone("example.test")).noneMatch(l -> l.startsWith("*.apps2"));
        assertThat(zone("example.test").stream().filter(l -> l.contains("owner=c2")).count()).isEqualTo(1);
    }

    @Test
    void case3SpellingOfNamesTargetsAndFiltersCausesNoChurn() throws Exception {
        passes.register("c3", profile("[\"example.test\"]", "[\"web3.example.test.\", \"front3.example.test\"]"), 1, false);
        passes.object("c3", Passes.service("default", "web", "Web3.Example.Test.", "192.0.2.31"));
        passes.object("c3", """
                {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"front","namespace":"default",
                 "annotations":{"external-dns.alpha.kubernetes.io/target":"Edge-LB.Example.Net"}},
                 "spec":{"rules":[{"host":"front3.example.test"}]}}""");
        assertThat(passes.pass("c3")).isEqualTo("applied");
        assertThat(bind.dig("web3.example.test", "A")).containsExactly("192.0.2.31");
        assertThat(bind.dig("front3.example.test", "CNAME")).containsExactly("edge-lb.example.net.");
        List<String> before = zone("example.test");
        assertThat(passes.pass("c3")).isEqualTo("unchanged");
        assertThat(passes.pass("c3")).isEqualTo("unchanged");
        assertThat(zone("example.test")).isEqualTo(before);
    }

    @Test
    void case4TwoServicesOnOneNameTheRecordChangesAtMostOnceAndTheLoserNamesTheWinner() throws Exception {
        passes.register("c4", profile("[\"example.test\"]", "[\"same4.example.test\"]"), 1, false);
        passes.object("c4", Passes.service("default", "svc-a", "same4.example.test", "192.0.2.41")
                .replace("\"name\":\"svc-a\"", "\"name\":\"svc-a\",\"creationTimestamp\":\"2026-01-01T00:00:00Z\""));
        passes.object("c4", Passes.service("default", "svc-b", "same4.example.test", "192.0.2.42")
                .replace("\"name\":\"svc-b\"", "\"name\":\"svc-b\",\"creationTimestamp\":\"2026-01-02T00:00:00Z\""));
        List<List<String>> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            passes.pass("c4");
            seen.add(bind.dig("same4.example.test", "A"));
        }
        assertThat(seen).containsOnly(List.of("192.0.2.41"));
        JsonNode d = record("c4", "same4.example.test").details();
        assertThat(d.path("source").path("name").asText()).isEqualTo("svc-a");
        assertThat(d.path("conflicts").get(0).path("state").asText()).isEqualTo("Conflict");
        assertThat(d.path("conflicts").get(0).path("source").path("name").asText()).isEqualTo("svc-b");
        assertThat(d.path("conflicts").get(0).path("holder").asText()).contains("service/default/svc-a");
    }

    @Test
    void case5AnAddedIpv6AddsOnlyTheAaaaAndItsRemovalRemovesOnlyIt() throws Exception {
        passes.register("c5", profile("[\"example.test\"]", "[\"dual5.example.test\"]"), 1, false);
        passes.object("c5", Passes.service("default", "dual", "dual5.example.test", "192.0.2.51"));
        passes.pass("c5");
        List<String> aBefore = zone("example.test").stream().filter(l -> l.startsWith("dual5.example.test. ")).toList();
        passes.object("c5", Passes.service("default", "dual", "dual5.example.test", "192.0.2.51", "2001:db8::51"));
        passes.pass("c5");
        assertThat(bind.dig("dual5.example.test", "AAAA")).containsExactly("2001:db8::51");
        List<String> z = zone("example.test");
        assertThat(z).containsAll(aBefore);
        assertThat(z.stream().filter(l -> l.contains("owner=c5")).count()).isEqualTo(2);
        passes.object("c5", Passes.service("default", "dual", "dual5.example.test", "192.0.2.51"));
        passes.pass("c5");
        assertThat(bind.dig("dual5.example.test", "AAAA")).isEmpty();
        assertThat(bind.dig("dual5.example.test", "A")).containsExactly("192.0.2.51");
        assertThat(zone("example.test").stream().filter(l -> l.contains("owner=c5")).count()).isEqualTo(1);
    }

    @Test
    void case6CnameMarkerNeverBesideTheCnameAndNoCnameAtTheApex() throws Exception {
        passes.register("c6", profile("[\"int.example.test\"]", "[\"int.example.test\"]"), 1, false);
        passes.object("c6", endpoint("cn", entry("alias6.int.example.test", "CNAME", "target.example.net"),
                entry("int.example.test", "CNAME", "apex-target.example.net"),
                entry("plain6.int.example.test", "A", "192.0.2.61")));
        passes.pass("c6");
        assertThat(bind.dig("alias6.int.example.test", "CNAME")).containsExactly("target.example.net.");
        assertThat(zone("int.example.test")).filteredOn(l -> l.startsWith("alias6.int.example.test. "))
                .containsExactly("alias6.int.example.test. 300 CNAME target.example.net.");
        assertThat(bind.dig("plain6.int.example.test", "A")).containsExactly("192.0.2.61");
        assertThat(bind.dig("int.example.test", "CNAME")).isEmpty();
        assertThat(record("c6", "int.example.test").details().path("reason").asText()).isEqualTo("CnameAtApex");
        assertThat(record("c6", "int.example.test").details().path("state").asText()).isEqualTo("Error");
    }

    @Test
    void case7MostSpecificZonePunycodeAndNoEmptyZone() throws Exception {
        passes.register("c7", profile("[\"example.test\", \"int.example.test\", \"apps.bücher.example\"]",
                "[\"svc7.int.example.test\", \"id.apps.bücher.example\"]"), 1, false);
        passes.object("c7", endpoint("z", entry("svc7.int.example.test", "A", "192.0.2.71"),
                entry("fooexample.test", "A", "192.0.2.72"), entry("id.apps.bücher.example", "A", "192.0.2.73")));
        passes.pass("c7");
        assertThat(zone("int.example.test")).contains("svc7.int.example.test. 300 A 192.0.2.71");
        assertThat(zone("example.test")).noneMatch(l -> l.startsWith("svc7."));
        assertThat(zone("apps.xn--bcher-kva.example")).contains("id.apps.xn--bcher-kva.example. 300 A 192.0.2.73");
        assertThat(record("c7", "fooexample.test").details().path("state").asText()).isEqualTo("Error");
        assertThat(record("c7", "fooexample.test").details().path("zone").isNull()).isTrue();
        assertThat(record("c7", "svc7.int.example.test").details().path("zone").asText()).isEqualTo("int.example.test");
    }
}
