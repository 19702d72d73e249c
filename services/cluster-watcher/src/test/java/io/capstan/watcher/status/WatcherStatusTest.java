package io.capstan.watcher.status;

import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.Conditions;
import io.capstan.model.status.StatusEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Status decisions take the time as input: no Quarkus needed. */
class WatcherStatusTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private final WatcherStatus status = new WatcherStatus("alpha", Duration.ofSeconds(60));

    private static Condition cond(StatusEvent e, String type) {
        return Conditions.find(e.conditions(), type).orElseThrow();
    }

    @Test
    void firstPassPublishesReachableAndReady() {
        StatusEvent e = status.next(ClusterHealth.WATCHING, null, 3, T0).orElseThrow();
        assertThat(e.key()).isEqualTo("alpha/cluster-watcher");
        assertThat(e.subject()).isNull();
        assertThat(e.observedGeneration()).isEqualTo(3);
        assertThat(cond(e, WatcherStatus.CLUSTER_REACHABLE).status()).isEqualTo(ConditionStatus.True);
        assertThat(cond(e, WatcherStatus.CLUSTER_REACHABLE).reason()).isEqualTo("Reachable");
        assertThat(cond(e, Conditions.READY).status()).isEqualTo(ConditionStatus.True);
        assertThat(cond(e, Conditions.READY).observedGeneration()).isEqualTo(3);
    }

    @Test
    void unchangedPassWithinTheHeartbeatPublishesNothing() {
        status.next(ClusterHealth.WATCHING, null, 1, T0);
        assertThat(status.next(ClusterHealth.WATCHING, null, 1, T0.plusSeconds(5))).isEmpty();
        assertThat(status.next(ClusterHealth.WATCHING, null, 1, T0.plusSeconds(59))).isEmpty();
    }

    @Test
    void unchangedStatusIsRepublishedWhenTheHeartbeatIsDueKeepingTransitionTime() {
        status.next(ClusterHealth.WATCHING, null, 1, T0);
        Optional<StatusEvent> e = status.next(ClusterHealth.WATCHING, null, 1, T0.plusSeconds(60));
        assertThat(e).isPresent();
        assertThat(cond(e.get(), Conditions.READY).lastTransitionTime()).isEqualTo(T0);
    }

    @Test
    void unreachablePublishesFalseWithReasonAndNewTransitionTime() {
        status.next(ClusterHealth.WATCHING, null, 1, T0);
        StatusEvent e = status.next(ClusterHealth.UNREACHABLE, "API server did not answer", 1, T0.plusSeconds(2)).orElseThrow();
        Condition c = cond(e, WatcherStatus.CLUSTER_REACHABLE);
        assertThat(c.status()).isEqualTo(ConditionStatus.False);
        assertThat(c.reason()).isEqualTo("Unreachable");
        assertThat(c.lastTransitionTime()).isEqualTo(T0.plusSeconds(2));
        assertThat(cond(e, Conditions.READY).reason()).isEqualTo("Unreachable");
    }

    @Test
    void kubeconfigProblemsHaveTheirOwnReasons() {
        assertThat(cond(status.next(ClusterHealth.KUBECONFIG_MISSING, "no Secret", 1, T0).orElseThrow(),
                WatcherStatus.CLUSTER_REACHABLE).reason()).isEqualTo("KubeconfigMissing");
        assertThat(cond(status.next(ClusterHealth.KUBECONFIG_INVALID, "not YAML", 1, T0).orElseThrow(),
                WatcherStatus.CLUSTER_REACHABLE).reason()).isEqualTo("KubeconfigInvalid");
    }

    @Test
    void newGenerationIsAChange() {
        status.next(ClusterHealth.WATCHING, null, 1, T0);
        assertThat(status.next(ClusterHealth.WATCHING, null, 2, T0.plusSeconds(1))).isPresent();
    }

    @Test
    void finalizedCarriesFinalizedTrueAndReadyFalseDeleting() {
        status.next(ClusterHealth.WATCHING, null, 4, T0);
        StatusEvent e = status.next(ClusterHealth.FINALIZED, null, 5, T0.plusSeconds(1)).orElseThrow();
        assertThat(cond(e, Conditions.FINALIZED).status()).isEqualTo(ConditionStatus.True);
        assertThat(cond(e, Conditions.FINALIZED).reason()).isEqualTo("CleanedUp");
        assertThat(cond(e, Conditions.FINALIZED).observedGeneration()).isEqualTo(5);
        assertThat(cond(e, Conditions.READY).status()).isEqualTo(ConditionStatus.False);
        assertThat(cond(e, Conditions.READY).reason()).isEqualTo("Deleting");
        assertThat(e.observedGeneration()).isEqualTo(5);
    }
}
