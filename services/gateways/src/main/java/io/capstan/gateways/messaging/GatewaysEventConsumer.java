package io.capstan.gateways.messaging;

import io.capstan.gateways.reconcile.GatewaysRuntime;
import io.capstan.model.event.PoisonEventException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The one incoming channel {@code gateways-in} on {@code capstan.clusters} and {@code capstan.resources} (group
 * {@code capstan-gateways}, range assignment, co-partitioned by cluster). Routes and enqueues through the kit's
 * {@link io.capstan.kit.messaging.EventRouter#handle}; a {@link PoisonEventException} nacks the record, which the
 * channel's dead-letter-queue strategy sends to {@code capstan.dlq}; the next record flows on.
 */
@ApplicationScoped
public class GatewaysEventConsumer {

    @Inject
    GatewaysRuntime runtime;

    /**
     * Handles one record.
     *
     * @throws PoisonEventException for a record that can never be processed
     */
    @Incoming("gateways-in")
    public void consume(ConsumerRecord<String, String> record) {
        runtime.router().handle(record, runtime::enqueue);
    }
}
