package io.capstan.storage.messaging;

import io.capstan.model.Topics;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.kafka.CloudEventPublisher;
import io.capstan.model.kafka.CloudEventPublisher.Outgoing;
import io.capstan.model.status.StatusEvent;
import io.capstan.storage.reconcile.StatusSink;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes status on {@code capstan.status} through the shared {@link CloudEventPublisher} (idempotent, acks=all,
 * CloudEvents 1.0 binary-mode headers with {@code ce_source=/capstan/storage}, partition by cluster) and waits for
 * every acknowledgement, so the ledger records only what the broker holds.
 */
public final class KafkaStatusSink implements StatusSink, AutoCloseable {

    /** {@code ce_source} of every status record of this service. */
    public static final String SOURCE = "/capstan/storage";

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final CloudEventPublisher publisher;

    /** @param bootstrap {@code kafka.bootstrap.servers} */
    public KafkaStatusSink(String bootstrap, Clock clock) {
        this.publisher = CloudEventPublisher.to(bootstrap, "capstan-storage-status", SOURCE, clock);
    }

    /**
     * Sends the status entries, then the tombstones of withdrawn keys, in that order.
     *
     * @throws IllegalStateException naming the first key Kafka did not acknowledge within 30 s
     */
    @Override
    public void send(List<StatusEvent> publish, List<String> removals) {
        List<Outgoing> out = new ArrayList<>(publish.size() + removals.size());
        for (StatusEvent e : publish) {
            out.add(new Outgoing(Topics.STATUS, e.key(), EventTypes.STATUS_CHANGED, Json.write(e)));
        }
        for (String key : removals) {
            out.add(new Outgoing(Topics.STATUS, key, EventTypes.STATUS_REMOVED, null));
        }
        publisher.sendAll(out, ACK_TIMEOUT);
    }

    @Override
    public void close() {
        publisher.close();
    }
}
