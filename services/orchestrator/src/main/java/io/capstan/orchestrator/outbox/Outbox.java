package io.capstan.orchestrator.outbox;

import io.capstan.model.event.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * Appends events to the transactional outbox in the caller's transaction ("transactional outbox" pattern): the
 * change and its event commit or roll back together, and {@link OutboxRelay} sends them after commit.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    Event<OutboxAppended> appended;

    /**
     * Appends one event.
     *
     * @param topic   Kafka topic
     * @param key     record key (the cluster name)
     * @param type    CloudEvents type, one of {@link io.capstan.model.event.EventTypes}
     * @param payload the payload object (serialized with {@link Json}), or null for a tombstone
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, String key, String type, Object payload) {
        OutboxEntity e = new OutboxEntity();
        e.topic = topic;
        e.key = key;
        e.type = type;
        e.payload = payload == null ? null : Json.write(payload);
        e.createdAt = Instant.now();
        e.persist();
        appended.fire(new OutboxAppended(key));
    }
}
