package io.capstan.model.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Reads the current state of a compacted topic (Kafka log compaction: the latest record per key wins, a null value is a
 * tombstone): a short-lived {@link KafkaConsumer} without a group ({@code assign()}, no offset commits,
 * {@code read_committed}) reads the given partitions from their beginning up to the end offsets taken when the read
 * starts, and folds the records in offset order into the latest non-tombstone value per key. Records produced after
 * the end offsets were taken are not read. Plain kafka-clients, no framework; each call opens and closes its own
 * consumer, so an instance is thread-safe.
 */
public final class CompactedTopicReader {

    private final String bootstrap;
    private final String clientId;

    /**
     * @param bootstrap {@code bootstrap.servers}
     * @param clientId  {@code client.id} prefix of the short-lived consumers (for broker logs and quotas)
     */
    public CompactedTopicReader(String bootstrap, String clientId) {
        this.bootstrap = Objects.requireNonNull(bootstrap, "bootstrap");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
    }

    /**
     * The number of partitions of a topic.
     *
     * @param topic   topic name
     * @param timeout longest time to wait for the metadata
     * @return the partition count, 0 when the broker does not know the topic
     * @throws org.apache.kafka.common.errors.TimeoutException when the metadata is not fetched within {@code timeout}
     */
    public int partitionCount(String topic, Duration timeout) {
        try (KafkaConsumer<String, String> consumer = consumer("-meta")) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            return infos == null ? 0 : infos.size();
        }
    }

    /**
     * The latest non-tombstone value of every key of those partitions that {@code keys} accepts.
     *
     * @param topic      topic name
     * @param partitions partition numbers to read (empty: nothing is read)
     * @param keys       which record keys to keep (a record with a null key is always skipped)
     * @param timeout    longest time for the whole read
     * @return key to its latest value, in first-seen order; a key whose latest record is a tombstone is absent
     * @throws IllegalStateException when the end offsets are not reached within {@code timeout}
     * @throws org.apache.kafka.common.errors.TimeoutException when the end offsets cannot be fetched in time
     */
    public Map<String, String> latest(String topic, Collection<Integer> partitions, Predicate<String> keys, Duration timeout) {
        Map<String, String> live = new LinkedHashMap<>();
        if (partitions.isEmpty()) {
            return live;
        }
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, String> consumer = consumer("-" + topic)) {
            List<TopicPartition> tps = partitions.stream().distinct().sorted().map(p -> new TopicPartition(topic, p)).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(tps, timeout));
            while (!reached(consumer, end, deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() == null || !keys.test(r.key())) {
                        continue;
                    }
                    if (r.value() == null) {
                        live.remove(r.key());
                    } else {
                        live.remove(r.key()); // keep first-seen order of the latest incarnation
                        live.put(r.key(), r.value());
                    }
                }
            }
        }
        return live;
    }

    private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end, Instant deadline) {
        end.entrySet().removeIf(e -> consumer.position(e.getKey(), remaining(deadline)) >= e.getValue());
        if (end.isEmpty()) {
            return true;
        }
        if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException("reading " + end.keySet() + " to offsets " + end.values() + " timed out");
        }
        return false;
    }

    private static Duration remaining(Instant deadline) {
        Duration d = Duration.between(Instant.now(), deadline);
        return d.isNegative() || d.isZero() ? Duration.ofMillis(1) : d;
    }

    private KafkaConsumer<String, String> consumer(String suffix) {
        Map<String, Object> p = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId + suffix,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }
}
