package io.capstan.certificates.messaging;

import io.capstan.certificates.reconcile.CertificatesRuntime;
import io.capstan.model.event.PoisonEventException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The one incoming channel {@code certificates-in} on {@code capstan.clusters}, {@code capstan.resources} and
 * {@code capstan.status} (group {@code capstan-certificates}, range assignment, co-partitioned by cluster). Routes
 * with the kit's {@link io.capstan.kit.messaging.EventRouter} ({@link CertificatesRuntime#router()}) and enqueues the
 * cluster; a {@link PoisonEventException} nacks the record, which the channel's dead-letter-queue strategy sends to
 * {@code capstan.dlq}, and the next record flows on.
 */
@ApplicationScoped
public class CertificatesEventConsumer {

    @Inject
    CertificatesRuntime runtime;

    /**
     * Handles one record.
     *
     * @throws PoisonEventException for a record that can never be processed
     */
    @Incoming("certificates-in")
    public void consume(ConsumerRecord<String, String> record) {
        runtime.router().handle(record, runtime::enqueue);
    }
}
