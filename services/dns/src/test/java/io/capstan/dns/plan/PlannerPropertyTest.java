package io.capstan.dns.plan;

import io.capstan.dns.endpoint.Endpoint;
import io.capstan.dns.endpoint.SourceRef;
import io.capstan.dns.provider.RecordSet;
import io.capstan.dns.provider.ZoneChanges;
import io.capstan.dns.registry.MarkerValue;
import io.capstan.dns.registry.ZoneRegistry;
import io.capstan.dns.zone.ZoneSelector;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the {@link Planner} over random zones and desired endpoints (jqwik): applying a plan and planning again
 * never changes anything, and no record set without this owner's marker ever appears in a change (records of other
 * owners and records without marker stay byte-identical).
 */
class PlannerPropertyTest {

    static final String OWNER = "alpha";
    static final List<String> ZONES = List.of("example.test", "int.example.test");
    static final List<String> NAMES = List.of("example.test", "web.example.test", "api.example.test",
            "*.apps.example.test", "wildcard.apps.example.test", "svc.int.example.test", "int.example.test",
            "a-web.example.test", "Web.Example.Test.", "bücher.example.test", "bad..example.test");
    static final Map<String, List<String>> TARGETS = Map.of(
            "A", List.of("192.0.2.1", "192.0.2.2", "192.0.2.3"),
            "AAAA", List.of("2001:db8::1", "2001:DB8:0::2"),
            "CNAME", List.of("lb1.example.net", "LB2.example.net."),
            "TXT", List.of("hello", "v=1"));

    record Seed(String name, String type, String target, int kind) {
    }

