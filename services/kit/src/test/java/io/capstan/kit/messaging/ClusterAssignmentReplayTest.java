package io.capstan.kit.messaging;

import io.capstan.model.Topics;
import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.kafka.CloudEventPublisher;
import io.capstan.model.kafka.ClusterPartitioner;
import io.capstan.model.reconcile.ClusterRegistry;
import io.capstan.model.reconcile.PartitionOwnership;
import io.capstan.sandbox.junit.Sandbox;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Against the sandbox's real Kafka broker: a consumer whose rebalance listener delegates to {@link ClusterAssignment}
 * replays {@code capstan.clusters} from its beginning even when its group would start at the end, seeds before it
 * owns, and forgets the clusters once the partitions are revoked.
 */
class ClusterAssignmentReplayTest {

    private final Sandbox sandbox = Sandbox.shared();

    @Test
    void anAssignmentReplaysTheCompactedClustersTopicSeedsThenOwnsAndARevocationForgets() throws Exception {
        String name = "kit-replay-" + UUID.randomUUID().toString().substring(0, 8);
        try (CloudEventPublisher publisher = CloudEventPublisher.to(sandbox.kafkaBootstrap(), "kit-test", "/capstan/test",
                Clock.systemUTC())) {
            publisher.sendAll(List.of(new CloudEventPublisher.Outgoing(Topics.CLUSTERS, name, EventTypes.CLUSTER_REGISTERED,
                    Json.write(new ClusterEvent(name, Infrastructure.EKS, null, Map.of(), null, 1, false, null)))),
                    Duration.ofSeconds(30));
        }
        ClusterRegistry registry = new ClusterRegistry();
        PartitionOwnership ownership = new PartitionOwnership();
        List<String> log = new CopyOnWriteArrayList<>();
        ClusterAssignment assignment = new ClusterAssignment("kit-test", registry, ownership, new ClusterAssignment.Hooks() {
            @Override
            public void seed(Set<Integer> gained, int partitionCount) {
                log.add("seed " + gained.size() + " of " + partitionCount + " owned " + ownership.partitions().size());
            }

            @Override
            public void forget(java.util.function.Predicate<String> notOwned, List<String> forgotten) {
                log.add("forget " + forgotten);
            }
        });
        EventRouter<String> router = EventRouter.byCluster("kit-test", registry).build();
        List<String> enqueued = new CopyOnWriteArrayList<>();

        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "kit-test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"); // only the seek can bring the record back
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(Topics.CLUSTERS), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    assignment.onAssigned(consumer, partitions);
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    assignment.onRevoked(partitions);
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    assignment.onLost(partitions);
                }
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> router.handle(r, enqueued::add));
                return registry.get(name).isPresent();
            });
            assertThat(enqueued).contains(name);
            assertThat(ownership.owns(name)).isTrue();
            assertThat(log.get(0)).as("seeded before owned").isEqualTo("seed 6 of 6 owned 0");
            assertThat(assignment.partitionCount()).isEqualTo(6);

            consumer.unsubscribe(); // revokes every partition
            assertThat(registry.get(name)).isEmpty();
            assertThat(ownership.owns(name)).isFalse();
            assertThat(log).anySatisfy(l -> assertThat(l).startsWith("forget [").contains(name));
            assertThat(ClusterPartitioner.partitionFor(name, 6)).isBetween(0, 5);
        }
    }
}
