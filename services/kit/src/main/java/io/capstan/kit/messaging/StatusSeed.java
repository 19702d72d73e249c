package io.capstan.kit.messaging;

import io.capstan.kit.status.StatusLedger;
import io.capstan.model.kafka.ClusterPartitioner;
import io.capstan.model.status.StatusEvent;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Seeds a {@link StatusLedger} with what {@code capstan.status} holds for the clusters of newly assigned
 * {@code capstan.clusters} partitions ({@link PublishedStatusReader}). Plug it into
 * {@link ClusterAssignment.Hooks#seed}: it runs before the partitions become owned, so no pass of those clusters runs
 * before the seed is loaded. A read that fails or times out is logged and the partitions go on unseeded (their
 * entries are then published once more, vanished objects not tombstoned until the cluster's tombstone); it never
 * blocks the assignment.
 */
public final class StatusSeed {

    private static final Logger LOG = Logger.getLogger(StatusSeed.class);

    private final PublishedStatusReader reader;
    private final StatusLedger ledger;
    private final Duration timeout;

    /**
     * @param reader  reads this component's entries back
     * @param ledger  the ledger to seed (same component as the reader)
     * @param timeout longest read ({@code capstan.<component>.status-seed-timeout}, storage's default 30 s)
     */
    public StatusSeed(PublishedStatusReader reader, StatusLedger ledger, Duration timeout) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Loads the seed of those partitions; never throws.
     *
     * @param gained         partitions of {@code capstan.clusters} this replica did not own before
     * @param partitionCount partition count of {@code capstan.clusters}
     * @return the entries loaded (empty when the read failed), for services that recover more from them (for example
     * live requests from their answers)
     */
    public List<StatusEvent> seed(Collection<Integer> gained, int partitionCount) {
        if (gained.isEmpty() || partitionCount <= 0) {
            return List.of();
        }
        Set<Integer> parts = Set.copyOf(gained);
        Predicate<String> covers = c -> parts.contains(ClusterPartitioner.partitionFor(c, partitionCount));
        long start = System.nanoTime();
        try {
            List<StatusEvent> published = reader.read(parts, partitionCount, timeout);
            ledger.seed(covers, published);
            LOG.infof("%s: status ledger seeded from capstan.status for partitions %s: %d entr(ies) in %d ms",
                    ledger.component(), parts, published.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            return published;
        } catch (RuntimeException e) {
            ledger.drop(covers);
            LOG.warnf("%s: cannot read capstan.status for partitions %s (%s); going on unseeded: entries are published"
                    + " once more and vanished objects are not tombstoned until the cluster's tombstone",
                    ledger.component(), parts, e.getMessage());
            return List.of();
        }
    }
}
