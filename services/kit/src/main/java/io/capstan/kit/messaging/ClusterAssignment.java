package io.capstan.kit.messaging;

import io.capstan.model.Topics;
import io.capstan.model.kafka.ClusterPartitioner;
import io.capstan.model.reconcile.ClusterRegistry;
import io.capstan.model.reconcile.PartitionOwnership;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The co-partitioned ownership logic of a domain service's one incoming channel (COMMON.md, "Kafka consumption
 * pattern"), without Quarkus: a service's {@code KafkaConsumerRebalanceListener} bean delegates its three callbacks to
 * {@link #onAssigned}, {@link #onRevoked} and {@link #onLost}, which run on the consumer's thread inside the rebalance.
 *
 * <ul>
 *   <li>On assignment, the {@code capstan.clusters} partitions (and those of every other replayed topic, for example
 *   {@code capstan.status} for a service that keeps the answers it reads in memory) are sought to their beginning,
 *   so the compacted topic is replayed into the {@link ClusterRegistry}: a restart or a rebalance loses nothing.</li>
 *   <li>Newly gained partitions are first seeded ({@link Hooks#seed}, typically {@link StatusSeed}), then marked owned
 *   in {@link PartitionOwnership}: a pass that checks ownership first never runs before its cluster's seed is
 *   loaded.</li>
 *   <li>Clusters of partitions no longer held are forgotten: removed from the registry, then handed to
 *   {@link Hooks#forget} (close their clients, forget their queue keys, drop their ledger entries), without touching
 *   their status: the new owner takes over.</li>
 * </ul>
 * Ownership follows the partitions of {@code capstan.clusters} only; with range assignment a replica holds the same
 * partition numbers of every topic of the channel.
 */
public final class ClusterAssignment {

    private static final Logger LOG = Logger.getLogger(ClusterAssignment.class);

    /** What a service does around an assignment. Both run on the consumer's thread; keep them bounded. */
    public interface Hooks {

        /**
         * Loads what must be known before the gained partitions become owned (the status ledger seed). Must not
         * throw: a failure is logged and the partitions go on.
         *
         * @param gained         partitions of {@code capstan.clusters} not owned before
         * @param partitionCount partition count of {@code capstan.clusters}
         */
        default void seed(Set<Integer> gained, int partitionCount) {
        }

        /**
         * Forgets the clusters that are no longer owned (ownership is already updated, the registry has already
         * forgotten them).
         *
         * @param notOwned  accepts every cluster name whose partition this replica no longer holds
         * @param forgotten the registry's clusters that were just forgotten
         */
        default void forget(Predicate<String> notOwned, List<String> forgotten) {
        }
    }

    private final String component;
    private final ClusterRegistry registry;
    private final PartitionOwnership ownership;
    private final Set<String> replayed;
    private final Hooks hooks;
    private volatile int partitionCount;

    /**
     * Replays {@code capstan.clusters} only.
     *
     * @param component component name, in log lines
     * @param registry  the registry the channel's {@code capstan.clusters} records feed
     * @param ownership the ownership this keeps
     * @param hooks     seed and forget
     */
    public ClusterAssignment(String component, ClusterRegistry registry, PartitionOwnership ownership, Hooks hooks) {
        this(component, registry, ownership, Set.of(Topics.CLUSTERS), hooks);
    }

    /**
     * @param replayed topics whose assigned partitions are sought to the beginning on every assignment; must contain
     *                 {@code capstan.clusters} (added if missing)
     */
    public ClusterAssignment(String component, ClusterRegistry registry, PartitionOwnership ownership,
                             Set<String> replayed, Hooks hooks) {
        this.component = Objects.requireNonNull(component, "component");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.ownership = Objects.requireNonNull(ownership, "ownership");
        Set<String> r = new HashSet<>(replayed);
        r.add(Topics.CLUSTERS);
        this.replayed = Set.copyOf(r);
        this.hooks = Objects.requireNonNull(hooks, "hooks");
    }

    /**
     * The assignment callback: seeks the replayed topics' partitions to the beginning, then {@link #gained}.
     *
     * @param consumer   the channel's consumer (its thread)
     * @param partitions every partition now assigned
     */
    public void onAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        List<TopicPartition> replay = partitions.stream().filter(p -> replayed.contains(p.topic())).toList();
        consumer.seekToBeginning(replay);
        int count = consumer.partitionsFor(Topics.CLUSTERS).size();
        gained(partitions.stream().filter(p -> p.topic().equals(Topics.CLUSTERS)).map(TopicPartition::partition).toList(), count);
    }

    /**
     * Kafka-free part of the assignment: seeds the partitions not owned yet, then owns them (with those owned
     * already).
     *
     * @param clusterPartitions assigned partitions of {@code capstan.clusters}
     * @param count             partition count of {@code capstan.clusters}
     */
    public void gained(Collection<Integer> clusterPartitions, int count) {
        partitionCount = count;
        Set<Integer> owned = new HashSet<>(ownership.partitions());
        Set<Integer> gained = new HashSet<>();
        clusterPartitions.stream().filter(p -> !owned.contains(p)).forEach(gained::add);
        // seed first, own second: a pass of a cluster runs only once what must be known of it is loaded
        if (!gained.isEmpty()) {
            try {
                hooks.seed(Set.copyOf(gained), count);
            } catch (RuntimeException e) {
                LOG.warnf("%s: seeding partitions %s failed (%s); going on", component, gained, e.getMessage());
            }
        }
        owned.addAll(gained);
        assigned(owned, count);
        LOG.infof("%s: assigned capstan.clusters partitions %s of %d; replaying them", component, owned, count);
    }

    /** The revocation callback: the clusters of those partitions are forgotten. */
    public void onRevoked(Collection<TopicPartition> partitions) {
        Set<Integer> owned = new HashSet<>(ownership.partitions());
        partitions.stream().filter(p -> p.topic().equals(Topics.CLUSTERS)).forEach(p -> owned.remove(p.partition()));
        assigned(owned, partitionCount);
    }

    /** The loss callback (the consumer was fenced): as {@link #onRevoked}. */
    public void onLost(Collection<TopicPartition> partitions) {
        onRevoked(partitions);
    }

    /**
     * Records the partitions of {@code capstan.clusters} held now; clusters of other partitions are forgotten
     * (registry, then {@link Hooks#forget}).
     *
     * @param partitions     partitions held
     * @param partitionCount partition count of {@code capstan.clusters}; 0 when unknown (nothing is forgotten)
     */
    public void assigned(Collection<Integer> partitions, int partitionCount) {
        ownership.assigned(partitions, partitionCount);
        if (partitionCount <= 0) {
            return;
        }
        Set<Integer> held = Set.copyOf(partitions);
        Predicate<String> notOwned = c -> !held.contains(ClusterPartitioner.partitionFor(c, partitionCount));
        List<String> forgotten = registry.names().stream().filter(notOwned).toList();
        forgotten.forEach(registry::forget);
        hooks.forget(notOwned, forgotten);
    }

    /** Partition count of {@code capstan.clusters} seen at the last assignment, 0 before. */
    public int partitionCount() {
        return partitionCount;
    }
}
