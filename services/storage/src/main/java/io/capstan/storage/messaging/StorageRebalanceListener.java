package io.capstan.storage.messaging;

import io.capstan.model.Topics;
import io.capstan.storage.reconcile.StorageRuntime;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps {@link io.capstan.model.reconcile.PartitionOwnership} equal to this replica's partitions of
 * {@code capstan.clusters} and replays that compacted topic from its beginning on every assignment, so the
 * {@link io.capstan.model.reconcile.ClusterRegistry} is rebuilt after a restart or a rebalance (COMMON.md,
 * "co-partitioned ownership"). Before newly assigned partitions become owned, the status ledger is seeded from
 * {@code capstan.status} ({@link StorageRuntime#seed}); this runs on the consumer's thread inside the rebalance, so
 * no record of those partitions is handled and no pass of their clusters runs before the seed is loaded. Clusters no
 * longer owned are forgotten.
 */
@ApplicationScoped
@Identifier("storage-rebalance")
public class StorageRebalanceListener implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(StorageRebalanceListener.class);

    @Inject
    StorageRuntime runtime;

    private volatile int partitionCount;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        List<TopicPartition> clusters = partitions.stream().filter(p -> p.topic().equals(Topics.CLUSTERS)).toList();
        consumer.seekToBeginning(clusters);
        partitionCount = consumer.partitionsFor(Topics.CLUSTERS).size();
        Set<Integer> owned = new HashSet<>(runtime.ownership().partitions());
        List<Integer> gained = clusters.stream().map(TopicPartition::partition).filter(p -> !owned.contains(p)).toList();
        // seed first, own second: a pass of a cluster runs only once the ledger knows what capstan.status holds for it
        runtime.seed(gained, partitionCount);
        owned.addAll(gained);
        runtime.assigned(owned, partitionCount);
        LOG.infof("assigned capstan.clusters partitions %s of %d; replaying them", owned, partitionCount);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Set<Integer> owned = new HashSet<>(runtime.ownership().partitions());
        partitions.stream().filter(p -> p.topic().equals(Topics.CLUSTERS)).forEach(p -> owned.remove(p.partition()));
        runtime.assigned(owned, partitionCount);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevoked(consumer, partitions);
    }
}
