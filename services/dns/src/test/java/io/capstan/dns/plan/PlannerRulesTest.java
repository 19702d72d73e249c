package io.capstan.dns.plan;

import io.capstan.dns.endpoint.Endpoint;
import io.capstan.dns.provider.RecordSet;
import io.capstan.dns.provider.ZoneChanges;
import io.capstan.dns.zone.DomainFilter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.capstan.dns.plan.PlannerIssueCasesTest.T0;
import static io.capstan.dns.plan.PlannerIssueCasesTest.passes;
import static io.capstan.dns.plan.PlannerIssueCasesTest.touched;
import static io.capstan.dns.plan.ZoneSim.ep;
import static io.capstan.dns.plan.ZoneSim.ing;
import static io.capstan.dns.plan.ZoneSim.svc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ownership, fleet, policy and validation rules of the {@link Planner}, as pure table tests. */
class PlannerRulesTest {

    static final String Z = "example.test";

    static String value(String owner, String resource) {
        return "heritage=external-dns,external-dns/owner=" + owner + ",external-dns/resource=" + resource;
    }

    static Planner planner(String owner) {
        return new Planner(PlannerSettings.defaults(owner));
    }

    @Test
    void aNameHeldByAnotherOwnersMarkerIsAConflictNamingThatOwnerAndIsNeverTouched() {
        ZoneSim sim = new ZoneSim(Z)
                .put(Z, "web.example.test", "A", 300, "192.0.2.9")
                .put(Z, "a-web.example.test", "TXT", 300, value("beta", "ingress/shop/web"));
        List<RecordSet> before = sim.all(Z);
        List<Plan> plans = passes(sim, planner("alpha"), List.of(ep("web.example.test", "AAAA", svc("web"), T0, "2001:db8::5")), 3);
        assertThat(plans).allMatch(Plan::isEmpty);
        assertThat(sim.all(Z)).isEqualTo(before);
        assertThat(plans.get(0).outcomes()).singleElement().satisfies(o -> {
            assertThat(o.state()).isEqualTo(OutcomeState.Conflict);
            assertThat(o.reason()).isEqualTo(Reasons.HELD_BY_OWNER);
            assertThat(o.holder()).isEqualTo(new Holder("beta", "ingress/shop/web"));
        });
    }

    @Test
    void anotherOwnersMarkerWithoutItsRecordStillHoldsTheName() {
        ZoneSim sim = new ZoneSim(Z).put(Z, "a-web.example.test", "TXT", 300, value("beta", "service/x/y"));
        Plan p = planner("alpha").plan(sim.current(), List.of(ep("web.example.test", "A", svc("web"), T0, "192.0.2.1")));
        assertThat(p.isEmpty()).isTrue();
        assertThat(p.outcomes().get(0).reason()).isEqualTo(Reasons.HELD_BY_OWNER);
    }

    @Test
    void recordsWithoutMarkerAreNeverChangedOrDeletedAndBlockTheName() {
        ZoneSim sim = new ZoneSim(Z)
                .put(Z, "example.test", "TXT", 3600, "v=spf1 include:mail.example.net -all")
                .put(Z, "example.test", "MX", 3600, "10 mail.example.test")
                .put(Z, "hand.example.test", "A", 60, "198.51.100.1")
                .put(Z, "alias.example.test", "CNAME", 60, "somewhere.example.net");
        List<RecordSet> unowned = sim.all(Z);
        Planner alpha = planner("alpha");
        List<Endpoint> desired = List.of(ep("hand.example.test", "A", svc("hand"), T0, "192.0.2.1"),
                ep("alias.example.test", "A", svc("alias"), T0, "192.0.2.2"),
                ep("example.test", "A", svc("apex"), T0, "192.0.2.3"));
        List<Plan> plans = passes(sim, alpha, desired, 3);
        assertThat(plans.get(0).outcomesFor("hand.example.test").get(0).reason()).isEqualTo(Reasons.NOT_OWNED);
        assertThat(plans.get(0).outcomesFor("hand.example.test").get(0).holder()).isNull();
        assertThat(plans.get(0).outcomesFor("alias.example.test").get(0).reason()).isEqualTo(Reasons.NOT_OWNED);
        assertThat(plans.get(0).outcomesFor("example.test").get(0).state()).isEqualTo(OutcomeState.Published);
        // delete everything again: only our own records go
        passes(sim, alpha, List.of(), 2);
        assertThat(sim.all(Z)).containsExactlyInAnyOrderElementsOf(unowned);
    }

