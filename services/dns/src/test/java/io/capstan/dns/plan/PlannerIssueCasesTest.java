package io.capstan.dns.plan;

import io.capstan.dns.endpoint.Endpoint;
import io.capstan.dns.name.DnsNames;
import io.capstan.dns.provider.RecordSet;
import io.capstan.dns.provider.ZoneChanges;
import io.capstan.dns.zone.DomainFilter;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.capstan.dns.plan.ZoneSim.ep;
import static io.capstan.dns.plan.ZoneSim.ing;
import static io.capstan.dns.plan.ZoneSim.svc;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seven cases of issue 3 (from public ExternalDNS bug reports), each over three passes: plan, apply to a
 * {@link ZoneSim}, plan again. Pure table tests, no Quarkus (the planner has no I/O).
 */
class PlannerIssueCasesTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String OWNER = "alpha";

    static List<Plan> passes(ZoneSim sim, Planner planner, List<Endpoint> desired, int n) {
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Plan p = planner.plan(sim.current(), desired);
            plans.add(p);
            sim.apply(p);
        }
        return plans;
    }

    static String marker(String resource) {
        return "heritage=external-dns,external-dns/owner=" + OWNER + ",external-dns/resource=" + resource;
    }

    static List<RecordSet> touched(Plan p) {
        List<RecordSet> out = new ArrayList<>();
        for (ZoneChanges zc : p.changes()) {
            out.addAll(zc.creates());
            out.addAll(zc.updateNew());
            out.addAll(zc.deletes());
        }
        return out;
    }

    @Test
    void case1_apexMarkerLiesInsideTheZoneAndLaterPassesChangeNothing() {
        for (String prefix : List.of("", "txt-", "%{record_type}.", "ext-%{record_type}-")) {
            ZoneSim sim = new ZoneSim("example.test")
                    .put("example.test", "example.test", "TXT", 3600, "v=spf1 -all")
                    .put("example.test", "example.test", "MX", 3600, "10 mail.example.test");
            List<RecordSet> unowned = sim.all("example.test");
            Planner planner = new Planner(PlannerSettings.defaults(OWNER).withTxtPrefix(prefix));
            List<Plan> plans = passes(sim, planner, List.of(ep("example.test", "A", svc("apex"), T0, "192.0.2.10")), 3);

            ZoneChanges first = plans.get(0).changesFor("example.test").orElseThrow();
            assertThat(first.creates()).extracting(RecordSet::type).containsExactly("TXT", "A");
            RecordSet markerSet = first.creates().get(0);
            assertThat(DnsNames.isAtOrBelow(markerSet.name(), "example.test")).as(prefix).isTrue();
            assertThat(markerSet.name()).as(prefix).isNotEqualTo("example.test");
            assertThat(markerSet.targets()).containsExactly(marker("service/default/apex"));
            assertThat(plans.get(1).isEmpty()).as("second pass, prefix " + prefix).isTrue();
            assertThat(plans.get(2).isEmpty()).as("third pass, prefix " + prefix).isTrue();
            assertThat(sim.all("example.test")).containsAll(unowned);
            assertThat(plans.get(2).outcomes()).singleElement()
                    .satisfies(o -> assertThat(o.state()).isEqualTo(OutcomeState.Published));
        }
    }

    @Test
    void case1_apexMarkerNamesPerPrefix() {
        record Row(String prefix, String expected) {
        }
        for (Row r : List.of(new Row("", "a-_apex.example.test"), new Row("txt-", "txt-a-_apex.example.test"),
                new Row("%{record_type}.", "a.example.test"), new Row("_owner.", "_owner.a-_apex.example.test"))) {
            Plan p = new Planner(PlannerSettings.defaults(OWNER).withTxtPrefix(r.prefix())).plan(
                    new ZoneSim("example.test").current(), List.of(ep("example.test.", "A", svc("apex"), T0, "192.0.2.10")));
            assertThat(p.changesFor("example.test").orElseThrow().creates().get(0).name()).as(r.prefix())
                    .isEqualTo(r.expected());
        }
    }

    @Test
    void case2_wildcardAndLiteralWildcardLabelGetDistinctRecordsAndMarkers() {
        ZoneSim sim = new ZoneSim("example.test");
        Planner planner = new Planner(PlannerSettings.defaults(OWNER));
        List<Endpoint> both = List.of(ep("*.apps.example.test", "A", ing("star"), T0, "192.0.2.1"),
                ep("wildcard.apps.example.test", "A", ing("literal"), T0, "192.0.2.2"));
        List<Plan> plans = passes(sim, planner, both, 3);

        ZoneChanges first = plans.get(0).changesFor("example.test").orElseThrow();
        assertThat(first.creates()).extracting(RecordSet::id).containsExactlyInAnyOrder(
                "*.apps.example.test A", "wildcard.apps.example.test A",
                "a-_wildcard.apps.example.test TXT", "a-wildcard.apps.example.test TXT");
        for (RecordSet rs : first.creates()) {
            for (String label : rs.name().split("\\.")) {
                assertThat(label.equals("*") || !label.contains("*")).as(rs.name()).isTrue();
            }
        }
        assertThat(plans.get(1).isEmpty()).isTrue();
        assertThat(plans.get(2).isEmpty()).isTrue();

        // deleting one leaves the other
        Plan del = planner.plan(sim.current(), List.of(both.get(1)));
        assertThat(del.changesFor("example.test").orElseThrow().deletes()).extracting(RecordSet::id)
                .containsExactly("*.apps.example.test A", "a-_wildcard.apps.example.test TXT");
        assertThat(del.changesFor("example.test").orElseThrow().creates()).isEmpty();
        assertThat(del.changesFor("example.test").orElseThrow().updateNew()).isEmpty();
        sim.apply(del);
        assertThat(sim.get("example.test", "wildcard.apps.example.test", "A").targets()).containsExactly("192.0.2.2");
        assertThat(planner.plan(sim.current(), List.of(both.get(1))).isEmpty()).isTrue();
    }

    @Test
    void case2_aConfiguredReplacementEqualToARealLabelIsAnErrorForTheWildcardOnly() {
        ZoneSim sim = new ZoneSim("example.test");
        Planner planner = new Planner(PlannerSettings.defaults(OWNER).withTxtWildcardReplacement("wildcard"));
        Plan p = planner.plan(sim.current(), List.of(ep("*.apps.example.test", "A", ing("star"), T0, "192.0.2.1"),
                ep("wildcard.apps.example.test", "A", ing("literal"), T0, "192.0.2.2")));
        assertThat(p.outcomesFor("*.apps.example.test")).singleElement().satisfies(o -> {
            assertThat(o.state()).isEqualTo(OutcomeState.Error);
            assertThat(o.reason()).isEqualTo(Reasons.MARKER_NAME_COLLISION);
        });
        assertThat(p.outcomesFor("wildcard.apps.example.test")).singleElement()
                .satisfies(o -> assertThat(o.state()).isEqualTo(OutcomeState.Published));
        assertThat(touched(p)).extracting(RecordSet::id)
                .containsExactlyInAnyOrder("wildcard.apps.example.test A", "a-wildcard.apps.example.test TXT");
    }

    @Test
    void case3_caseTrailingDotsAndTargetSpellingCauseNoChurn() {
        for (List<String> filter : List.of(List.of("example.test"), List.of("example.test."), List.of("EXAMPLE.test."))) {
            ZoneSim sim = new ZoneSim("example.test")
                    .put("example.test", "web.example.test", "A", 300, "192.0.2.1")
                    .put("example.test", "a-web.example.test", "TXT", 300, marker("service/default/web"));
            Planner planner = new Planner(PlannerSettings.defaults(OWNER)
                    .withDomainFilter(DomainFilter.of(filter, List.of())));
            List<Endpoint> desired = List.of(ep("Web.Example.Test.", "A", svc("web"), T0, "192.0.2.1"),
                    ep("shop.example.test", "CNAME", ing("shop"), T0, "Edge-LB.Example.Net."));
            List<Plan> plans = passes(sim, planner, desired, 3);
            assertThat(touched(plans.get(0))).as(filter.toString()).extracting(RecordSet::id)
                    .containsExactlyInAnyOrder("shop.example.test CNAME", "cname-shop.example.test TXT");
            assertThat(sim.get("example.test", "shop.example.test", "CNAME").targets())
                    .containsExactly("edge-lb.example.net");
            assertThat(plans.get(1).isEmpty()).as(filter.toString()).isTrue();
            assertThat(plans.get(2).isEmpty()).as(filter.toString()).isTrue();
            assertThat(plans.get(2).outcomes()).extracting(HostnameOutcome::state)
                    .containsOnly(OutcomeState.Published);
        }
    }

    @Test
    void case3_theServerSpellingOfATargetIsNotAChange() {
        ZoneSim sim = new ZoneSim("example.test")
                .put("example.test", "web.example.test", "AAAA", 300, "2001:0db8:0:0::1")
                .put("example.test", "aaaa-web.example.test", "TXT", 300, marker("service/default/web"))
                .put("example.test", "shop.example.test", "CNAME", 300, "Edge-LB.example.net.")
                .put("example.test", "cname-shop.example.test", "TXT", 300, "\"" + marker("ingress/default/shop") + "\"");
        Plan p = new Planner(PlannerSettings.defaults(OWNER)).plan(sim.current(), List.of(
                ep("web.example.test", "AAAA", svc("web"), T0, "2001:DB8:0:0:0:0:0:1"),
                ep("SHOP.example.test", "CNAME", ing("shop"), T0, "EDGE-LB.example.net.")));
        assertThat(p.isEmpty()).isTrue();
        assertThat(p.outcomes()).allSatisfy(o -> {
            assertThat(o.reason()).isEqualTo(Reasons.PUBLISHED);
            assertThat(o.changed()).isFalse();
        });
    }

    @Test
    void case4_twoServicesOneHostname_recordChangesOnceNeverAlternates_loserNamesWinner() {
        ZoneSim sim = new ZoneSim("example.test");
        Planner planner = new Planner(PlannerSettings.defaults(OWNER));
        Endpoint older = ep("web.example.test", "A", svc("first"), T0, "192.0.2.1");
        Endpoint newer = ep("web.example.test", "A", svc("second"), T0.plusSeconds(60), "192.0.2.2");
        List<Plan> plans = new ArrayList<>();
        // the order of the sources varies between passes: it must not matter
        for (List<Endpoint> desired : List.of(List.of(newer, older), List.of(older, newer), List.of(newer, older))) {
            Plan p = planner.plan(sim.current(), desired);
            plans.add(p);
            sim.apply(p);
        }
        assertThat(plans.stream().filter(p -> !p.isEmpty()).count()).isEqualTo(1);
        assertThat(sim.get("example.test", "web.example.test", "A").targets()).containsExactly("192.0.2.1");
        for (Plan p : plans) {
            HostnameOutcome loser = p.outcomes().stream().filter(o -> o.source().equals(svc("second"))).findFirst()
                    .orElseThrow();
            assertThat(loser.state()).isEqualTo(OutcomeState.Conflict);
            assertThat(loser.reason()).isEqualTo(Reasons.CLAIMED_BY_RESOURCE);
            assertThat(loser.holder()).isEqualTo(new Holder(OWNER, "service/default/first"));
            assertThat(loser.message()).contains("service/default/first");
        }
    }

    @Test
    void case4_theMarkersHolderKeepsTheNameEvenAgainstAnOlderClaimant() {
        ZoneSim sim = new ZoneSim("example.test")
                .put("example.test", "web.example.test", "A", 300, "192.0.2.2")
                .put("example.test", "a-web.example.test", "TXT", 300, marker("service/default/second"));
        Planner planner = new Planner(PlannerSettings.defaults(OWNER));
        List<Endpoint> desired = List.of(ep("web.example.test", "A", svc("first"), T0, "192.0.2.1"),
                ep("web.example.test", "A", svc("second"), T0.plusSeconds(60), "192.0.2.2"));
        List<Plan> plans = passes(sim, planner, desired, 3);
        assertThat(plans).allMatch(Plan::isEmpty);
        assertThat(plans.get(0).outcomes()).filteredOn(o -> o.source().equals(svc("first"))).singleElement()
                .satisfies(o -> assertThat(o.holder()).isEqualTo(new Holder(OWNER, "service/default/second")));
    }

    @Test
    void case5_ipv6AddedBesideAnOwnedARecordAndRemovedAgain() {
        ZoneSim sim = new ZoneSim("example.test")
                .put("example.test", "web.example.test", "A", 300, "192.0.2.1")
                .put("example.test", "a-web.example.test", "TXT", 300, marker("service/default/web"));
        RecordSet a = sim.get("example.test", "web.example.test", "A");
        RecordSet aMarker = sim.get("example.test", "a-web.example.test", "TXT");
        Planner planner = new Planner(PlannerSettings.defaults(OWNER));
        List<Endpoint> dual = List.of(ep("web.example.test", "A", svc("web"), T0, "192.0.2.1"),
                ep("web.example.test", "AAAA", svc("web"), T0, "2001:db8::1"));
        List<Plan> plans = passes(sim, planner, dual, 3);
        assertThat(touched(plans.get(0))).extracting(RecordSet::id)
                .containsExactly("aaaa-web.example.test TXT", "web.example.test AAAA");
        assertThat(plans.get(1).isEmpty()).isTrue();
        assertThat(plans.get(2).isEmpty()).isTrue();

        List<Plan> back = passes(sim, planner, List.of(dual.get(0)), 3);
        ZoneChanges removal = back.get(0).changesFor("example.test").orElseThrow();
        assertThat(removal.deletes()).extracting(RecordSet::id)
                .containsExactly("web.example.test AAAA", "aaaa-web.example.test TXT");
        assertThat(removal.creates()).isEmpty();
        assertThat(removal.updateNew()).isEmpty();
        assertThat(back.get(1).isEmpty()).isTrue();
        assertThat(sim.all("example.test")).containsExactlyInAnyOrder(a, aMarker);
    }

    @Test
    void case6_cnameMarkerNeverBesideTheCnameAndNoCnameAtTheApex() {
        ZoneSim sim = new ZoneSim("example.test");
        Planner planner = new Planner(PlannerSettings.defaults(OWNER));
        List<Endpoint> desired = List.of(ep("example.test", "CNAME", ing("apex"), T0, "lb.example.net"),
                ep("www.example.test", "CNAME", ing("www"), T0, "lb.example.net"),
                ep("api.example.test", "A", svc("api"), T0, "192.0.2.7"));
        List<Plan> plans = passes(sim, planner, desired, 3);
        Plan first = plans.get(0);
        assertThat(first.outcomesFor("example.test")).singleElement().satisfies(o -> {
            assertThat(o.state()).isEqualTo(OutcomeState.Error);
            assertThat(o.reason()).isEqualTo(Reasons.CNAME_AT_APEX);
            assertThat(o.message()).contains("apex");
        });
        assertThat(touched(first)).extracting(RecordSet::id).containsExactlyInAnyOrder(
                "www.example.test CNAME", "cname-www.example.test TXT", "api.example.test A", "a-api.example.test TXT");
        for (RecordSet rs : sim.all("example.test")) {
            if (rs.type().equals("CNAME")) {
                assertThat(sim.get("example.test", rs.name(), "TXT")).as("TXT beside " + rs.name()).isNull();
                assertThat(rs.name()).isNotEqualTo("example.test");
            }
        }
        assertThat(plans.get(1).isEmpty()).isTrue();
        assertThat(plans.get(2).isEmpty()).isTrue();
    }

    @Test
    void case7_mostSpecificZonePunycodeApexAndNoEmptyZone() {
        ZoneSim sim = new ZoneSim("example.test", "int.example.test", "apps.xn--bcher-kva.example");
        Planner planner = new Planner(PlannerSettings.defaults(OWNER));
        List<Endpoint> desired = List.of(ep("svc.int.example.test", "A", svc("int"), T0, "192.0.2.1"),
                ep("fooexample.test", "A", svc("foo"), T0, "192.0.2.2"),
                ep("id.apps.bücher.example", "A", svc("idn"), T0, "192.0.2.3"),
                ep("EXAMPLE.TEST.", "A", svc("apex"), T0, "192.0.2.4"));
        List<Plan> plans = passes(sim, planner, desired, 3);
        Plan first = plans.get(0);
        assertThat(first.changes()).extracting(ZoneChanges::zone)
                .containsExactlyInAnyOrder("example.test", "int.example.test", "apps.xn--bcher-kva.example")
                .allMatch(z -> !z.isEmpty());
        assertThat(first.changesFor("int.example.test").orElseThrow().creates()).extracting(RecordSet::id)
                .contains("svc.int.example.test A");
        assertThat(first.changesFor("example.test").orElseThrow().creates()).extracting(RecordSet::id)
                .containsExactly("a-_apex.example.test TXT", "example.test A");
        assertThat(first.changesFor("apps.xn--bcher-kva.example").orElseThrow().creates()).extracting(RecordSet::id)
                .contains("id.apps.xn--bcher-kva.example A");
        assertThat(first.outcomesFor("fooexample.test")).singleElement().satisfies(o -> {
            assertThat(o.state()).isEqualTo(OutcomeState.Error);
            assertThat(o.reason()).isEqualTo(Reasons.NO_ZONE);
            assertThat(o.zone()).isNull();
        });
        assertThat(first.outcomesFor("id.apps.xn--bcher-kva.example")).singleElement()
                .satisfies(o -> assertThat(o.zone()).isEqualTo("apps.xn--bcher-kva.example"));
        assertThat(touched(first)).extracting(RecordSet::name).noneMatch(n -> n.contains("fooexample"));
        assertThat(plans.get(1).isEmpty()).isTrue();
        assertThat(plans.get(2).isEmpty()).isTrue();
    }

    @Test
    void case7_zonesGivenInUnicodeOrWithTrailingDotsAreTheSameZones() {
        ZoneSim sim = new ZoneSim("example.test", "apps.xn--bcher-kva.example");
        var current = new java.util.LinkedHashMap<String, List<RecordSet>>();
        current.put("Example.Test.", List.of());
        current.put("apps.bücher.example", List.of());
        Plan p = new Planner(PlannerSettings.defaults(OWNER)).plan(current,
                List.of(ep("id.apps.bücher.example", "A", svc("idn"), T0, "192.0.2.3")));
        assertThat(p.changes()).extracting(ZoneChanges::zone).containsExactly("apps.xn--bcher-kva.example");
        assertThat(Set.copyOf(sim.current().keySet())).contains("apps.xn--bcher-kva.example");
    }
}
