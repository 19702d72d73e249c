package io.capstan.watcher.messaging;

import io.capstan.model.Topics;
import io.capstan.model.event.CloudEventHeaders;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.kafka.ClusterPartitioner;
import io.capstan.model.status.StatusEvent;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import io.capstan.model.kafka.CloudEventPublisher;
import io.capstan.model.kafka.CloudEventPublisher.Outgoing;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes the watcher's CloudEvents (Kafka binary mode, {@link CloudEventHeaders}) to {@code capstan.resources}
 * and {@code capstan.status} through the shared {@link CloudEventPublisher} (idempotent, acks=all, partitioned by
 * {@link ClusterPartitioner}), with {@code ce_source} {@value #SOURCE} and {@code ce_subject} = record key.
 *
 * <p>Sends do not block; each returns the broker's acknowledgement so that a caller can undo its bookkeeping when
 * a record was not acknowledged. The ledger lock of a cluster is held around {@code send} so that record order on
 * the partition equals decision order.
 */
@ApplicationScoped
public class EventProducer {

    /** {@code ce_source} of every record the watcher writes. */
    public static final String SOURCE = "/capstan/cluster-watcher";

    private static final Logger LOG = Logger.getLogger(EventProducer.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private CloudEventPublisher publisher;

    @PostConstruct
    void start() {
        publisher = CloudEventPublisher.to(bootstrap, "capstan-cluster-watcher", SOURCE, Clock.systemUTC());
    }

    @PreDestroy
    void stop() {
        if (publisher != null) {
            publisher.close();
        }
    }

    /**
     * Sends {@code io.capstan.resource.changed.v1}.
     *
     * @param key  {@code ResourceKey.toKey()}
     * @param json the {@code ResourceEvent} as JSON
     * @return the broker's acknowledgement
     */
    public CompletableFuture<RecordMetadata> resourceChanged(String key, String json) {
        return send(Topics.RESOURCES, key, json, EventTypes.RESOURCE_CHANGED);
    }

    /** Sends the tombstone {@code io.capstan.resource.deleted.v1} of a resource key; returns the acknowledgement. */
    public CompletableFuture<RecordMetadata> resourceDeleted(String key) {
        return send(Topics.RESOURCES, key, null, EventTypes.RESOURCE_DELETED);
    }

    /** Sends {@code io.capstan.status.changed.v1} with the event's key; returns the acknowledgement. */
    public CompletableFuture<RecordMetadata> status(StatusEvent event) {
        return send(Topics.STATUS, event.key(), Json.write(event), EventTypes.STATUS_CHANGED);
    }

    /** Sends the tombstone {@code io.capstan.status.removed.v1} of a status key; returns the acknowledgement. */
    public CompletableFuture<RecordMetadata> statusRemoved(String key) {
        return send(Topics.STATUS, key, null, EventTypes.STATUS_REMOVED);
    }

    /** Blocks until every record sent so far is acknowledged (or failed). */
    public void flush() {
        publisher.flush();
    }

    private CompletableFuture<RecordMetadata> send(String topic, String key, String value, String type) {
        return publisher.send(new Outgoing(topic, key, type, value)).whenComplete((meta, error) -> {
            if (error != null) {
                LOG.warnf("send of %s to %s failed: %s", key, topic, error.toString());
            }
        });
    }
}