    @Test
    void multiClusterRecordSetsMergeTargetsAndEachOwnerRemovesOnlyItsOwn() {
        ZoneSim sim = new ZoneSim(Z);
        Planner alpha = new Planner(PlannerSettings.defaults("alpha").withMultiCluster(true));
        Planner beta = new Planner(PlannerSettings.defaults("beta").withMultiCluster(true));
        List<Endpoint> a = List.of(ep("web.example.test", "A", svc("web"), T0, "192.0.2.1"));
        List<Endpoint> b = List.of(ep("web.example.test", "A", ing("web"), T0, "192.0.2.2", "192.0.2.1"));

        sim.apply(alpha.plan(sim.current(), a));
        assertThat(sim.get(Z, "a-web.example.test", "TXT").targets()).containsExactly(
                value("alpha", "service/default/web") + ",capstan/targets=192.0.2.1");
        sim.apply(beta.plan(sim.current(), b));
        assertThat(sim.get(Z, "web.example.test", "A").targets()).containsExactly("192.0.2.1", "192.0.2.2");
        assertThat(sim.get(Z, "a-web.example.test", "TXT").targets()).containsExactlyInAnyOrder(
                value("alpha", "service/default/web") + ",capstan/targets=192.0.2.1",
                value("beta", "ingress/default/web") + ",capstan/targets=192.0.2.1+192.0.2.2");
        assertThat(alpha.plan(sim.current(), a).isEmpty()).isTrue();
        assertThat(beta.plan(sim.current(), b).isEmpty()).isTrue();

        // beta drops 192.0.2.1, which alpha still lists: it stays
        List<Endpoint> b2 = List.of(ep("web.example.test", "A", ing("web"), T0, "192.0.2.2"));
        sim.apply(beta.plan(sim.current(), b2));
        assertThat(sim.get(Z, "web.example.test", "A").targets()).containsExactly("192.0.2.1", "192.0.2.2");
        // alpha leaves: only its target and its marker value go
        Plan leave = alpha.plan(sim.current(), List.of());
        assertThat(leave.changesFor(Z).orElseThrow().deletes()).isEmpty();
        sim.apply(leave);
        assertThat(sim.get(Z, "web.example.test", "A").targets()).containsExactly("192.0.2.2");
        assertThat(sim.get(Z, "a-web.example.test", "TXT").targets()).containsExactly(
                value("beta", "ingress/default/web") + ",capstan/targets=192.0.2.2");
        assertThat(alpha.plan(sim.current(), List.of()).isEmpty()).isTrue();
        assertThat(beta.plan(sim.current(), b2).isEmpty()).isTrue();
        // beta leaves: the record set and its marker are gone
        sim.apply(beta.plan(sim.current(), List.of()));
        assertThat(sim.all(Z)).isEmpty();
    }

    @Test
    void multiClusterNeedsTheHolderToHaveOptedInToo() {
        ZoneSim sim = new ZoneSim(Z);
        sim.apply(planner("alpha").plan(sim.current(), List.of(ep("web.example.test", "A", svc("web"), T0, "192.0.2.1"))));
        Plan p = new Planner(PlannerSettings.defaults("beta").withMultiCluster(true)).plan(sim.current(),
                List.of(ep("web.example.test", "A", svc("web"), T0, "192.0.2.2")));
        assertThat(p.isEmpty()).isTrue();
        assertThat(p.outcomes().get(0).reason()).isEqualTo(Reasons.HELD_BY_OWNER);
        assertThat(p.outcomes().get(0).message()).contains("not opted in");
    }

