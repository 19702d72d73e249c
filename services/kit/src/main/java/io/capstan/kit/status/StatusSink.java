package io.capstan.kit.status;

import io.capstan.model.status.StatusEvent;

import java.util.List;

/**
 * Port that publishes status on {@code capstan.status}: {@code io.capstan.status.changed.v1} records keyed
 * {@link StatusEvent#key()}, and tombstones ({@code io.capstan.status.removed.v1}) for withdrawn keys. The Kafka
 * adapter is {@link io.capstan.kit.messaging.KafkaStatusSink}.
 */
@FunctionalInterface
public interface StatusSink {

    /**
     * Sends and waits for the broker's acknowledgement.
     *
     * @param publish  entries to publish
     * @param removals keys to tombstone
     * @throws RuntimeException when the broker did not acknowledge (the pass is retried)
     */
    void send(List<StatusEvent> publish, List<String> removals);
}
