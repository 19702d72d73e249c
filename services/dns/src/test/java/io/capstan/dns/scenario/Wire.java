package io.capstan.dns.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.model.Topics;
import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.cluster.Profile;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.request.Request;
import io.capstan.model.resource.ResourceEvent;
import io.capstan.model.resource.ResourceKey;
import io.capstan.model.status.StatusEvent;
import io.capstan.sandbox.junit.EventWire;
import io.capstan.sandbox.junit.Sandbox;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays the orchestrator, the cluster watcher and the certificates service for the dns tests on the sandbox's real
 * Kafka broker: produces ClusterEvents, ResourceEvents and Requests with CloudEvents headers (ClusterPartitioner), and
 * records {@code capstan.status} and {@code capstan.dlq} from their beginning. Test support.
 */
final class Wire implements AutoCloseable {

    /** One record as read. */
    record Rec(String topic, String key, String value, Map<String, String> headers) {
    }

    final Sandbox sandbox = Sandbox.shared();
    private final EventWire events;
    private final List<Rec> dlq = new CopyOnWriteArrayList<>();
    private final List<Rec> statusRecords = new CopyOnWriteArrayList<>();
    private final Map<String, Optional<String>> status = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean running = true;

    Wire() {
        events = new EventWire(sandbox.kafkaBootstrap());
        reader = new Thread(this::read, "dns-test-recorder");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.kafkaBootstrap());
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
            List<TopicPartition> parts = new java.util.ArrayList<>();
            for (String t : List.of(Topics.STATUS, Topics.DLQ)) {
                consumer.partitionsFor(t).forEach(pi -> parts.add(new TopicPartition(t, pi.partition())));
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, String> h = new java.util.LinkedHashMap<>();
                    r.headers().forEach(x -> h.put(x.key(), x.value() == null ? null
                            : new String(x.value(), StandardCharsets.UTF_8)));
                    Rec rec = new Rec(r.topic(), r.key(), r.value(), h);
                    if (r.topic().equals(Topics.DLQ)) {
                        dlq.add(rec);
                    } else {
                        statusRecords.add(rec);
                        status.put(r.key(), Optional.ofNullable(r.value()));
                    }
                }
            }
        }
    }

    static ClusterEvent cluster(String name, String dnsSection, long generation, boolean deleting) {
        JsonNode spec = Json.read("{\"dns\": " + dnsSection + "}", JsonNode.class);
        return new ClusterEvent(name, Infrastructure.STANDALONE, "sandbox", Map.of(), new Profile("dns-test", spec,
                generation), generation, deleting, null);
    }

    void register(ClusterEvent e) {
        events.register(e);
    }

    void clusterDeleted(String name) {
        events.clusterDeleted(name);
    }

    /** What the watcher publishes for an object (its JSON as the API server returned it). */
    void resourceChanged(String cluster, JsonNode o) {
        JsonNode md = o.path("metadata");
        String ns = md.path("namespace").asText(null);
        ResourceEvent ev = new ResourceEvent(cluster, o.path("apiVersion").asText(), o.path("kind").asText(), ns,
                md.path("name").asText(), md.path("uid").asText(null), md.path("resourceVersion").asText(null),
                md.path("generation").asLong(0), Instant.now(), o);
        send(Topics.RESOURCES, ev.key().toKey(), EventTypes.RESOURCE_CHANGED, Json.write(ev));
    }

    void resourceDeleted(ResourceKey key) {
        events.resourceDeleted(key);
    }

    void request(Request r, boolean withdrawn) {
        send(Topics.REQUESTS, r.key(), withdrawn ? EventTypes.REQUEST_WITHDRAWN : EventTypes.REQUEST_SUBMITTED,
                Json.write(r));
    }

    void send(String topic, String key, String type, String value) {
        events.send(topic, key, type, value);
    }

    /** The latest status entry of a key, if published and not tombstoned. */
    Optional<StatusEvent> status(String key) {
        Optional<String> v = status.get(key);
        return v == null ? Optional.empty() : v.map(s -> Json.read(s, StatusEvent.class));
    }

    /** True when the key's latest record is a tombstone. */
    boolean tombstoned(String key) {
        Optional<String> v = status.get(key);
        return v != null && v.isEmpty();
    }

    /** Every status record read so far, in order. */
    List<Rec> statusRecords() {
        return List.copyOf(statusRecords);
    }

    /** Every dead-lettered record read so far. */
    List<Rec> dlq() {
        return List.copyOf(dlq);
    }

    @Override
    public void close() {
        running = false;
        events.close();
    }
}