    @Test
    void upsertOnlyNeverDeletesAndCreateOnlyNeverUpdates() {
        ZoneSim sim = new ZoneSim(Z)
                .put(Z, "old.example.test", "A", 300, "192.0.2.1")
                .put(Z, "a-old.example.test", "TXT", 300, value("alpha", "service/default/old"))
                .put(Z, "web.example.test", "A", 300, "192.0.2.1")
                .put(Z, "a-web.example.test", "TXT", 300, value("alpha", "service/default/web"));
        List<Endpoint> desired = List.of(ep("web.example.test", "A", svc("web"), T0, "192.0.2.2"),
                ep("new.example.test", "A", svc("new"), T0, "192.0.2.3"));

        Plan upsert = new Planner(PlannerSettings.defaults("alpha").withPolicy(Policy.UPSERT_ONLY)).plan(sim.current(), desired);
        ZoneChanges u = upsert.changesFor(Z).orElseThrow();
        assertThat(u.deletes()).isEmpty();
        assertThat(u.updateNew()).extracting(RecordSet::id).containsExactly("web.example.test A");
        assertThat(u.creates()).extracting(RecordSet::id).containsExactly("a-new.example.test TXT", "new.example.test A");

        Plan create = new Planner(PlannerSettings.defaults("alpha").withPolicy(Policy.CREATE_ONLY)).plan(sim.current(), desired);
        ZoneChanges c = create.changesFor(Z).orElseThrow();
        assertThat(c.deletes()).isEmpty();
        assertThat(c.updateNew()).isEmpty();
        assertThat(c.creates()).extracting(RecordSet::id).containsExactly("a-new.example.test TXT", "new.example.test A");
        assertThat(create.outcomesFor("web.example.test").get(0).state()).isEqualTo(OutcomeState.Pending);
        assertThat(create.outcomesFor("web.example.test").get(0).reason()).isEqualTo(Reasons.POLICY);

        Plan sync = planner("alpha").plan(sim.current(), desired);
        assertThat(sync.changesFor(Z).orElseThrow().deletes()).extracting(RecordSet::id)
                .containsExactly("old.example.test A", "a-old.example.test TXT");
        assertThatThrownBy(() -> Policy.parse("upsert")).hasMessageContaining("sync, upsert-only, create-only");
        assertThat(Policy.parse("Upsert-Only")).isEqualTo(Policy.UPSERT_ONLY);
    }

    @Test
    void legacyMarkersOfExternalDnsAreAdoptedThenRemovedWithTheirRecords() {
        ZoneSim sim = new ZoneSim(Z)
                .put(Z, "web.example.test", "A", 300, "192.0.2.1")
                .put(Z, "web.example.test", "TXT", 300, "\"" + value("alpha", "service/default/web") + "\"");
        Planner alpha = planner("alpha");
        List<Endpoint> desired = List.of(ep("web.example.test", "A", svc("web"), T0, "192.0.2.1"));
        List<Plan> plans = passes(sim, alpha, desired, 3);
        assertThat(touched(plans.get(0))).extracting(RecordSet::id).containsExactly("a-web.example.test TXT");
        assertThat(plans.get(1).isEmpty()).isTrue();
        assertThat(plans.get(2).isEmpty()).isTrue();
        Plan removal = alpha.plan(sim.current(), List.of());
        assertThat(removal.changesFor(Z).orElseThrow().deletes()).extracting(RecordSet::id)
                .containsExactly("web.example.test A", "a-web.example.test TXT", "web.example.test TXT");
        sim.apply(removal);
        assertThat(sim.all(Z)).isEmpty();
    }

