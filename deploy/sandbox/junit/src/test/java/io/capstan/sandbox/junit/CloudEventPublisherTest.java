package io.capstan.sandbox.junit;

import io.capstan.model.Topics;
import io.capstan.model.event.CloudEventHeaders;
import io.capstan.model.event.EventTypes;
import io.capstan.model.kafka.ClusterPartitioner;
import io.capstan.model.kafka.CloudEventPublisher;
import io.capstan.model.kafka.CloudEventPublisher.Outgoing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The services' shared publisher against the sandbox's real broker: headers, partition, order, tombstones, failure. */
class CloudEventPublisherTest {

    @Test
    void recordsCarryCloudEventHeadersLandOnTheirClustersPartitionInOrderAndTombstonesHaveNoContentType() {
        Sandbox sandbox = Sandbox.shared();
        String cluster = "pub-" + System.nanoTime();
        List<Outgoing> out = List.of(
                new Outgoing(Topics.STATUS, cluster + "/storage", EventTypes.STATUS_CHANGED, "{\"n\":1}"),
                new Outgoing(Topics.STATUS, cluster + "/storage/PersistentVolumeClaim/ns/a", EventTypes.STATUS_CHANGED, "{\"n\":2}"),
                new Outgoing(Topics.STATUS, cluster + "/storage/PersistentVolumeClaim/ns/a", EventTypes.STATUS_REMOVED, null));
        try (CloudEventPublisher publisher = CloudEventPublisher.to(sandbox.kafkaBootstrap(), "test-publisher", "/capstan/test", Clock.systemUTC())) {
            publisher.sendAll(out, Duration.ofSeconds(30));
        }
        int partition = ClusterPartitioner.partitionFor(cluster, 6);
        List<ConsumerRecord<String, String>> seen = new CopyOnWriteArrayList<>();
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.kafkaBootstrap());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(Topics.STATUS, partition);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key() != null && r.key().startsWith(cluster + "/")) {
                        seen.add(r);
                    }
                });
                return seen.size() >= 3;
            });
        }
        assertThat(seen).extracting(ConsumerRecord::key).containsExactly(out.get(0).key(), out.get(1).key(), out.get(2).key());
        assertThat(seen).extracting(ConsumerRecord::value).containsExactly("{\"n\":1}", "{\"n\":2}", null);
        for (ConsumerRecord<String, String> r : seen) {
            Map<String, byte[]> h = new HashMap<>();
            for (Header header : r.headers()) {
                h.put(header.key(), header.value());
            }
            CloudEventHeaders ce = CloudEventHeaders.fromKafkaHeaders(h);
            assertThat(ce.source()).isEqualTo("/capstan/test");
            assertThat(ce.subject()).isEqualTo(r.key());
            assertThat(ce.time()).isNotNull();
            assertThat(ce.contentType()).isEqualTo(r.value() == null ? null : CloudEventHeaders.JSON);
        }
        assertThat(seen.get(2).headers().lastHeader("ce_type").value()).asString().isEqualTo(EventTypes.STATUS_REMOVED);
    }

    @Test
    void aRecordTheBrokerRefusesFailsSendAllNamingItsKeyNotItsValue() {
        Sandbox sandbox = Sandbox.shared();
        try (CloudEventPublisher publisher = CloudEventPublisher.to(sandbox.kafkaBootstrap(), "test-publisher-bad", "/capstan/test", Clock.systemUTC())) {
            List<Outgoing> bad = List.of(new Outgoing("not a valid topic name!", "k1/x", EventTypes.STATUS_CHANGED, "{\"secret\":\"s3cr3t\"}"));
            assertThatThrownBy(() -> publisher.sendAll(bad, Duration.ofSeconds(20)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("k1/x")
                    .hasMessageNotContaining("s3cr3t");
        }
    }
}
