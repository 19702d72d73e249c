package io.capstan.gateways.messaging;

import io.capstan.gateways.reconcile.GatewaysRuntime;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;

/**
 * The channel's rebalance listener ({@code consumer-rebalance-listener.name=gateways-rebalance}): delegates to the
 * kit's {@link io.capstan.kit.messaging.ClusterAssignment} (replay of capstan.clusters, status seed before ownership,
 * forgetting clusters no longer owned).
 */
@ApplicationScoped
@Identifier("gateways-rebalance")
public class GatewaysRebalanceListener implements KafkaConsumerRebalanceListener {

    @Inject
    GatewaysRuntime runtime;

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
