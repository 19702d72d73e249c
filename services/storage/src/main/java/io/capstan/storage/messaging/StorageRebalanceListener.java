package io.capstan.storage.messaging;

import io.capstan.storage.reconcile.StorageRuntime;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;

/**
 * The channel's rebalance listener ({@code consumer-rebalance-listener.name=storage-rebalance}): delegates to the
 * kit's {@link io.capstan.kit.messaging.ClusterAssignment}, which replays {@code capstan.clusters} from its beginning
 * on every assignment, seeds the status ledger from {@code capstan.status} before newly assigned partitions become
 * owned, and forgets the clusters no longer owned (COMMON.md, "co-partitioned ownership"). Runs on the consumer's
 * thread inside the rebalance.
 */
@ApplicationScoped
@Identifier("storage-rebalance")
public class StorageRebalanceListener implements KafkaConsumerRebalanceListener {

    @Inject
    StorageRuntime runtime;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        runtime.assignment().onAssigned(consumer, partitions);
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
