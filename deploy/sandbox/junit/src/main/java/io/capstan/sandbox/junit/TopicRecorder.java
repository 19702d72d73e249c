package io.capstan.sandbox.junit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Reads one topic from its beginning in a background thread (assigned partitions, no group) and keeps every record
 * and the latest value per key (null for a tombstone). Test support shared by the services' scenario tests; the
 * caller brings kafka-clients (every service has it), this module only compiles against it.
 */
public final class TopicRecorder implements AutoCloseable {

    /** One record as read: key, value (null for a tombstone), headers as UTF-8 text ("" for null), partition. */
    public record Rec(String key, String value, Map<String, String> headers, int partition) {
    }

    private final List<Rec> all = new CopyOnWriteArrayList<>();
    private final Map<String, Optional<String>> latest = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Starts reading.
     *
     * @param bootstrap Kafka bootstrap servers ({@code host:port[,...]})
     * @param topic     an existing topic; its partitions are looked up for at most 30 s
     * @throws org.apache.kafka.common.errors.TimeoutException when the topic's partitions are not known within 30 s
     */
    public TopicRecorder(String bootstrap, String topic) {
        this(bootstrap, topic, r -> { });
    }

    /**
     * Starts reading and hands each record, in the order read, to {@code onRecord} on the reading thread after
     * recording it (a test stand-in that answers records reacts to them this way, without polling). An exception of
     * the listener is printed and reading goes on.
     *
     * @param bootstrap Kafka bootstrap servers ({@code host:port[,...]})
     * @param topic     an existing topic; its partitions are looked up for at most 30 s
     * @param onRecord  called once per record
     * @throws org.apache.kafka.common.errors.TimeoutException when the topic's partitions are not known within 30 s
     */
    public TopicRecorder(String bootstrap, String topic, java.util.function.Consumer<Rec> onRecord) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        List<TopicPartition> parts = new ArrayList<>();
        for (PartitionInfo i : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            parts.add(new TopicPartition(topic, i.partition()));
        }
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        thread = new Thread(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        Map<String, String> h = new ConcurrentHashMap<>();
                        r.headers().forEach(x -> h.put(x.key(), x.value() == null ? "" : new String(x.value(), StandardCharsets.UTF_8)));
                        Rec rec = new Rec(r.key(), r.value(), h, r.partition());
                        all.add(rec);
                        latest.put(r.key(), Optional.ofNullable(r.value()));
                        try {
                            onRecord.accept(rec);
                        } catch (RuntimeException e) {
                            System.err.println("recorder-" + topic + ": listener failed: " + e);
                        }
                    }
                }
            }
        }, "recorder-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    /** Every record so far. */
    public List<Rec> all() {
        return List.copyOf(all);
    }

    /** The latest value of a key: empty Optional inside = tombstone; null = never seen. */
    public Optional<String> latest(String key) {
        return latest.get(key);
    }

    @Override
    public void close() {
        running = false;
    }
}
