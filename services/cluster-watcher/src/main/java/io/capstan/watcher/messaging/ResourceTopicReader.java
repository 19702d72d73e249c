package io.capstan.watcher.messaging;

import io.capstan.model.Topics;
import io.capstan.model.event.Json;
import io.capstan.model.kafka.ClusterPartitioner;
import io.capstan.model.kafka.CompactedTopicReader;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads back the keys of one cluster that are live on {@code capstan.resources}: the cluster's partition
 * ({@link ClusterPartitioner}) read by the shared {@link CompactedTopicReader} from the beginning to the end offset
 * taken when it started, keeping the keys {@code <cluster>/...} whose latest record is not a tombstone.
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
        CompactedTopicReader reader = new CompactedTopicReader(bootstrap, "capstan-cluster-watcher-keys-" + cluster);
        int partitions = reader.partitionCount(Topics.RESOURCES, timeout);
        String prefix = cluster + '/';
        Map<String, String> latest = reader.latest(Topics.RESOURCES,
                List.of(ClusterPartitioner.partitionFor(cluster, partitions)), k -> k.startsWith(prefix), timeout);
        Map<String, String> live = new HashMap<>();
        latest.forEach((key, json) -> live.put(key, resourceVersion(json)));
        return live;
    }

    private static String resourceVersion(String json) {
        try {
            return Json.MAPPER.readTree(json).path("resourceVersion").asText(null);
        } catch (Exception e) {
            return null;
        }
    }
}
