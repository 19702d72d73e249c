package io.capstan.storage.messaging;

import io.capstan.model.event.PoisonEventException;
import io.capstan.storage.reconcile.StorageRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The one incoming channel {@code storage-in} on {@code capstan.clusters} and {@code capstan.resources} (group
 * {@code capstan-storage}, range assignment, co-partitioned by cluster). Parses, routes and enqueues through the kit's
 * {@link io.capstan.kit.messaging.EventRouter#handle}; a thrown {@link PoisonEventException} nacks the record, which
 * the channel's dead-letter-queue strategy sends to {@code capstan.dlq}; the next record flows on.
 */
@ApplicationScoped
public class StorageEventConsumer {

    @Inject
    StorageRuntime runtime;

    /**
     * Handles one record.
     *
     * @throws PoisonEventException for a record that can never be processed
     */
    @Incoming("storage-in")
    public void consume(ConsumerRecord<String, String> record) {
        runtime.router().handle(record, runtime::enqueue);
    }
}
