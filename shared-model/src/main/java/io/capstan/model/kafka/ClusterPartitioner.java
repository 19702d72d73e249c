package io.capstan.model.kafka;

import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Sends every record of one workload cluster to one partition, so ordering holds per cluster and a consumer-group
 * replica that owns a partition owns all of its clusters (ARCHITECTURE.md, "How a change flows").
 *
 * <p>The partition is murmur2 of the cluster name (the record key up to its first {@code /}), as Kafka's default
 * partitioner hashes whole keys. Set it on a producer with {@code partitioner.class}; SmallRye channels take
 * {@code mp.messaging.outgoing.<channel>.partitioner.class}.
 */
public class ClusterPartitioner implements Partitioner {

    /**
     * The partition of a record key among {@code partitions} partitions.
     *
     * @param key        record key, {@code cluster} or {@code cluster/...}; null goes to partition 0
     * @param partitions number of partitions, at least 1
     */
    public static int partitionFor(String key, int partitions) {
        if (key == null || partitions <= 1) {
            return 0;
        }
        return Utils.toPositive(Utils.murmur2(clusterOf(key).getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The cluster name of a record key: everything before the first {@code /}. */
    public static String clusterOf(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? key : key.substring(0, slash);
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        int partitions = cluster.partitionCountForTopic(topic) == null ? 1 : cluster.partitionCountForTopic(topic);
        String k = key instanceof String s ? s : keyBytes == null ? null : new String(keyBytes, StandardCharsets.UTF_8);
        return partitionFor(k, partitions);
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
