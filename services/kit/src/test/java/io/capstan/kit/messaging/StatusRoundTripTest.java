package io.capstan.kit.messaging;

import io.capstan.kit.status.StatusEntry;
import io.capstan.kit.status.StatusLedger;
import io.capstan.kit.status.StatusReporter;
import io.capstan.model.Topics;
import io.capstan.model.kafka.ClusterPartitioner;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.StatusEvent;
import io.capstan.sandbox.junit.Sandbox;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Against the sandbox's real Kafka broker: what {@link KafkaStatusSink} writes on {@code capstan.status} (CloudEvents
 * headers, tombstones) is what {@link PublishedStatusReader} and {@link StatusSeed} read back after a "restart".
 */
class StatusRoundTripTest {

    private static final int PARTITIONS = 6;
    private final Sandbox sandbox = Sandbox.shared();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String component = "kit-" + suffix;
    private final String cluster = "kit-status-" + suffix;

    private static StatusEntry entry(String name, String reason) {
        return new StatusEntry(name == null ? null : new StatusEvent.Subject("v1", "Service", "ns", name),
                List.of(Condition.of("Ready", ConditionStatus.True, reason, "")), null, 1);
    }

    @Test
    void whatTheSinkPublishedIsWhatTheSeedReadsBackAfterARestart() {
        List<StatusEntry> report = List.of(entry(null, "Ok"), entry("web", "Allocated"), entry("gone", "Allocated"));
        try (KafkaStatusSink sink = new KafkaStatusSink(component, sandbox.kafkaBootstrap(), Clock.systemUTC());
             KafkaStatusSink other = new KafkaStatusSink("kit-other-" + suffix, sandbox.kafkaBootstrap(), Clock.systemUTC())) {
            StatusReporter reporter = new StatusReporter(new StatusLedger(component, Clock.systemUTC()), sink);
            reporter.report(cluster, report, true);
            reporter.report(cluster, List.of(entry(null, "Ok"), entry("web", "Allocated")), true); // tombstones "gone"
            new StatusReporter(new StatusLedger("kit-other-" + suffix, Clock.systemUTC()), other)
                    .report(cluster, List.of(entry(null, "Ok")), true);
        }
        String prefix = cluster + "/" + component;
        Map<String, List<Map<String, String>>> wire = readWire(prefix);
        assertThat(wire.get(prefix + "/Service/ns/gone")).as("published, then tombstoned").hasSize(2);
        Map<String, String> tombstone = wire.get(prefix + "/Service/ns/gone").get(1);
        assertThat(tombstone).containsEntry("ce_type", "io.capstan.status.removed.v1").containsEntry("value", null)
                .doesNotContainKey("content-type");
        assertThat(wire.get(prefix).get(0)).containsEntry("ce_source", "/capstan/" + component)
                .containsEntry("ce_type", "io.capstan.status.changed.v1").containsEntry("ce_subject", prefix)
                .containsEntry("content-type", "application/json");

        // a restarted replica: a fresh ledger seeded from the topic publishes nothing for the same report
        StatusLedger restarted = new StatusLedger(component, Clock.systemUTC());
        int partition = ClusterPartitioner.partitionFor(cluster, PARTITIONS);
        List<StatusEvent> seeded = new StatusSeed(new PublishedStatusReader(component, sandbox.kafkaBootstrap()), restarted,
                Duration.ofSeconds(30)).seed(List.of(partition), PARTITIONS);
        assertThat(seeded).extracting(StatusEvent::key).as("live keys of this component only")
                .containsExactlyInAnyOrder(prefix, prefix + "/Service/ns/web");
        assertThat(restarted.diff(cluster, List.of(entry(null, "Ok"), entry("web", "Allocated")), true).isEmpty()).isTrue();
        assertThat(new PublishedStatusReader(component, sandbox.kafkaBootstrap())
                .read(List.of((partition + 1) % PARTITIONS), PARTITIONS, Duration.ofSeconds(30)))
                .as("another partition's clusters").isEmpty();
    }

    /** Every record of capstan.status whose key starts with the prefix: headers plus "value", in offset order. */
    private Map<String, List<Map<String, String>>> readWire(String prefix) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.kafkaBootstrap());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, List<Map<String, String>>> out = new HashMap<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            TopicPartition tp = new TopicPartition(Topics.STATUS, ClusterPartitioner.partitionFor(cluster, PARTITIONS));
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && r.key().startsWith(prefix)) {
                        Map<String, String> m = new HashMap<>();
                        for (Header h : r.headers()) {
                            m.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                        }
                        m.put("value", r.value());
                        out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(m);
                    }
                }
                return out.getOrDefault(prefix + "/Service/ns/gone", List.of()).size() >= 2;
            });
        }
        return out;
    }
}
