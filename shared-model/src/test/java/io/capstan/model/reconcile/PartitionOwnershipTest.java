package io.capstan.model.reconcile;

import io.capstan.model.kafka.ClusterPartitioner;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionOwnershipTest {

    @Test
    void nothingIsOwnedBeforeTheFirstAssignment() {
        PartitionOwnership o = new PartitionOwnership();
        assertThat(o.owns("alpha")).isFalse();
        assertThat(o.partitions()).isEmpty();
    }

    @Test
    void aReplicaOwnsExactlyTheClustersOfItsPartitions() {
        PartitionOwnership o = new PartitionOwnership();
        o.assigned(List.of(0, 2, 4), 6);
        for (int i = 0; i < 100; i++) {
            String c = "cluster-" + i;
            assertThat(o.owns(c)).as(c).isEqualTo(ClusterPartitioner.partitionFor(c, 6) % 2 == 0);
        }
        assertThat(o.partitions()).containsExactlyInAnyOrder(0, 2, 4);
    }

    @Test
    void twoReplicasSplitTheFleetWithoutOverlapAndARebalanceMovesClusters() {
        PartitionOwnership a = new PartitionOwnership();
        PartitionOwnership b = new PartitionOwnership();
        a.assigned(List.of(0, 1, 2), 6);
        b.assigned(List.of(3, 4, 5), 6);
        List<String> clusters = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            clusters.add("c-" + i);
        }
        for (String c : clusters) {
            assertThat(a.owns(c) ^ b.owns(c)).as(c).isTrue();
        }
        a.assigned(Set.of(), 6);
        b.assigned(Set.of(0, 1, 2, 3, 4, 5), 6);
        for (String c : clusters) {
            assertThat(a.owns(c)).isFalse();
            assertThat(b.owns(c)).isTrue();
        }
    }

    @Test
    void theAssignmentIsCopied() {
        PartitionOwnership o = new PartitionOwnership();
        List<Integer> parts = new ArrayList<>(List.of(1));
        o.assigned(parts, 6);
        parts.add(2);
        assertThat(o.partitions()).containsExactly(1);
    }
}
