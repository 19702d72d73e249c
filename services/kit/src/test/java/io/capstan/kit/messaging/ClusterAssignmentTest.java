package io.capstan.kit.messaging;

import io.capstan.model.Topics;
import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.event.EventTypes;
import io.capstan.model.kafka.ClusterPartitioner;
import io.capstan.model.reconcile.ClusterRegistry;
import io.capstan.model.reconcile.PartitionOwnership;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Pure test of the ownership protocol: seed before own, forget on revocation, the status left alone. */
class ClusterAssignmentTest {

    private static final int PARTITIONS = 6;

    private final ClusterRegistry registry = new ClusterRegistry();
    private final PartitionOwnership ownership = new PartitionOwnership();
    private final List<String> log = new ArrayList<>();
    private final ClusterAssignment assignment = new ClusterAssignment("demo", registry, ownership, new ClusterAssignment.Hooks() {
        @Override
        public void seed(Set<Integer> gained, int partitionCount) {
            log.add("seed " + new java.util.TreeSet<>(gained) + " owned-before=" + new java.util.TreeSet<>(ownership.partitions()));
        }

        @Override
        public void forget(Predicate<String> notOwned, List<String> forgotten) {
            log.add("forget " + forgotten.stream().sorted().toList());
        }
    });

    /** Two cluster names on different partitions. */
    private static final List<String> NAMES = IntStream.range(0, 100).mapToObj(i -> "c" + i).toList();
    private final String a = NAMES.get(0);
    private final String b = NAMES.stream().filter(n -> partition(n) != partition(a)).findFirst().orElseThrow();

    private static int partition(String cluster) {
        return ClusterPartitioner.partitionFor(cluster, PARTITIONS);
    }

    private void register(String name) {
        registry.apply(name, EventTypes.CLUSTER_REGISTERED,
                new ClusterEvent(name, Infrastructure.EKS, null, Map.of(), null, 1, false, null));
    }

    @Test
    void gainedPartitionsAreSeededBeforeTheyAreOwnedAndOnlyOnce() {
        assignment.gained(List.of(partition(a)), PARTITIONS);
        assertThat(log).containsExactly("seed [" + partition(a) + "] owned-before=[]", "forget []");
        assertThat(ownership.owns(a)).isTrue();
        assertThat(ownership.owns(b)).isFalse();

        log.clear();
        assignment.gained(List.of(partition(a), partition(b)), PARTITIONS);
        assertThat(log).as("only the new partition is seeded").containsExactly(
                "seed [" + partition(b) + "] owned-before=[" + partition(a) + "]", "forget []");
        assertThat(ownership.owns(b)).isTrue();
        assertThat(assignment.partitionCount()).isEqualTo(PARTITIONS);
    }

    @Test
    void revokedPartitionsForgetTheirClustersAndKeepTheOthers() {
        assignment.gained(List.of(partition(a), partition(b)), PARTITIONS);
        register(a);
        register(b);
        log.clear();
        assignment.onRevoked(List.of(new TopicPartition(Topics.CLUSTERS, partition(b)),
                new TopicPartition(Topics.RESOURCES, partition(a))));
        assertThat(log).containsExactly("forget [" + b + "]");
        assertThat(registry.names()).containsExactly(a);
        assertThat(ownership.owns(a)).as("a resources partition does not decide ownership").isTrue();
        assertThat(ownership.owns(b)).isFalse();

        log.clear();
        assignment.onLost(List.of(new TopicPartition(Topics.CLUSTERS, partition(a))));
        assertThat(log).containsExactly("forget [" + a + "]");
        assertThat(registry.names()).isEmpty();
        assertThat(ownership.partitions()).isEmpty();
    }

    @Test
    void aFailingSeedDoesNotBlockTheAssignment() {
        ClusterAssignment failing = new ClusterAssignment("demo", registry, ownership, new ClusterAssignment.Hooks() {
            @Override
            public void seed(Set<Integer> gained, int partitionCount) {
                throw new IllegalStateException("broker away");
            }
        });
        failing.gained(List.of(partition(a)), PARTITIONS);
        assertThat(ownership.owns(a)).isTrue();
    }
}