    @Test
    void externalDnsPrefixedMarkersAreReadAsTheyAre() {
        ZoneSim sim = new ZoneSim(Z)
                .put(Z, "web.example.test", "CNAME", 300, "lb.example.net")
                .put(Z, "extdns-cname-web.example.test", "TXT", 300,
                        "\"heritage=external-dns,external-dns/owner=alpha,external-dns/resource=ingress/default/web,external-dns/extra=1\"")
                .put(Z, "extdns-web.example.test", "TXT", 300, value("alpha", "ingress/default/web"));
        Planner alpha = new Planner(PlannerSettings.defaults("alpha").withTxtPrefix("extdns-"));
        Plan p = alpha.plan(sim.current(), List.of(ep("web.example.test", "CNAME", ing("web"), T0, "lb.example.net")));
        assertThat(p.isEmpty()).isTrue();
        assertThat(p.outcomes().get(0).state()).isEqualTo(OutcomeState.Published);
    }

    @Test
    void ourMarkerLeftWithoutItsRecordIsRemovedOrCompleted() {
        ZoneSim sim = new ZoneSim(Z)
                .put(Z, "a-gone.example.test", "TXT", 300, value("alpha", "service/default/gone"))
                .put(Z, "a-half.example.test", "TXT", 300, value("alpha", "service/default/half"))
                .put(Z, "a-theirs.example.test", "TXT", 300, value("beta", "service/default/theirs"));
        Plan p = planner("alpha").plan(sim.current(), List.of(ep("half.example.test", "A", svc("half"), T0, "192.0.2.1")));
        ZoneChanges zc = p.changesFor(Z).orElseThrow();
        assertThat(zc.deletes()).extracting(RecordSet::id).containsExactly("a-gone.example.test TXT");
        assertThat(zc.creates()).extracting(RecordSet::id).containsExactly("half.example.test A");
        assertThat(zc.updateNew()).isEmpty();
    }

    @Test
    void badNamesTargetsAndTypesAreErrorsAndTheRestOfTheBatchIsPlanned() {
        ZoneSim sim = new ZoneSim(Z)
                .put(Z, "kept.example.test", "A", 300, "192.0.2.1")
                .put(Z, "a-kept.example.test", "TXT", 300, value("alpha", "service/default/kept"));
        String longLabel = "x".repeat(64);
        List<Endpoint> desired = List.of(
                ep(longLabel + ".example.test", "A", svc("long"), T0, "192.0.2.1"),
                ep("a..example.test", "A", svc("dots"), T0, "192.0.2.1"),
                ep("foo.*.example.test", "A", svc("star"), T0, "192.0.2.1"),
                ep("kept.example.test", "A", svc("kept"), T0, "192.0.2.300"),
                ep("type.example.test", "A$", svc("type"), T0, "192.0.2.1"),
                ep("two.example.test", "CNAME", svc("two"), T0, "a.example.net", "b.example.net"),
                ep("mixed.example.test", "CNAME", svc("mixed"), T0, "a.example.net"),
                ep("mixed.example.test", "A", svc("mixed"), T0, "192.0.2.1"),
                ep("ok.example.test", "A", svc("ok"), T0, "192.0.2.8"));
        Plan p = planner("alpha").plan(sim.current(), desired);
        assertThat(p.outcomes()).filteredOn(o -> o.state() == OutcomeState.Error)
                .extracting(HostnameOutcome::reason).containsExactlyInAnyOrder(Reasons.INVALID_NAME,
                        Reasons.INVALID_NAME, Reasons.INVALID_NAME, Reasons.INVALID_TARGET, Reasons.INVALID_RECORD_TYPE,
                        Reasons.INVALID_TARGET, Reasons.CNAME_WITH_OTHER_DATA);
        assertThat(p.outcomes()).filteredOn(o -> o.reason().equals(Reasons.INVALID_NAME))
                .allSatisfy(o -> assertThat(o.message()).contains("RFC"));
        // the owned record whose new target is invalid is kept as it is, the good name is created
        assertThat(touched(p)).extracting(RecordSet::id)
                .containsExactlyInAnyOrder("ok.example.test A", "a-ok.example.test TXT");
    }

