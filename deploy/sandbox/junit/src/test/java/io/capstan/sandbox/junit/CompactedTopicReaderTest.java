package io.capstan.sandbox.junit;

import io.capstan.model.Topics;
import io.capstan.model.event.EventTypes;
import io.capstan.model.kafka.ClusterPartitioner;
import io.capstan.model.kafka.CloudEventPublisher;
import io.capstan.model.kafka.CloudEventPublisher.Outgoing;
import io.capstan.model.kafka.CompactedTopicReader;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading back what is live on a compacted topic, against the sandbox's real broker. */
class CompactedTopicReaderTest {

    @Test
    void keepsTheLatestValueOfAcceptedKeysAndDropsKeysWhoseLatestRecordIsATombstone() {
        Sandbox sandbox = Sandbox.shared();
        String c = "rd" + System.nanoTime();
        try (CloudEventPublisher p = CloudEventPublisher.to(sandbox.kafkaBootstrap(), "test-reader", "/capstan/test", Clock.systemUTC())) {
            p.sendAll(List.of(
                    new Outgoing(Topics.RESOURCES, c + "/core/Service/a/x", EventTypes.RESOURCE_CHANGED, "{\"v\":1}"),
                    new Outgoing(Topics.RESOURCES, c + "/core/Service/a/y", EventTypes.RESOURCE_CHANGED, "{\"v\":1}"),
                    new Outgoing(Topics.RESOURCES, c + "/core/Service/a/x", EventTypes.RESOURCE_DELETED, null),
                    new Outgoing(Topics.RESOURCES, c + "/core/Service/a/y", EventTypes.RESOURCE_CHANGED, "{\"v\":2}"),
                    new Outgoing(Topics.RESOURCES, c + "/core/Service/a/back", EventTypes.RESOURCE_DELETED, null),
                    new Outgoing(Topics.RESOURCES, c + "/core/Service/a/back", EventTypes.RESOURCE_CHANGED, "{\"v\":9}"),
                    // same partition as cluster c only by chance; its prefix differs by one character
                    new Outgoing(Topics.RESOURCES, c + "x/core/Service/a/z", EventTypes.RESOURCE_CHANGED, "{\"v\":1}")),
                    Duration.ofSeconds(30));
        }
        CompactedTopicReader reader = new CompactedTopicReader(sandbox.kafkaBootstrap(), "test-reader");
        int partitions = reader.partitionCount(Topics.RESOURCES, Duration.ofSeconds(10));
        assertThat(partitions).isEqualTo(6);
        Map<String, String> live = reader.latest(Topics.RESOURCES, List.of(ClusterPartitioner.partitionFor(c, partitions)),
                k -> k.startsWith(c + "/"), Duration.ofSeconds(30));
        assertThat(live).containsOnly(Map.entry(c + "/core/Service/a/y", "{\"v\":2}"), Map.entry(c + "/core/Service/a/back", "{\"v\":9}"));
        assertThat(reader.latest(Topics.RESOURCES, List.of(), k -> true, Duration.ofSeconds(5))).isEmpty();
        assertThat(reader.partitionCount("capstan.no-such-topic", Duration.ofSeconds(5))).isZero();
    }
}
