package io.capstan.kit.messaging;

import io.capstan.kit.status.StatusSink;
import io.capstan.model.Topics;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.kafka.CloudEventPublisher;
import io.capstan.model.kafka.CloudEventPublisher.Outgoing;
import io.capstan.model.status.StatusEvent;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes one component's status on {@code capstan.status} through the shared {@link CloudEventPublisher}
 * (idempotent, acks=all, CloudEvents 1.0 binary-mode headers with {@code ce_source=/capstan/<component>}, partition by
 * cluster) and waits for every acknowledgement, so the ledger records only what the broker holds. Status entries are
 * {@code io.capstan.status.changed.v1} with the {@link StatusEvent} JSON body; removals are tombstones (null value,
 * {@code io.capstan.status.removed.v1}, no content-type).
 */
public final class KafkaStatusSink implements StatusSink, AutoCloseable {

    /** Longest wait for the acknowledgements of one {@link #send}. */
    public static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final String source;
    private final CloudEventPublisher publisher;

    /**
     * @param component component name: {@code ce_source} is {@code /capstan/<component>}, the producer's client id
     *                  {@code capstan-<component>-status}
     * @param bootstrap {@code kafka.bootstrap.servers}
     * @param clock     stamps {@code ce_time}
     */
    public KafkaStatusSink(String component, String bootstrap, Clock clock) {
        this.source = source(component);
        this.publisher = CloudEventPublisher.to(bootstrap, "capstan-" + component + "-status", source, clock);
    }

    /** {@code ce_source} of every status record of a component: {@code /capstan/<component>}. */
    public static String source(String component) {
        return "/capstan/" + component;
    }

    /** This sink's {@code ce_source}. */
    public String source() {
        return source;
    }

    /**
     * Sends the status entries, then the tombstones of withdrawn keys, in that order.
     *
     * @throws IllegalStateException naming the first key Kafka did not acknowledge within {@link #ACK_TIMEOUT}
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
        if (!out.isEmpty()) {
            publisher.sendAll(out, ACK_TIMEOUT);
        }
    }

    @Override
    public void close() {
        publisher.close();
    }
}