    @Test
    void namesOutsideTheDomainFilterAreErrorsAndOurRecordsThereAreLeftAlone() {
        ZoneSim sim = new ZoneSim(Z)
                .put(Z, "web.other.example.test", "A", 300, "192.0.2.1")
                .put(Z, "a-web.other.example.test", "TXT", 300, value("alpha", "service/default/web"));
        Planner alpha = new Planner(PlannerSettings.defaults("alpha")
                .withDomainFilter(DomainFilter.of(List.of("apps.example.test."), List.of("bad.apps.example.test"))));
        Plan p = alpha.plan(sim.current(), List.of(ep("x.other.example.test", "A", svc("x"), T0, "192.0.2.2"),
                ep("x.bad.apps.example.test", "A", svc("y"), T0, "192.0.2.2"),
                ep("x.apps.example.test", "A", svc("z"), T0, "192.0.2.2")));
        assertThat(p.outcomesFor("x.other.example.test").get(0).reason()).isEqualTo(Reasons.DENIED);
        assertThat(p.outcomesFor("x.bad.apps.example.test").get(0).reason()).isEqualTo(Reasons.DENIED);
        assertThat(p.outcomesFor("x.other.example.test").get(0).message())
                .isEqualTo("x.other.example.test is outside the domains owner alpha may use: apps.example.test"
                        + " (except bad.apps.example.test)");
        assertThat(touched(p)).extracting(RecordSet::name)
                .containsOnly("x.apps.example.test", "a-x.apps.example.test");
    }

    @Test
    void aClaimantWithoutTargetsKeepsItsNameAndItsRecords() {
        ZoneSim sim = new ZoneSim(Z)
                .put(Z, "web.example.test", "A", 300, "192.0.2.1")
                .put(Z, "a-web.example.test", "TXT", 300, value("alpha", "service/default/web"));
        Plan p = planner("alpha").plan(sim.current(), List.of(ep("web.example.test", "A", svc("web"), T0),
                ep("web.example.test", "A", svc("older"), T0.minusSeconds(5), "192.0.2.2"),
                ep("new.example.test", "A", svc("new"), T0)));
        assertThat(p.isEmpty()).isTrue();
        assertThat(p.outcomesFor("new.example.test").get(0).state()).isEqualTo(OutcomeState.Pending);
        assertThat(p.outcomesFor("new.example.test").get(0).reason()).isEqualTo(Reasons.NO_TARGETS);
        assertThat(p.outcomes()).filteredOn(o -> o.source().equals(svc("older"))).singleElement()
                .satisfies(o -> assertThat(o.reason()).isEqualTo(Reasons.CLAIMED_BY_RESOURCE));
    }

    @Test
    void switchingFromAToCnameDeletesOurAFirst() {
        ZoneSim sim = new ZoneSim(Z)
                .put(Z, "web.example.test", "A", 300, "192.0.2.1")
                .put(Z, "a-web.example.test", "TXT", 300, value("alpha", "service/default/web"));
        List<Plan> plans = passes(sim, planner("alpha"), List.of(ep("web.example.test", "CNAME", svc("web"), T0, "lb.example.net")), 2);
        ZoneChanges zc = plans.get(0).changesFor(Z).orElseThrow();
        assertThat(zc.deletes()).extracting(RecordSet::id).containsExactly("web.example.test A", "a-web.example.test TXT");
        assertThat(zc.creates()).extracting(RecordSet::id).containsExactly("cname-web.example.test TXT", "web.example.test CNAME");
        assertThat(plans.get(1).isEmpty()).isTrue();
    }

