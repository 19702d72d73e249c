package io.capstan.storage.messaging;

import io.capstan.model.Topics;
import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.event.PoisonEventException;
import io.capstan.model.reconcile.ClusterRegistry;
import io.capstan.model.resource.ResourceEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pure test of record routing: what wakes a cluster, what is ignored, what is poison. */
class StorageEventRouterTest {

    private final ClusterRegistry registry = new ClusterRegistry();
    private final io.capstan.kit.messaging.EventRouter<String> router = StorageEventRouter.create(registry,
            io.capstan.kit.messaging.EventRouter.RecordObserver.NONE);

    private static String cluster(String name, long generation) {
        return Json.write(new ClusterEvent(name, Infrastructure.EKS, null, Map.of(), null, generation, false, null));
    }

    private static String resource(String cluster, String apiVersion, String kind, String ns, String name) {
        return Json.write(new ResourceEvent(cluster, apiVersion, kind, ns, name, "uid", "1", 0, Instant.EPOCH,
                Json.MAPPER.createObjectNode()));
    }

    @Test
    void clusterRecordsWakeTheirClusterOnlyWhenTheyChangeSomething() {
        assertThat(router.route(Topics.CLUSTERS, "a", EventTypes.CLUSTER_REGISTERED, cluster("a", 1))).contains("a");
        assertThat(router.route(Topics.CLUSTERS, "a", EventTypes.CLUSTER_REGISTERED, cluster("a", 1))).isEmpty();
        assertThat(router.route(Topics.CLUSTERS, "a", EventTypes.CLUSTER_UPDATED, cluster("a", 2))).contains("a");
        assertThat(router.route(Topics.CLUSTERS, "a", EventTypes.CLUSTER_DELETED, null)).contains("a");
        assertThat(registry.get("a")).isEmpty();
    }

    @Test
    void onlyStorageKindsOfAKnownClusterWakeIt() {
        router.route(Topics.CLUSTERS, "a", EventTypes.CLUSTER_REGISTERED, cluster("a", 1));
        assertThat(router.route(Topics.RESOURCES, "a/storage.k8s.io/StorageClass/_/gp3", EventTypes.RESOURCE_CHANGED,
                resource("a", "storage.k8s.io/v1", "StorageClass", null, "gp3"))).contains("a");
        assertThat(router.route(Topics.RESOURCES, "a/storage.k8s.io/StorageClass/_/gp3", EventTypes.RESOURCE_DELETED, null)).contains("a");
        assertThat(router.route(Topics.RESOURCES, "a/core/PersistentVolumeClaim/ns/c", EventTypes.RESOURCE_DELETED, null)).contains("a");
        assertThat(router.route(Topics.RESOURCES, "a/storage.k8s.io/CSIDriver/_/x", EventTypes.RESOURCE_DELETED, null)).contains("a");
        assertThat(router.route(Topics.RESOURCES, "a/snapshot.storage.k8s.io/VolumeSnapshotClass/_/x", EventTypes.RESOURCE_DELETED, null)).contains("a");
        assertThat(router.route(Topics.RESOURCES, "a/core/Pod/ns/p", EventTypes.RESOURCE_CHANGED,
                resource("a", "v1", "Pod", "ns", "p"))).isEmpty();
        assertThat(router.route(Topics.RESOURCES, "b/storage.k8s.io/StorageClass/_/gp3", EventTypes.RESOURCE_DELETED, null))
                .as("unknown cluster").isEmpty();
    }

    @Test
    void poisonRecordsAreRejectedWithAReason() {
        router.route(Topics.CLUSTERS, "a", EventTypes.CLUSTER_REGISTERED, cluster("a", 1));
        assertThatThrownBy(() -> router.route(Topics.CLUSTERS, "a", EventTypes.CLUSTER_UPDATED, "{not json"))
                .isInstanceOfSatisfying(PoisonEventException.class, e -> assertThat(e.reason()).isEqualTo("MalformedPayload"));
        assertThatThrownBy(() -> router.route(Topics.CLUSTERS, "a", "io.capstan.cluster.exploded.v1", cluster("a", 2)))
                .isInstanceOfSatisfying(PoisonEventException.class, e -> assertThat(e.reason()).isEqualTo("UnknownEventType"));
        assertThatThrownBy(() -> router.route(Topics.CLUSTERS, "b", EventTypes.CLUSTER_UPDATED, cluster("a", 2)))
                .isInstanceOfSatisfying(PoisonEventException.class, e -> assertThat(e.reason()).isEqualTo("KeyMismatch"));
        assertThatThrownBy(() -> router.route(Topics.RESOURCES, "a/storage.k8s.io/StorageClass/_/gp3", EventTypes.STATUS_CHANGED, "{}"))
                .isInstanceOfSatisfying(PoisonEventException.class, e -> assertThat(e.reason()).isEqualTo("UnknownEventType"));
        assertThatThrownBy(() -> router.route(Topics.RESOURCES, "a/StorageClass/gp3", EventTypes.RESOURCE_DELETED, null))
                .isInstanceOfSatisfying(PoisonEventException.class, e -> assertThat(e.reason()).isEqualTo("MalformedKey"));
        assertThatThrownBy(() -> router.route(Topics.RESOURCES, "a/storage.k8s.io/StorageClass/_/gp3", EventTypes.RESOURCE_CHANGED,
                resource("a", "storage.k8s.io/v1", "StorageClass", null, "other")))
                .isInstanceOfSatisfying(PoisonEventException.class, e -> assertThat(e.reason()).isEqualTo("KeyMismatch"));
        assertThat(registry.get("a").orElseThrow().generation()).as("poison changed nothing").isEqualTo(1);
    }
}
