package io.capstan.storage.messaging;

import io.capstan.model.Topics;
import io.capstan.model.event.CloudEventHeaders;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.kafka.ClusterPartitioner;
import io.capstan.model.status.StatusEvent;
import io.capstan.storage.reconcile.StatusSink;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes status on {@code capstan.status} with a plain idempotent Kafka producer: CloudEvents 1.0 binary mode
 * headers from {@link CloudEventHeaders} ({@code ce_source=/capstan/storage}), partition from
 * {@link ClusterPartitioner}, and waits for every acknowledgement, so the ledger records only what the broker holds.
 */
public final class KafkaStatusSink implements StatusSink, AutoCloseable {

    /** {@code ce_source} of every status record of this service. */
    public static final String SOURCE = "/capstan/storage";

    private final KafkaProducer<String, String> producer;
    private final Clock clock;

    /** @param bootstrap {@code kafka.bootstrap.servers} */
    public KafkaStatusSink(String bootstrap, Clock clock) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, ClusterPartitioner.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "capstan-storage-status");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        this.producer = new KafkaProducer<>(p);
        this.clock = clock;
    }

    @Override
    public void send(List<StatusEvent> publish, List<String> removals) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (StatusEvent e : publish) {
            acks.add(producer.send(record(e.key(), EventTypes.STATUS_CHANGED, Json.write(e))));
        }
        for (String key : removals) {
            acks.add(producer.send(record(key, EventTypes.STATUS_REMOVED, null)));
        }
        for (Future<RecordMetadata> f : acks) {
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing status", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("status not acknowledged by Kafka: " + e.getMessage(), e);
            }
        }
    }

    private ProducerRecord<String, String> record(String key, String type, String value) {
        ProducerRecord<String, String> r = new ProducerRecord<>(Topics.STATUS, key, value);
        CloudEventHeaders.of(SOURCE, type, key, clock.instant(), value == null).toKafkaHeaders()
                .forEach((k, v) -> r.headers().add(k, v));
        return r;
    }

    @Override
    public void close() {
        producer.close();
    }
}
