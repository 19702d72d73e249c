package io.capstan.storage.scenario;

import io.capstan.model.Topics;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.kafka.ClusterPartitioner;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.Conditions;
import io.capstan.model.status.StatusEvent;
import io.capstan.sandbox.junit.SandboxCluster;
import io.capstan.sandbox.junit.SandboxResource;
import io.capstan.sandbox.junit.TopicRecorder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The status ledger is seeded from {@code capstan.status} when partitions are (re)assigned, so the service after a
 * restart or a rebalance publishes no duplicate of an unchanged entry and tombstones what a previous run left for an
 * object that no longer exists. The (re)assignment is a real rebalance of group {@code capstan-storage}: a second
 * member joins, takes the cluster's partition away (the service drops that part of its ledger, exactly the state of
 * a freshly started process), a status entry of a claim that does not exist is produced meanwhile (as if left by a
 * previous run), and the member leaves, so the service is assigned the partition again.
 */
@QuarkusTest
@QuarkusTestResource(SandboxResource.class)
class StatusSeedTest {

    static final String CLUSTER = "mike";
    static final String GHOST = CLUSTER + "/storage/PersistentVolumeClaim/default/ghost";

    static Fleet fleet;

    @BeforeAll
    static void start() {
        fleet = new Fleet();
    }

    @AfterAll
    static void stop() {
        fleet.close();
    }

    /** Records on capstan.status per key of the cluster (tombstones included). */
    static Map<String, Long> recordsPerKey() {
        return fleet.status.all().stream().filter(r -> r.key().startsWith(CLUSTER + "/"))
                .collect(Collectors.groupingBy(TopicRecorder.Rec::key, TreeMap::new, Collectors.counting()));
    }

    @Test
    void afterReassignmentAStaleEntryIsTombstonedAndNoUnchangedKeyIsPublishedAgain() {
        SandboxCluster mike = fleet.cluster(CLUSTER);
        try (KubernetesClient c = mike.client()) {
            c.persistentVolumeClaims().inNamespace("default").resource(new PersistentVolumeClaimBuilder().withNewMetadata()
                    .withName("data").withNamespace("default").endMetadata().withNewSpec().withAccessModes("ReadWriteOnce")
                    .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources().endSpec().build())
                    .createOr(r -> r.update());
            assertThat(c.persistentVolumeClaims().inNamespace("default").withName("ghost").get()).isNull();
        }
        fleet.register(Fleet.event(CLUSTER, Infrastructure.STANDALONE, Fleet.SANDBOX_STORAGE, 1, false));
        String data = CLUSTER + "/storage/PersistentVolumeClaim/default/data";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            StatusEvent comp = fleet.status(CLUSTER + "/storage").orElseThrow(() -> new AssertionError("no component entry"));
            assertThat(Conditions.isTrue(comp.conditions(), Conditions.READY)).isTrue();
            assertThat(fleet.status(data)).isPresent();
            assertThat(fleet.status(CLUSTER + "/storage/StorageClass/_/capstan-standard")).isPresent();
        });
        Map<String, Long> before = recordsPerKey();

        int partitions = fleet.producer.partitionsFor(Topics.CLUSTERS).size();
        int partition = ClusterPartitioner.partitionFor(CLUSTER, partitions);
        try (KafkaConsumer<String, String> member = memberHolding(new TopicPartition(Topics.CLUSTERS, partition))) {
            // the service does not own the cluster now: a previous run's entry of a claim that no longer exists
            StatusEvent ghost = new StatusEvent(CLUSTER, "storage",
                    new StatusEvent.Subject("v1", "PersistentVolumeClaim", "default", "ghost"), 0, Instant.now(),
                    List.of(new Condition(Conditions.READY, ConditionStatus.False, "Provisioning", "left by a previous run",
                            Instant.now(), 0)), Fleet.read("{\"phase\":\"Pending\"}"));
            fleet.send(Topics.STATUS, GHOST, EventTypes.STATUS_CHANGED, Json.write(ghost));
            await().atMost(Duration.ofSeconds(10)).until(() -> fleet.status(GHOST).isPresent());
        } // the member leaves: the service is assigned the partition again, seeds its ledger, reconciles the cluster

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(fleet.withdrawn(GHOST)).isTrue());
        assertThat(fleet.status.all()).filteredOn(r -> r.key().equals(GHOST) && r.value() == null).singleElement()
                .satisfies(r -> assertThat(r.headers()).containsEntry("ce_type", EventTypes.STATUS_REMOVED)
                        .containsEntry("ce_source", "/capstan/storage"));
        // the pass that withdrew the ghost sent its other records (if any) before the tombstone, on the same partition
        Map<String, Long> after = recordsPerKey();
        after.remove(GHOST);
        assertThat(after).as("records per unchanged key after the re-assignment").isEqualTo(before);
    }

    /**
     * Joins group {@code capstan-storage} as a second member (range assignment like the service) until it is assigned
     * {@code wanted}. The range assignor gives the lower partitions to the member id that sorts first, so the member's
     * client id is chosen to sort before or after the service's; the other one is tried if needed.
     */
    static KafkaConsumer<String, String> memberHolding(TopicPartition wanted) {
        int partitions = fleet.producer.partitionsFor(Topics.CLUSTERS).size();
        List<String> ids = wanted.partition() < (partitions + 1) / 2 ? List.of("0-capstan-test-member", "zz-capstan-test-member")
                : List.of("zz-capstan-test-member", "0-capstan-test-member");
        for (String id : ids) {
            KafkaConsumer<String, String> member = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fleet.sandbox.kafkaBootstrap(),
                    ConsumerConfig.GROUP_ID_CONFIG, "capstan-storage",
                    ConsumerConfig.CLIENT_ID_CONFIG, id,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName()),
                    new StringDeserializer(), new StringDeserializer());
            member.subscribe(List.of(Topics.CLUSTERS, Topics.RESOURCES));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                member.poll(Duration.ofMillis(200));
                return !member.assignment().isEmpty();
            });
            if (member.assignment().contains(wanted)) {
                return member;
            }
            member.close();
        }
        throw new AssertionError("no test member was assigned " + wanted);
    }
}
