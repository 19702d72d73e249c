package io.capstan.orchestrator.status;

import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Pure table test of the phase rules (first match wins), with a fixed clock. */
class PhaseRulesTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final Duration STALE = Duration.ofMinutes(5);
    static final List<String> EXPECTED = List.of("cluster-watcher", "storage");

    static ComponentStatus s(long gen, Instant at, Condition... conditions) {
        return new ComponentStatus(List.of(conditions), gen, at);
    }

    static Condition c(String type, ConditionStatus status) {
        return new Condition(type, status, "Because", "", NOW.minusSeconds(60), 0);
    }

    static Map<String, ComponentStatus> m(Object... kv) {
        Map<String, ComponentStatus> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (ComponentStatus) kv[i + 1]);
        }
        return m;
    }

    static final Instant FRESH = NOW.minusSeconds(10);
    static final Instant OLD = NOW.minus(Duration.ofMinutes(6));

    static Stream<Arguments> rows() {
        var ready = c("Ready", ConditionStatus.True);
        var notReady = c("Ready", ConditionStatus.False);
        var unreachable = c("ClusterReachable", ConditionStatus.False);
        return Stream.of(
                Arguments.of("deletion wins over everything", 2L, true, m("storage", s(2, FRESH, ready)), Phase.Deleting),
                Arguments.of("no report yet is Pending", 1L, false, m(), Phase.Pending),
                Arguments.of("watcher unreachable is Unreachable even if storage is Ready", 1L, false,
                        m("cluster-watcher", s(1, FRESH, ready, unreachable), "storage", s(1, FRESH, ready)), Phase.Unreachable),
                Arguments.of("an expected component Ready=False is Degraded", 1L, false,
                        m("cluster-watcher", s(1, FRESH, ready), "storage", s(1, FRESH, notReady)), Phase.Degraded),
                Arguments.of("every expected component Ready at the generation is Ready", 3L, false,
                        m("cluster-watcher", s(3, FRESH, ready), "storage", s(4, FRESH, ready)), Phase.Ready),
                Arguments.of("Ready at an older generation is Provisioning", 3L, false,
                        m("cluster-watcher", s(3, FRESH, ready), "storage", s(2, FRESH, ready)), Phase.Provisioning),
                Arguments.of("a missing expected component is Provisioning", 1L, false,
                        m("cluster-watcher", s(1, FRESH, ready)), Phase.Provisioning),
                Arguments.of("an unexpected component Ready=False does not degrade", 1L, false,
                        m("cluster-watcher", s(1, FRESH, ready), "storage", s(1, FRESH, ready), "dns", s(1, FRESH, notReady)), Phase.Ready),
                Arguments.of("a component waiting for another one it needs is Provisioning, not Degraded", 1L, false,
                        m("cluster-watcher", s(1, FRESH, ready), "storage",
                                s(1, FRESH, new Condition("Ready", ConditionStatus.False, "WaitingForGateways",
                                        "edge Gateway has no address yet", NOW, 1))), Phase.Provisioning),
                Arguments.of("a watcher still syncing its informers is Provisioning, not Degraded", 1L, false,
                        m("cluster-watcher", s(1, FRESH, new Condition("Ready", ConditionStatus.False, "Syncing",
                                "informers are listing", NOW, 1)), "storage", s(1, FRESH, ready)), Phase.Provisioning),
                Arguments.of("a stale Ready never counts", 1L, false,
                        m("cluster-watcher", s(1, FRESH, ready), "storage", s(1, OLD, ready)), Phase.Provisioning),
                Arguments.of("a stale Ready=False is Unknown, not Degraded", 1L, false,
                        m("cluster-watcher", s(1, FRESH, ready), "storage", s(1, OLD, notReady)), Phase.Provisioning));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void computesThePhase(String behaviour, long generation, boolean deleting, Map<String, ComponentStatus> reported, Phase expected) {
        assertThat(PhaseRules.evaluate(generation, deleting, reported, EXPECTED, NOW, STALE).phase()).isEqualTo(expected);
    }

    @Test
    void componentsAreShownInTheOrderOfTheExpectedListThenByName() {
        var ready = c("Ready", ConditionStatus.True);
        var ev = PhaseRules.evaluate(1, false, m("certificates", s(1, FRESH, ready), "zeta", s(1, FRESH, ready),
                        "dns", s(1, FRESH, ready), "alpha", s(1, FRESH, ready), "gateways", s(1, FRESH, ready)),
                List.of("gateways", "dns", "certificates"), NOW, STALE);
        assertThat(ev.components().keySet()).containsExactly("gateways", "dns", "certificates", "alpha", "zeta");
    }

    @Test
    void aStaleComponentIsShownWithReadyUnknownStatusStale() {
        var ev = PhaseRules.evaluate(1, false, m("storage", s(1, OLD, c("Ready", ConditionStatus.True), c("Other", ConditionStatus.True))),
                EXPECTED, NOW, STALE);
        var shown = ev.components().get("storage").conditions();
        assertThat(shown).anySatisfy(x -> {
            assertThat(x.type()).isEqualTo("Ready");
            assertThat(x.status()).isEqualTo(ConditionStatus.Unknown);
            assertThat(x.reason()).isEqualTo("StatusStale");
        });
        assertThat(shown).anySatisfy(x -> assertThat(x.type()).isEqualTo("Other"));
    }

    @Test
    void aFreshComponentIsShownAsReported() {
        var st = s(1, FRESH, c("Ready", ConditionStatus.True));
        assertThat(PhaseRules.evaluate(1, false, m("storage", st), EXPECTED, NOW, STALE).components().get("storage")).isEqualTo(st);
    }
}
