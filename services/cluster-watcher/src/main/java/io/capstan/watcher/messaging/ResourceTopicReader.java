package io.capstan.watcher.messaging;

import io.capstan.model.Topics;
import io.capstan.model.event.Json;
import io.capstan.model.kafka.ClusterPartitioner;
import io.capstan.watcher.ledger.TopicKeys;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Reads back the keys of one cluster that are live on {@code capstan.resources}: a short-lived consumer without a
 * group assigned to the cluster's partition ({@link ClusterPartitioner}), from the beginning to the end offset taken
 * when it started, folded by {@link TopicKeys}.
 */
@ApplicationScoped
public class ResourceTopicReader {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /**
     * The live keys of a cluster.
     *
     * @param cluster cluster name
     * @param timeout longest time to read
     * @return record key to the {@code resourceVersion} of its latest record (null when it cannot be read)
     * @throws IllegalStateException when the end offset is not reached within {@code timeout}
     */
    public Map<String, String> liveKeys(String cluster, Duration timeout) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "capstan-cluster-watcher-keys-" + cluster,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            int partitions = consumer.partitionsFor(Topics.RESOURCES, timeout).size();
            TopicPartition tp = new TopicPartition(Topics.RESOURCES, ClusterPartitioner.partitionFor(cluster, partitions));
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), timeout).get(tp);
            TopicKeys keys = new TopicKeys(cluster);
            Instant deadline = Instant.now().plus(timeout);
            while (consumer.position(tp, timeout) < end) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("reading " + tp + " to offset " + end + " timed out");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    keys.accept(r.key(), r.value() == null, r.value() == null ? null : resourceVersion(r.value()));
                }
            }
            return keys.live();
        }
    }

    private static String resourceVersion(String json) {
        try {
            return Json.MAPPER.readTree(json).path("resourceVersion").asText(null);
        } catch (Exception e) {
            return null;
        }
    }
}
