package io.capstan.watcher.messaging;

import io.capstan.model.Topics;
import io.capstan.watcher.cluster.ClusterWatchers;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.List;

/**
 * Co-partitioned ownership (COMMON.md): on every assignment, seeks the {@code capstan.clusters} partitions to the
 * beginning (the compacted topic is replayed into the registry) and records the partitions this replica owns.
 */
@ApplicationScoped
@Identifier(ClusterRebalanceListener.NAME)
public class ClusterRebalanceListener implements KafkaConsumerRebalanceListener {

    /** Name used in {@code mp.messaging.incoming.clusters.consumer-rebalance-listener.name}. */
    public static final String NAME = "capstan-cluster-watcher.rebalancer";

    private static final Logger LOG = Logger.getLogger(ClusterRebalanceListener.class);

    @Inject
    ClusterWatchers watchers;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        List<TopicPartition> clusters = partitions.stream().filter(tp -> tp.topic().equals(Topics.CLUSTERS)).toList();
        consumer.seekToBeginning(clusters);
        int count = consumer.partitionsFor(Topics.CLUSTERS).size();
        // the full current assignment, not only the newly added partitions (cooperative protocols pass a delta)
        List<Integer> owned = consumer.assignment().stream().filter(tp -> tp.topic().equals(Topics.CLUSTERS))
                .map(TopicPartition::partition).toList();
        watchers.assigned(owned, count);
        LOG.infof("assigned capstan.clusters partitions %s of %d", owned, count);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        List<Integer> remaining = consumer.assignment().stream()
                .filter(tp -> tp.topic().equals(Topics.CLUSTERS) && !partitions.contains(tp))
                .map(TopicPartition::partition).toList();
        watchers.assigned(remaining, consumer.partitionsFor(Topics.CLUSTERS).size());
    }
}
