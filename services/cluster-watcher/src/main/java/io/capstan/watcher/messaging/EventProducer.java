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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;

/**
 * Publishes the watcher's CloudEvents (Kafka binary mode, {@link CloudEventHeaders}) to {@code capstan.resources}
 * and {@code capstan.status}, partitioned by {@link ClusterPartitioner}, with {@code ce_source}
 * {@value #SOURCE} and {@code ce_subject} = record key.
 *
 * <p>A plain idempotent {@link KafkaProducer} (acks=all) rather than a SmallRye emitter: the watcher's informer
 * threads send tombstones (null values) and need the send order of one key kept exactly, and the ledger lock of a
 * cluster is held around {@code send} so that record order on the partition equals decision order.
 */
@ApplicationScoped
public class EventProducer {

    /** {@code ce_source} of every record the watcher writes. */
    public static final String SOURCE = "/capstan/cluster-watcher";

    private static final Logger LOG = Logger.getLogger(EventProducer.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private KafkaProducer<String, String> producer;

    @PostConstruct
    void start() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.PARTITIONER_CLASS_CONFIG, ClusterPartitioner.class.getName(),
                ProducerConfig.CLIENT_ID_CONFIG, "capstan-cluster-watcher",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()),
                new StringSerializer(), new StringSerializer());
    }

    @PreDestroy
    void stop() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }

    /**
     * Sends {@code io.capstan.resource.changed.v1}.
     *
     * @param key  {@code ResourceKey.toKey()}
     * @param json the {@code ResourceEvent} as JSON
     */
    public void resourceChanged(String key, String json) {
        send(Topics.RESOURCES, key, json, EventTypes.RESOURCE_CHANGED);
    }

    /** Sends the tombstone {@code io.capstan.resource.deleted.v1} of a resource key. */
    public void resourceDeleted(String key) {
        send(Topics.RESOURCES, key, null, EventTypes.RESOURCE_DELETED);
    }

    /** Sends {@code io.capstan.status.changed.v1} with the event's key. */
    public void status(StatusEvent event) {
        send(Topics.STATUS, event.key(), Json.write(event), EventTypes.STATUS_CHANGED);
    }

    /** Sends the tombstone {@code io.capstan.status.removed.v1} of a status key. */
    public void statusRemoved(String key) {
        send(Topics.STATUS, key, null, EventTypes.STATUS_REMOVED);
    }

    /** Blocks until every record sent so far is acknowledged (or failed). */
    public void flush() {
        producer.flush();
    }

    private void send(String topic, String key, String value, String type) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        CloudEventHeaders.of(SOURCE, type, key, Instant.now(), value == null).toKafkaHeaders()
                .forEach((name, bytes) -> record.headers().add(name, bytes));
        producer.send(record, (meta, error) -> {
            if (error != null) {
                LOG.warnf("send of %s to %s failed: %s", key, topic, error.toString());
            }
        });
    }
}
