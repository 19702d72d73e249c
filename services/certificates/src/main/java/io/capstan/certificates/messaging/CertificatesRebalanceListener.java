package io.capstan.certificates.messaging;

import io.capstan.certificates.reconcile.CertificatesRuntime;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;

/**
 * Delegates the channel's rebalances to the kit's {@link io.capstan.kit.messaging.ClusterAssignment}: replay
 * {@code capstan.clusters} from the beginning, seed the status ledger, own the partitions, forget the clusters of
 * revoked ones (their renewals move with them: the new owner recomputes them from the clusters' state).
 */
@ApplicationScoped
@Identifier("certificates-rebalance")
public class CertificatesRebalanceListener implements KafkaConsumerRebalanceListener {

    @Inject
    CertificatesRuntime runtime;

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
