package io.capstan.dns.messaging;

import io.capstan.dns.reconcile.DnsRuntime;
import io.capstan.model.Topics;
import io.capstan.model.event.PoisonEventException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The one incoming channel {@code dns-in} on {@code capstan.clusters}, {@code capstan.resources} and
 * {@code capstan.requests} (group {@code capstan-dns}, range assignment, co-partitioned by cluster). Routes and
 * enqueues; a {@link PoisonEventException} (bad type, bad JSON, key mismatch, a DNS01Challenge spec that is not
 * {@code {fqdn, value, ttl}}) nacks the record, which the channel's dead-letter-queue strategy sends to
 * {@code capstan.dlq}; the next record flows on. Requests of other kinds are not for this service and are ignored.
 */
@ApplicationScoped
public class DnsEventConsumer {

    @Inject
    DnsRuntime runtime;

    /**
     * Handles one record.
     *
     * @throws PoisonEventException for a record that can never be processed
     */
    @Incoming("dns-in")
    public void consume(ConsumerRecord<String, String> record) {
        try {
            runtime.router().handle(record, runtime::enqueue);
        } finally {
            if (Topics.RESOURCES.equals(record.topic())) {
                runtime.resourceSeen(record.partition(), record.offset());
            }
        }
    }
}
