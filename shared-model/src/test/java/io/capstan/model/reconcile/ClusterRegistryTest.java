package io.capstan.model.reconcile;

import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.PoisonEventException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sequential rows over one registry, as a replica replays capstan.clusters. */
class ClusterRegistryTest {

    static ClusterEvent alpha(long generation, boolean deleting) {
        return new ClusterEvent("alpha", Infrastructure.EKS, null, Map.of("env", "dev"), null, generation, deleting, null);
    }

    @Test
    void aClusterLifecycleIsAddedUpdatedUnchangedDeregisteredAndDeleted() {
        ClusterRegistry r = new ClusterRegistry();
        assertThat(r.apply("alpha", EventTypes.CLUSTER_REGISTERED, alpha(1, false))).isEqualTo(ClusterRegistry.Change.ADDED);
        assertThat(r.get("alpha")).contains(alpha(1, false));
        assertThat(r.apply("alpha", EventTypes.CLUSTER_REGISTERED, alpha(1, false))).as("re-delivery")
                .isEqualTo(ClusterRegistry.Change.UNCHANGED);
        assertThat(r.apply("alpha", EventTypes.CLUSTER_UPDATED, alpha(2, false))).isEqualTo(ClusterRegistry.Change.UPDATED);
        assertThat(r.apply("alpha", EventTypes.CLUSTER_UPDATED, alpha(2, false))).isEqualTo(ClusterRegistry.Change.UNCHANGED);
        assertThat(r.apply("alpha", EventTypes.CLUSTER_DEREGISTERED, alpha(3, true))).isEqualTo(ClusterRegistry.Change.DEREGISTERED);
        assertThat(r.get("alpha").orElseThrow().deleting()).isTrue();
        assertThat(r.apply("alpha", EventTypes.CLUSTER_DEREGISTERED, alpha(3, true))).isEqualTo(ClusterRegistry.Change.UNCHANGED);
        assertThat(r.names()).containsExactly("alpha");
        assertThat(r.apply("alpha", EventTypes.CLUSTER_DELETED, null)).isEqualTo(ClusterRegistry.Change.DELETED);
        assertThat(r.get("alpha")).isEmpty();
        assertThat(r.apply("alpha", EventTypes.CLUSTER_DELETED, null)).as("replayed tombstone")
                .isEqualTo(ClusterRegistry.Change.UNCHANGED);
        assertThat(r.names()).isEmpty();
    }

    @Test
    void aReplayStartingAtADeregistrationReportsItAsSuch() {
        ClusterRegistry r = new ClusterRegistry();
        assertThat(r.apply("alpha", EventTypes.CLUSTER_UPDATED, alpha(3, true))).isEqualTo(ClusterRegistry.Change.DEREGISTERED);
    }

    @Test
    void forgetDropsAClusterOfARevokedPartition() {
        ClusterRegistry r = new ClusterRegistry();
        r.apply("alpha", EventTypes.CLUSTER_REGISTERED, alpha(1, false));
        r.forget("alpha");
        assertThat(r.get("alpha")).isEmpty();
        assertThat(r.apply("alpha", EventTypes.CLUSTER_REGISTERED, alpha(1, false))).isEqualTo(ClusterRegistry.Change.ADDED);
    }

    @Test
    void poisonRecordsAreRefusedAndChangeNothing() {
        ClusterRegistry r = new ClusterRegistry();
        r.apply("alpha", EventTypes.CLUSTER_REGISTERED, alpha(1, false));
        assertPoison(() -> r.apply("alpha", EventTypes.RESOURCE_CHANGED, alpha(2, false)), "UnknownEventType");
        assertPoison(() -> r.apply("alpha", null, alpha(2, false)), "UnknownEventType");
        assertPoison(() -> r.apply(null, EventTypes.CLUSTER_UPDATED, alpha(2, false)), "MissingKey");
        assertPoison(() -> r.apply("", EventTypes.CLUSTER_UPDATED, alpha(2, false)), "MissingKey");
        assertPoison(() -> r.apply("alpha", EventTypes.CLUSTER_UPDATED, null), "MalformedPayload");
        assertPoison(() -> r.apply("beta", EventTypes.CLUSTER_UPDATED, alpha(2, false)), "KeyMismatch");
        assertThat(r.get("alpha")).contains(alpha(1, false));
        assertThat(r.names()).containsExactly("alpha");
    }

    private static void assertPoison(Runnable r, String reason) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(PoisonEventException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
