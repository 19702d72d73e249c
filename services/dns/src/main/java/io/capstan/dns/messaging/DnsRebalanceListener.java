package io.capstan.dns.messaging;

import io.capstan.dns.reconcile.DnsRuntime;
import io.capstan.model.Topics;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The co-partitioned rebalance listener of {@code dns-in} ({@link io.capstan.kit.messaging.ClusterAssignment}): replays
 * {@code capstan.clusters} and {@code capstan.resources} from their beginning on every assignment, after noting the
 * end offsets of the resources partitions so that passes wait for their replay ({@link ReplayProgress}).
 */
@ApplicationScoped
@Identifier("dns-rebalance")
public class DnsRebalanceListener implements KafkaConsumerRebalanceListener {

    @Inject
    DnsRuntime runtime;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        List<TopicPartition> resources = partitions.stream().filter(p -> p.topic().equals(Topics.RESOURCES)).toList();
        if (!resources.isEmpty()) {
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(resources);
            Map<TopicPartition, Long> end = consumer.endOffsets(resources);
            Map<Integer, long[]> offsets = new HashMap<>();
            for (TopicPartition p : resources) {
                offsets.put(p.partition(), new long[]{begin.getOrDefault(p, 0L), end.getOrDefault(p, 0L)});
            }
            runtime.replaying(offsets, consumer.partitionsFor(Topics.RESOURCES).size());
        }
        runtime.assignment().onAssigned(consumer, partitions);
        resources.forEach(p -> runtime.enqueuePartition(p.partition()));
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        runtime.assignment().onRevoked(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        runtime.assignment().onLost(partitions);
    }
}
