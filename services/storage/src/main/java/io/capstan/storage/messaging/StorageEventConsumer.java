package io.capstan.storage.messaging;

import io.capstan.model.event.CloudEventHeaders;
import io.capstan.model.event.PoisonEventException;
import io.capstan.storage.reconcile.StorageRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one incoming channel {@code storage-in} on {@code capstan.clusters} and {@code capstan.resources} (group
 * {@code capstan-storage}, range assignment, co-partitioned by cluster). Parses, routes and enqueues; a thrown
 * {@link PoisonEventException} nacks the record, which the channel's dead-letter-queue strategy sends to
 * {@code capstan.dlq}; the next record flows on.
 */
@ApplicationScoped
public class StorageEventConsumer {

    private static final Logger LOG = Logger.getLogger(StorageEventConsumer.class);

    @Inject
    StorageRuntime runtime;

    /**
     * Handles one record.
     *
     * @throws PoisonEventException for a record that can never be processed
     */
    @Incoming("storage-in")
    public void consume(ConsumerRecord<String, String> record) {
        try {
            Map<String, byte[]> headers = new LinkedHashMap<>();
            for (Header h : record.headers()) {
                headers.put(h.key(), h.value());
            }
            CloudEventHeaders ce = CloudEventHeaders.fromKafkaHeaders(headers);
            runtime.router().route(record.topic(), record.key(), ce.type(), record.value()).ifPresent(runtime::enqueue);
            runtime.recordHandled(record.topic(), "handled");
        } catch (PoisonEventException e) {
            runtime.recordHandled(record.topic(), "poison");
            LOG.warnf("poison record %s-%d@%d key %s: %s %s; sending it to capstan.dlq", record.topic(), record.partition(),
                    record.offset(), record.key(), e.reason(), e.getMessage());
            throw e;
        }
    }
}