    record Scenario(List<Endpoint> desired, List<Seed> seeds, String prefix, boolean multi, Policy policy) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<String> names = Arbitraries.of(NAMES);
        Arbitrary<String> types = Arbitraries.of("A", "AAAA", "CNAME", "TXT");
        Arbitrary<Endpoint> endpoints = Combinators.combine(names, types, Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2))
                .as((n, t, src, k, ttl) -> {
                    List<String> pool = TARGETS.get(t);
                    List<String> targets = k == 0 ? List.of() : t.equals("CNAME") ? List.of(pool.get(k % pool.size()))
                            : pool.subList(0, Math.min(k, pool.size()));
                    return new Endpoint(n, t, targets, ttl * 60L, new SourceRef("Service", "default", "s" + src),
                            Instant.parse("2026-01-01T00:00:00Z").plusSeconds(src * 7L % 3));
                });
        Arbitrary<Seed> seeds = Combinators.combine(names.filter(n -> !n.contains("..")), types,
                        Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 4))
                .as((n, t, i, kind) -> new Seed(n, t, TARGETS.get(t).get(i), kind));
        return Combinators.combine(endpoints.list().ofMaxSize(8), seeds.list().ofMaxSize(8),
                Arbitraries.of("", "txt-", "%{record_type}.", "suffix:-owned"), Arbitraries.of(true, false),
                Arbitraries.of(Policy.values())).as(Scenario::new);
    }

    static ZoneSim zone(Scenario s, PlannerSettings settings) {
        ZoneSim sim = new ZoneSim(ZONES.toArray(String[]::new));
        ZoneSelector sel = new ZoneSelector(ZONES);
        for (Seed seed : s.seeds()) {
            String name = io.capstan.dns.name.DnsNames.normalize(seed.name());
            String zone = sel.zoneOf(name).orElseThrow();
            if (seed.type().equals("CNAME") && (name.equals(zone) || !sim.all(zone).stream()
                    .filter(r -> r.name().equals(name)).toList().isEmpty())) {
                continue;
            }
            if (sim.get(zone, name, "CNAME") != null) {
                continue;
            }
            String target = io.capstan.dns.endpoint.RecordTargets.normalizeOne(seed.type(), seed.target());
            sim.put(zone, name, seed.type(), 300, target);
            if (seed.kind() > 0) {
                String marker = seed.kind() == 3
                        ? settings.markerNames().legacyName(name, zone).orElse(null)
                        : settings.markerNames().markerName(name, seed.type(), zone);
                if (marker == null || marker.equals(name) && seed.type().equals("TXT")
                        || sim.get(zone, marker, "TXT") != null || sim.get(zone, marker, "CNAME") != null) {
                    continue;
                }
                MarkerValue v = switch (seed.kind()) {
                    case 1 -> MarkerValue.of("beta", "service/default/seed");
                    case 4 -> MarkerValue.shared("beta", "service/default/seed", Set.of(target));
                    default -> MarkerValue.of(OWNER, "service/default/seed");
                };
                sim.put(zone, marker, "TXT", 300, v.format());
            }
        }
        return sim;
    }

    /** Seeds: kind 0 = no marker, 1 = another owner's, 2 = this owner's, 3 = this owner's legacy (type-less)
     * marker, 4 = another owner's multi-cluster marker. A prefix {@code suffix:x} means the TXT suffix x. */
    static PlannerSettings settings(Scenario s) {
        PlannerSettings base = PlannerSettings.defaults(OWNER).withMultiCluster(s.multi()).withPolicy(s.policy());
        return s.prefix().startsWith("suffix:") ? base.withTxtSuffix(s.prefix().substring(7))
                : base.withTxtPrefix(s.prefix());
    }

    @Property(tries = 400)
    void aSecondPassNeverChangesAnything(@ForAll("scenarios") Scenario s) {
        PlannerSettings settings = settings(s);
        ZoneSim sim = zone(s, settings);
        Planner planner = new Planner(settings);
        sim.apply(planner.plan(sim.current(), s.desired()));
        Plan second = planner.plan(sim.current(), s.desired());
        assertThat(second.changes()).as("second pass").isEmpty();
    }

    @Property(tries = 400)
    void noRecordSetWithoutOurMarkerEverAppearsInAChange(@ForAll("scenarios") Scenario s) {
        PlannerSettings settings = settings(s);
        ZoneSim sim = zone(s, settings);
        ZoneSelector sel = new ZoneSelector(ZONES);
        Map<String, List<RecordSet>> before = sim.current();
        Planner planner = new Planner(settings);
        Plan plan = planner.plan(before, s.desired());
        sim.apply(plan);
        Map<String, List<RecordSet>> after = sim.current();
        for (ZoneChanges zc : plan.changes()) {
            ZoneRegistry regBefore = new ZoneRegistry(zc.zone(), before.get(zc.zone()), settings.markerNames(), sel);
            ZoneRegistry regAfter = new ZoneRegistry(zc.zone(), after.get(zc.zone()), settings.markerNames(), sel);
            List<RecordSet> subjects = new ArrayList<>(zc.creates());
            subjects.addAll(zc.updateOld());
            subjects.addAll(zc.deletes());
            for (RecordSet rs : subjects) {
                assertThat(ours(rs, regBefore) || ours(rs, regAfter)).as("%s changed without our marker", rs).isTrue();
                if (rs.type().equals("TXT")) {
                    assertThat(notOurMarkers(regBefore.get(rs.name(), "TXT").orElse(null), regBefore, rs))
                            .as("foreign text in %s kept", rs)
                            .isEqualTo(notOurMarkers(regAfter.get(rs.name(), "TXT").orElse(null), regAfter, rs));
                }
            }
        }
        // every record set without our marker is byte-identical, except that a shared marker set may gain our value
        Set<RecordSet> afterAll = new HashSet<>();
        after.values().forEach(afterAll::addAll);
        for (var e : before.entrySet()) {
            ZoneRegistry reg = new ZoneRegistry(e.getKey(), e.getValue(), settings.markerNames(), sel);
            for (RecordSet rs : e.getValue()) {
                if (ours(rs, reg)) {
                    continue;
                }
                boolean sharedMarkers = s.multi() && rs.type().equals("TXT") && !rs.targets().isEmpty()
                        && rs.targets().stream().allMatch(t -> MarkerValue.parse(t).map(MarkerValue::isShared).orElse(false));
                boolean sharedData = s.multi() && reg.hasData(rs.name(), rs.type()) && sharedByOthers(rs, reg);
                if (sharedMarkers || sharedData) {
                    RecordSet now = afterAll.stream().filter(x -> x.id().equals(rs.id())).findFirst().orElseThrow();
                    assertThat(now.targets()).as("shared marker set %s keeps the other owners' values", rs)
                            .containsAll(rs.targets());
                    assertThat(now.ttl()).isEqualTo(rs.ttl());
                } else {
                    assertThat(afterAll).as("unowned %s untouched", rs).contains(rs);
                }
            }
        }
    }

    /** A data record set whose owners all opted in to multi-cluster sharing (this owner may join it). */
    static boolean sharedByOthers(RecordSet rs, ZoneRegistry reg) {
        try {
            var values = reg.ownership(rs.name(), rs.type()).values();
            return !values.isEmpty() && values.stream().allMatch(MarkerValue::isShared);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A data record set whose marker names this owner, or a TXT set holding a marker value of this owner. */
    static boolean ours(RecordSet rs, ZoneRegistry reg) {
        if (rs.type().equals("TXT") && reg.markersAt(rs.name()).stream().anyMatch(v -> v.owner().equals(OWNER))) {
            return true;
        }
        if (!reg.hasData(rs.name(), rs.type())) {
            return false;
        }
        try {
            return reg.ownership(rs.name(), rs.type()).ownedBy(OWNER);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The strings of a TXT set that are neither our marker values nor (when the set is our TXT data) our data. */
    static Set<String> notOurMarkers(RecordSet current, ZoneRegistry reg, RecordSet subject) {
        Set<String> out = new HashSet<>();
        if (current == null) {
            return out;
        }
        boolean ourData = reg.hasData(subject.name(), "TXT") && ours(new RecordSet(subject.name(), "TXT", 0,
                reg.data(subject.name(), "TXT")), reg);
        for (String t : current.targets()) {
            var v = MarkerValue.parse(t);
            if (v.isPresent() ? !v.get().owner().equals(OWNER) : !ourData) {
                out.add(t);
            }
        }
        return out;
    }

    @Property(tries = 200)
    void thePlanDoesNotDependOnTheOrderOfTheDesiredEndpoints(@ForAll("scenarios") Scenario s) {
        PlannerSettings settings = settings(s);
        ZoneSim sim = zone(s, settings);
        Planner planner = new Planner(settings);
        List<Endpoint> reversed = new ArrayList<>(s.desired());
        java.util.Collections.reverse(reversed);
        Plan a = planner.plan(sim.current(), s.desired());
        Plan b = planner.plan(sim.current(), reversed);
        assertThat(b.changes()).isEqualTo(a.changes());
        Map<String, Object> byKey = new HashMap<>();
        a.outcomes().forEach(o -> byKey.put(o.hostname() + o.source() + o.reason(), o));
        assertThat(b.outcomes()).allMatch(o -> byKey.containsKey(o.hostname() + o.source() + o.reason()));
    }

    @Property(tries = 300)
    void twoClustersOnOneZoneSettleAndNeverFlipFlop(@ForAll("scenarios") Scenario a, @ForAll("scenarios") Scenario b) {
        PlannerSettings sa = settings(a);
        PlannerSettings sb = new PlannerSettings("beta", b.policy(), sa.txtPrefix(), sa.txtSuffix(), "",
                sa.domainFilter(), b.multi(), sa.defaultTtl());
        ZoneSim sim = zone(a, sa);
        Planner alpha = new Planner(sa);
        Planner beta = new Planner(sb);
        Map<String, List<RecordSet>> history = new HashMap<>();
        for (int round = 1; round <= 4; round++) {
            Plan pa = alpha.plan(sim.current(), a.desired());
            Plan pb;
            if (round >= 3) {
                assertThat(pa.changes()).as("alpha, round %d", round).isEmpty();
            }
            sim.apply(pa);
            record(sim, history);
            pb = beta.plan(sim.current(), b.desired());
            if (round >= 3) {
                assertThat(pb.changes()).as("beta, round %d", round).isEmpty();
            }
            sim.apply(pb);
            record(sim, history);
        }
        // no record set ever returns to a content it had before another content (A -> B -> A); a release and a
        // take-over by another owner (A -> gone -> A) is not a flip-flop
        history.forEach((id, states) -> {
            List<RecordSet> distinct = new ArrayList<>();
            for (RecordSet st : states) {
                if (st != null && (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(st))) {
                    distinct.add(st);
                }
            }
            assertThat(new HashSet<>(distinct.stream().map(String::valueOf).toList())).as("history of %s: %s", id, distinct)
                    .hasSize(distinct.size());
        });
    }

    private static void record(ZoneSim sim, Map<String, List<RecordSet>> history) {
        Set<String> seen = new HashSet<>();
        for (String zone : ZONES) {
            for (RecordSet rs : sim.all(zone)) {
                history.computeIfAbsent(zone + "/" + rs.id(), k -> new ArrayList<>()).add(rs);
                seen.add(zone + "/" + rs.id());
            }
        }
        history.forEach((id, states) -> {
            if (!seen.contains(id)) {
                states.add(null);
            }
        });
    }
}
