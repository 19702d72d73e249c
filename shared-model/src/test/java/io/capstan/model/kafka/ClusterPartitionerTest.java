package io.capstan.model.kafka;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterPartitionerTest {

    static final int PARTITIONS = 6;

    static List<String> keysOf(String cluster) {
        return List.of(cluster,
                cluster + "/storage",
                cluster + "/storage/StorageClass/_/fast",
                cluster + "/core/ConfigMap/apps/cm",
                cluster + "/storage.k8s.io/StorageClass/_/fast",
                cluster + "/cluster-watcher");
    }

    @Test
    void everyKeyOfOneClusterGoesToTheSamePartition() {
        for (int i = 0; i < 200; i++) {
            String cluster = "cluster-" + i;
            int p = ClusterPartitioner.partitionFor(cluster, PARTITIONS);
            for (String key : keysOf(cluster)) {
                assertThat(ClusterPartitioner.partitionFor(key, PARTITIONS)).as(key).isEqualTo(p);
            }
        }
    }

    @Test
    void thePartitionIsWhatKafkasDefaultPartitionerGivesForTheBareClusterName() {
        for (int i = 0; i < 200; i++) {
            String cluster = "c" + i;
            int kafka = BuiltInPartitioner.partitionForKey(cluster.getBytes(StandardCharsets.UTF_8), PARTITIONS);
            assertThat(ClusterPartitioner.partitionFor(cluster + "/core/Pod/ns/p", PARTITIONS)).isEqualTo(kafka);
        }
    }

    @Test
    void clustersSpreadOverEveryPartition() {
        int[] counts = new int[PARTITIONS];
        for (int i = 0; i < 600; i++) {
            counts[ClusterPartitioner.partitionFor("cluster-" + i, PARTITIONS)]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(50, 150);
        }
    }

    @Test
    void nullKeysAndSinglePartitionTopicsGoToPartitionZero() {
        assertThat(ClusterPartitioner.partitionFor(null, PARTITIONS)).isZero();
        assertThat(ClusterPartitioner.partitionFor("alpha", 1)).isZero();
        assertThat(ClusterPartitioner.clusterOf("alpha/storage/x")).isEqualTo("alpha");
        assertThat(ClusterPartitioner.clusterOf("alpha")).isEqualTo("alpha");
    }

    @Test
    void theProducerPluginUsesTheTopicsPartitionCountAndStringOrByteKeys() {
        Node node = new Node(0, "localhost", 9092);
        List<PartitionInfo> parts = new ArrayList<>();
        for (int i = 0; i < PARTITIONS; i++) {
            parts.add(new PartitionInfo("capstan.status", i, node, new Node[]{node}, new Node[]{node}));
        }
        Cluster metadata = new Cluster("id", List.of(node), parts, Set.of(), Set.of());
        try (ClusterPartitioner partitioner = new ClusterPartitioner()) {
            partitioner.configure(java.util.Map.of());
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                String key = "cl-" + i + "/storage";
                int expected = ClusterPartitioner.partitionFor("cl-" + i, PARTITIONS);
                byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
                assertThat(partitioner.partition("capstan.status", key, bytes, null, null, metadata)).isEqualTo(expected);
                assertThat(partitioner.partition("capstan.status", bytes, bytes, null, null, metadata)).isEqualTo(expected);
                seen.add(expected);
            }
            assertThat(seen).hasSize(PARTITIONS);
            assertThat(partitioner.partition("unknown.topic", "alpha", null, null, null, metadata)).isZero();
        }
    }
}