    @Test
    void markerLabelsCountTowardsTheLimit() {
        String l61 = "w".repeat(61);
        String l62 = "w".repeat(62);
        Plan p = planner("alpha").plan(new ZoneSim(Z).current(), List.of(
                ep(l61 + ".example.test", "A", svc("fits"), T0, "192.0.2.1"),
                ep(l62 + ".example.test", "A", svc("long"), T0, "192.0.2.1")));
        assertThat(p.outcomesFor(l61 + ".example.test").get(0).state()).isEqualTo(OutcomeState.Published);
        assertThat(p.outcomesFor(l62 + ".example.test").get(0).reason()).isEqualTo(Reasons.MARKER_NAME_INVALID);
        assertThat(p.outcomesFor(l62 + ".example.test").get(0).message()).contains("63");
        assertThat(touched(p)).extracting(RecordSet::name).noneMatch(n -> n.contains(l62));
    }

    @Test
    void ttlZeroIsTheDefaultAndAnExplicitTtlChangeIsOneUpdate() {
        ZoneSim sim = new ZoneSim(Z);
        Planner alpha = new Planner(PlannerSettings.defaults("alpha").withDefaultTtl(120));
        passes(sim, alpha, List.of(ep("web.example.test", "A", svc("web"), T0, "192.0.2.1")), 1);
        assertThat(sim.get(Z, "web.example.test", "A").ttl()).isEqualTo(120);
        List<Endpoint> ttl60 = List.of(new Endpoint("web.example.test", "A", List.of("192.0.2.1"), 60, svc("web"), T0));
        List<Plan> plans = passes(sim, alpha, ttl60, 2);
        assertThat(plans.get(0).changesFor(Z).orElseThrow().updateNew()).extracting(RecordSet::ttl).containsExactly(60L);
        assertThat(plans.get(1).isEmpty()).isTrue();
    }

    @Test
    void aCreateRacedByAnotherOwnerBecomesAConflictOnTheNextPass() {
        ZoneSim sim = new ZoneSim(Z);
        Plan mine = planner("alpha").plan(sim.current(), List.of(ep("web.example.test", "A", svc("web"), T0, "192.0.2.1")));
        sim.apply(planner("beta").plan(sim.current(), List.of(ep("web.example.test", "A", svc("web"), T0, "192.0.2.2"))));
        assertThatThrownBy(() -> sim.apply(mine)).hasMessageContaining("RRset exists");
        Plan next = planner("alpha").plan(sim.current(), List.of(ep("web.example.test", "A", svc("web"), T0, "192.0.2.1")));
        assertThat(next.isEmpty()).isTrue();
        assertThat(next.outcomes().get(0).holder()).isEqualTo(new Holder("beta", "service/default/web"));
    }

    @Test
    void aMarkerIsNeverWrittenIntoTxtTextItDoesNotOwnNorBesideACname() {
        ZoneSim sim = new ZoneSim(Z)
                .put(Z, "a-web.example.test", "TXT", 300, "someone's text")
                .put(Z, "a-api.example.test", "CNAME", 300, "elsewhere.example.net");
        List<RecordSet> before = sim.all(Z);
        Plan p = planner("alpha").plan(sim.current(), List.of(ep("web.example.test", "A", svc("web"), T0, "192.0.2.1"),
                ep("api.example.test", "A", svc("api"), T0, "192.0.2.2"),
                ep("ok.example.test", "A", svc("ok"), T0, "192.0.2.3")));
        assertThat(p.outcomesFor("web.example.test").get(0).reason()).isEqualTo(Reasons.MARKER_NAME_COLLISION);
        assertThat(p.outcomesFor("api.example.test").get(0).reason()).isEqualTo(Reasons.MARKER_NAME_COLLISION);
        sim.apply(p);
        assertThat(sim.all(Z)).containsAll(before);
        assertThat(touched(p)).extracting(RecordSet::name).containsOnly("ok.example.test", "a-ok.example.test");
    }

