package io.capstan.kit.messaging;

import io.capstan.model.Topics;
import io.capstan.model.event.Json;
import io.capstan.model.kafka.ClusterPartitioner;
import io.capstan.model.kafka.CompactedTopicReader;
import io.capstan.model.status.StatusEvent;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Reads back what one component has published on {@code capstan.status} for the clusters of some
 * {@code capstan.clusters} partitions, to seed its {@link io.capstan.kit.status.StatusLedger} on assignment. Uses
 * {@link CompactedTopicReader} (a group-less consumer, beginning to the end offsets taken at the start of the read).
 *
 * <p>Kept: keys {@code <cluster>/<component>[/...]} of a cluster whose {@link ClusterPartitioner} partition of
 * {@code capstan.clusters} is one of those asked for, whose latest value is not a tombstone and parses as a
 * {@link StatusEvent} of that component with the same key. Anything else on the topic (other components, unreadable
 * values) is skipped with a warning, never fatal. When {@code capstan.status} has as many partitions as
 * {@code capstan.clusters} (the deployment's rule) only the same partition numbers are read, else all of them.
 */
public final class PublishedStatusReader {

    private static final Logger LOG = Logger.getLogger(PublishedStatusReader.class);

    private final String component;
    private final String segment;
    private final CompactedTopicReader reader;

    /**
     * @param component component whose entries are read (the second key segment), for example {@code storage}
     * @param bootstrap {@code kafka.bootstrap.servers}
     */
    public PublishedStatusReader(String component, String bootstrap) {
        this.component = Objects.requireNonNull(component, "component");
        this.segment = "/" + component;
        this.reader = new CompactedTopicReader(bootstrap, "capstan-" + component + "-status-seed");
    }

    /**
     * The live status entries of this component for the clusters of those partitions.
     *
     * @param clusterPartitions     partitions of {@code capstan.clusters} just assigned
     * @param clusterPartitionCount partition count of {@code capstan.clusters}
     * @param timeout               longest time for the read
     * @return the entries, in topic order
     * @throws RuntimeException (Kafka timeout, {@link IllegalStateException}) when the topic cannot be read in time
     */
    public List<StatusEvent> read(Collection<Integer> clusterPartitions, int clusterPartitionCount, Duration timeout) {
        if (clusterPartitions.isEmpty() || clusterPartitionCount <= 0) {
            return List.of();
        }
        Set<Integer> wanted = Set.copyOf(clusterPartitions);
        int statusPartitions = reader.partitionCount(Topics.STATUS, timeout);
        List<Integer> toRead = statusPartitions == clusterPartitionCount ? List.copyOf(wanted)
                : IntStream.range(0, statusPartitions).boxed().toList();
        Map<String, String> live = reader.latest(Topics.STATUS, toRead, key -> {
            String cluster = ClusterPartitioner.clusterOf(key);
            String rest = key.substring(cluster.length());
            return (rest.equals(segment) || rest.startsWith(segment + "/"))
                    && wanted.contains(ClusterPartitioner.partitionFor(cluster, clusterPartitionCount));
        }, timeout);
        List<StatusEvent> out = new ArrayList<>(live.size());
        live.forEach((key, value) -> {
            try {
                StatusEvent e = Json.read(value, StatusEvent.class);
                if (component.equals(e.component()) && key.equals(e.key())) {
                    out.add(e);
                } else {
                    LOG.warnf("capstan.status key %s holds an entry of %s; not seeded", key, e.key());
                }
            } catch (RuntimeException ex) {
                LOG.warnf("capstan.status key %s is not a readable status entry (%s); not seeded", key, ex.getMessage());
            }
        });
        return out;
    }
}
