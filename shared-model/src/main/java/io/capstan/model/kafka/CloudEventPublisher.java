package io.capstan.model.kafka;

import io.capstan.model.event.CloudEventHeaders;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one way Capstan's services write records: a plain idempotent {@link KafkaProducer} ({@code acks=all}) with
 * {@link ClusterPartitioner}, string keys and JSON string values, and the CloudEvents 1.0 Kafka binary-mode headers
 * of {@link CloudEventHeaders} ({@code ce_subject} = the record key). A null value is a tombstone: it carries the
 * {@code ce_*} headers but no {@code content-type}.
 *
 * <p>A plain producer rather than a SmallRye emitter because publishers send tombstones and need the send order of
 * one key kept exactly; sends from one thread to one partition are delivered in order (idempotence keeps it so
 * across retries). Thread-safe.
 */
public final class CloudEventPublisher implements AutoCloseable {

    /** One record to send. {@code value} null means a tombstone. */
    public record Outgoing(String topic, String key, String type, String value) {
        public Outgoing {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(type, "type");
        }
    }

    private final KafkaProducer<String, String> producer;
    private final String source;
    private final Clock clock;

    /**
     * Creates the producer.
     *
     * @param config   Kafka client settings, at least {@code bootstrap.servers}; Capstan's defaults (acks=all,
     *                 idempotence, the cluster partitioner, string serializers, linger 5 ms) are applied over it
     * @param clientId {@code client.id}, for example {@code capstan-storage}
     * @param source   {@code ce_source}, for example {@code /capstan/storage}
     * @param clock    stamps {@code ce_time}
     */
    public CloudEventPublisher(Map<String, Object> config, String clientId, String source, Clock clock) {
        Map<String, Object> c = new HashMap<>(config);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, ClusterPartitioner.class.getName());
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        c.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        this.producer = new KafkaProducer<>(c, new StringSerializer(), new StringSerializer());
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A publisher on {@code bootstrapServers} with Capstan's defaults. */
    public static CloudEventPublisher to(String bootstrapServers, String clientId, String source, Clock clock) {
        return new CloudEventPublisher(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), clientId, source, clock);
    }

    /**
     * Sends one record without waiting.
     *
     * @return completes with the record's metadata once the broker acknowledged it, or exceptionally
     */
    public CompletableFuture<RecordMetadata> send(Outgoing out) {
        return send(out.topic(), out.key(),
                CloudEventHeaders.of(source, out.type(), out.key(), clock.instant(), out.value() == null), out.value());
    }

    /**
     * Sends one record with attributes the caller fixed (for example a transactional outbox that keeps
     * {@code ce_id} and {@code ce_time} stable across re-deliveries, so consumers can tell a duplicate).
     *
     * @param topic   topic
     * @param key     record key, also expected as {@code headers.subject()}
     * @param headers the CloudEvents attributes; {@code contentType} null for a tombstone
     * @param value   JSON, or null for a tombstone
     * @return completes once the broker acknowledged the record, or exceptionally
     */
    public CompletableFuture<RecordMetadata> send(String topic, String key, CloudEventHeaders headers, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.toKafkaHeaders().forEach((name, bytes) -> record.headers().add(name, bytes));
        CompletableFuture<RecordMetadata> done = new CompletableFuture<>();
        try {
            producer.send(record, (meta, error) -> {
                if (error != null) {
                    done.completeExceptionally(error);
                } else {
                    done.complete(meta);
                }
            });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    /**
     * Sends every record, in order, and waits until the broker acknowledged all of them.
     *
     * @param timeout how long to wait for all acknowledgements together
     * @throws IllegalStateException naming the first record that was not acknowledged (its key only, never its value)
     */
    public void sendAll(List<Outgoing> records, Duration timeout) {
        List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>(records.size());
        for (Outgoing r : records) {
            acks.add(send(r));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing " + records.get(i).key(), e);
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                throw new IllegalStateException(records.get(i).topic() + " did not acknowledge " + records.get(i).key()
                        + ": " + cause, cause);
            }
        }
    }

    /** Blocks until every record sent so far is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