    @Test
    void aTypePrefixedMarkerIsNeverReadAsTheLegacyMarkerOfAnotherRecord() {
        // a-web.example.test is the marker of web's A record; the hand-made A record named a-web stays unowned
        ZoneSim sim = new ZoneSim(Z).put(Z, "a-web.example.test", "A", 300, "198.51.100.9");
        RecordSet hand = sim.get(Z, "a-web.example.test", "A");
        List<Plan> plans = passes(sim, planner("alpha"), List.of(ep("web.example.test", "A", svc("web"), T0, "192.0.2.1")), 3);
        assertThat(plans.get(1).isEmpty()).isTrue();
        assertThat(plans.get(2).isEmpty()).isTrue();
        assertThat(sim.get(Z, "a-web.example.test", "A")).isEqualTo(hand);
    }

    @Test
    void aBatchCutShortLeavesNoRecordWithoutMarkerAndTheNextPassFinishesIt() {
        List<Endpoint> desired = List.of(ep("web.example.test", "A", svc("web"), T0, "192.0.2.1"),
                ep("web.example.test", "AAAA", svc("web"), T0, "2001:db8::1"));
        for (int cut = 0; cut <= 4; cut++) {
            ZoneSim sim = new ZoneSim(Z);
            Planner alpha = planner("alpha");
            Plan create = alpha.plan(sim.current(), desired);
            sim.applyFirst(create, cut);
            assertNoRecordWithoutMarker(sim);
            sim.apply(alpha.plan(sim.current(), desired));
            assertThat(sim.all(Z)).as("cut after %d creates", cut).hasSize(4);
            assertThat(alpha.plan(sim.current(), desired).isEmpty()).isTrue();

            Plan delete = alpha.plan(sim.current(), List.of());
            sim.applyFirst(delete, cut);
            assertNoRecordWithoutMarker(sim);
            sim.apply(alpha.plan(sim.current(), List.of()));
            assertThat(sim.all(Z)).as("cut after %d deletes", cut).isEmpty();
        }
    }

    private static void assertNoRecordWithoutMarker(ZoneSim sim) {
        for (RecordSet rs : sim.all(Z)) {
            if (!rs.type().equals("TXT")) {
                assertThat(sim.get(Z, rs.type().toLowerCase() + "-" + rs.name(), "TXT")).as("marker of %s", rs).isNotNull();
            }
        }
    }

    @Test
    void publishedOutcomesCarryZoneSourceAndTheRecordsAsTheyWillBe() {
        Plan p = planner("alpha").plan(new ZoneSim(Z).current(), List.of(
                ep("web.example.test", "A", svc("web"), T0, "192.0.2.2", "192.0.2.1"),
                ep("web.example.test", "AAAA", svc("web"), T0, "2001:db8::1")));
        assertThat(p.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.zone()).isEqualTo(Z);
            assertThat(o.source()).isEqualTo(svc("web"));
            assertThat(o.reason()).isEqualTo(Reasons.CREATED);
            assertThat(o.changed()).isTrue();
            assertThat(o.records()).containsExactly(new RecordSet("web.example.test", "A", 300, List.of("192.0.2.1", "192.0.2.2")),
                    new RecordSet("web.example.test", "AAAA", 300, List.of("2001:db8::1")));
        });
    }

    @Test
    void txtTextIsNeverPublishedIntoAMarkerRecordSet() {
        ZoneSim sim = new ZoneSim(Z)
                .put(Z, "web.example.test", "A", 300, "192.0.2.1")
                .put(Z, "a-web.example.test", "TXT", 300, value("beta", "service/default/web"));
        List<RecordSet> before = sim.all(Z);
        Plan p = planner("alpha").plan(sim.current(), List.of(ep("a-web.example.test", "TXT", svc("txt"), T0, "hello"),
                ep("api.example.test", "A", svc("api"), T0, "192.0.2.2"),
                ep("a-api.example.test", "TXT", svc("txt2"), T0, "hello")));
        assertThat(p.outcomesFor("a-web.example.test").get(0).reason()).isEqualTo(Reasons.MARKER_NAME_COLLISION);
        sim.apply(p);
        assertThat(sim.all(Z)).containsAll(before);
        assertThat(sim.all(Z)).extracting(RecordSet::targets).noneMatch(t -> t.contains("hello"));
    }
}
