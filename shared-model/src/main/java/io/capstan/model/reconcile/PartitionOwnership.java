package io.capstan.model.reconcile;

import io.capstan.model.kafka.ClusterPartitioner;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Which clusters this replica reconciles: those whose partition ({@link ClusterPartitioner}) it was assigned on
 * {@code capstan.clusters}. Updated from the Kafka rebalance listener; read by workers and timers. Thread-safe.
 */
public final class PartitionOwnership {

    private record State(Set<Integer> partitions, int partitionCount) {
    }

    private final AtomicReference<State> state = new AtomicReference<>(new State(Set.of(), 0));

    /**
     * Records a new assignment.
     *
     * @param partitions     partition numbers assigned to this replica on capstan.clusters
     * @param partitionCount number of partitions of capstan.clusters
     */
    public void assigned(Collection<Integer> partitions, int partitionCount) {
        state.set(new State(Set.copyOf(partitions), partitionCount));
    }

    /** True when this replica owns the cluster. */
    public boolean owns(String cluster) {
        State s = state.get();
        return s.partitionCount > 0 && s.partitions.contains(ClusterPartitioner.partitionFor(cluster, s.partitionCount));
    }

    /** The partitions held now. */
    public Set<Integer> partitions() {
        return state.get().partitions;
    }
}
