package io.capstan.storage.reconcile;

import io.capstan.model.kafka.ClusterPartitioner;
import io.capstan.model.reconcile.Backoff;
import io.capstan.model.reconcile.ClusterRegistry;
import io.capstan.model.reconcile.KeyedWorkQueue;
import io.capstan.model.reconcile.PartitionOwnership;
import io.capstan.storage.cluster.KubeconfigClusters;
import io.capstan.storage.config.ManagementConfig;
import io.capstan.storage.config.StorageConfig;
import io.capstan.storage.messaging.KafkaStatusSink;
import io.capstan.storage.messaging.PublishedStatusReader;
import io.capstan.storage.messaging.StorageEventRouter;
import io.capstan.model.status.StatusEvent;
import io.capstan.storage.report.StatusLedger;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The composition root of the storage service: the cluster registry, partition ownership, the keyed work queue with
 * its periodic resync, the {@link StorageReconciler} and its adapters (kubeconfig clusters, Kafka status sink), and
 * the metrics:
 * <ul>
 *   <li>{@code capstan.reconcile} timer and {@code capstan.reconcile.passes} counter, tags {@code component=storage},
 *   {@code outcome} (ensured, unchanged, finalized, forgotten, invalid-profile, failed);</li>
 *   <li>{@code capstan.reconcile.conflicts} counter (409s re-planned);</li>
 *   <li>{@code capstan.workqueue.depth} gauge (keys waiting or in flight);</li>
 *   <li>{@code capstan.records} counter, tags {@code topic}, {@code outcome} (handled, poison).</li>
 * </ul>
 */
@ApplicationScoped
@Startup
public class StorageRuntime {

    private static final Logger LOG = Logger.getLogger(StorageRuntime.class);
    private static final String COMPONENT = "storage";

    @Inject
    StorageConfig config;
    @Inject
    ManagementConfig management;
    @Inject
    KubernetesClient managementClient;
    @Inject
    MeterRegistry meters;
    @Inject
    Vertx vertx;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final ClusterRegistry registry = new ClusterRegistry();
    private final PartitionOwnership ownership = new PartitionOwnership();
    private StatusLedger ledger;
    private PublishedStatusReader statusReader;
    private StorageEventRouter router;
    private KubeconfigClusters clusters;
    private KafkaStatusSink sink;
    private KeyedWorkQueue<String> queue;

    @PostConstruct
    void start() {
        ledger = new StatusLedger(Clock.systemUTC(), config.statusHeartbeat());
        Backoff backoff = new Backoff(config.backoff().base(), config.backoff().max(), config.backoff().giveUpAfter());
        router = new StorageEventRouter(registry);
        clusters = new KubeconfigClusters(managementClient, management.namespace(), new VertxHttpClientFactory(vertx),
                config.client().requestTimeout(), config.client().connectTimeout());
        sink = new KafkaStatusSink(bootstrap, Clock.systemUTC());
        statusReader = new PublishedStatusReader(bootstrap);
        PassObserver observer = new PassObserver() {
            @Override
            public void passed(String cluster, String outcome, long nanos) {
                Timer.builder("capstan.reconcile").description("Reconcile passes by outcome")
                        .tags("component", COMPONENT, "outcome", outcome).register(meters).record(nanos, TimeUnit.NANOSECONDS);
                Counter.builder("capstan.reconcile.passes").tags("component", COMPONENT, "outcome", outcome)
                        .register(meters).increment();
            }

            @Override
            public void conflict(String cluster) {
                Counter.builder("capstan.reconcile.conflicts").tags("component", COMPONENT).register(meters).increment();
            }
        };
        // ownership is updated only after the seed of a partition is loaded (seed, then assigned): owned = seeded
        StorageReconciler reconciler = new StorageReconciler(registry, clusters, sink, ledger,
                backoff, config.maxConflictRetries(), observer, ownership::owns);
        queue = new KeyedWorkQueue<>("storage", config.workers(), reconciler, reconciler, backoff, new Random());
        Duration resync = resyncPeriod(config.resyncInterval(), config.statusHeartbeat());
        queue.resyncEvery(resync, this::ownedClusters);
        Gauge.builder("capstan.workqueue.depth", queue, KeyedWorkQueue::depth).tags("component", COMPONENT)
                .description("Keys waiting or in flight").register(meters);
        LOG.infof("storage reconciler started: %d worker(s), resync every %s, status heartbeat %s", config.workers(),
                resync, config.statusHeartbeat());
    }

    /**
     * The period of the resync: {@code min(resyncInterval, heartbeat / 2)}, so an unchanged component entry, republished
     * by the first pass after it is {@code heartbeat} old, is never older than 1.5 times the heartbeat.
     *
     * @param resyncInterval {@code capstan.storage.resync-interval}
     * @param heartbeat      {@code capstan.storage.status-heartbeat}, positive
     */
    public static Duration resyncPeriod(Duration resyncInterval, Duration heartbeat) {
        Duration half = heartbeat.dividedBy(2);
        return resyncInterval.compareTo(half) <= 0 ? resyncInterval : half;
    }

    @PreDestroy
    void stop() {
        queue.close();
        sink.close();
        clusters.close();
    }

    /** The router the consumer feeds. */
    public StorageEventRouter router() {
        return router;
    }

    /** The ownership the rebalance listener keeps. */
    public PartitionOwnership ownership() {
        return ownership;
    }

    /** Enqueues a cluster. */
    public void enqueue(String cluster) {
        queue.add(cluster);
    }

    /** Keys waiting or in flight. */
    public int queueDepth() {
        return queue.depth();
    }

    /** Clusters known and owned now. */
    public List<String> ownedClusters() {
        return registry.names().stream().filter(ownership::owns).toList();
    }

    /**
     * Seeds the status ledger with what {@code capstan.status} holds for the clusters of newly assigned
     * {@code capstan.clusters} partitions. Call before {@link #assigned} makes them owned, so that no pass of those
     * clusters runs before the seed is loaded. A read that fails or times out
     * ({@code capstan.storage.status-seed-timeout}) is logged and the partitions go on unseeded (their entries are
     * then published once more, vanished objects not tombstoned); it never blocks the assignment.
     *
     * @param gained         partitions of {@code capstan.clusters} this replica did not own before
     * @param partitionCount partition count of {@code capstan.clusters}
     */
    public void seed(Collection<Integer> gained, int partitionCount) {
        if (gained.isEmpty() || partitionCount <= 0) {
            return;
        }
        java.util.Set<Integer> parts = java.util.Set.copyOf(gained);
        java.util.function.Predicate<String> covers = c -> parts.contains(ClusterPartitioner.partitionFor(c, partitionCount));
        long start = System.nanoTime();
        try {
            List<StatusEvent> published = statusReader.read(parts, partitionCount, config.statusSeedTimeout());
            ledger.seed(covers, published);
            LOG.infof("status ledger seeded from capstan.status for partitions %s: %d entr(ies) in %d ms", parts,
                    published.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (RuntimeException e) {
            ledger.drop(covers);
            LOG.warnf("cannot read capstan.status for partitions %s (%s); going on unseeded: entries are published once"
                    + " more and vanished objects are not tombstoned until the cluster's tombstone", parts, e.getMessage());
        }
    }

    /**
     * Records a new assignment of {@code capstan.clusters} partitions; clusters of partitions no longer held are
     * forgotten (registry, queue, clients, status ledger) without touching their status: the new owner takes over
     * (and seeds its ledger from {@code capstan.status}).
     */
    public void assigned(Collection<Integer> partitions, int partitionCount) {
        ownership.assigned(partitions, partitionCount);
        if (partitionCount <= 0) {
            return;
        }
        for (String c : registry.names()) {
            if (!partitions.contains(ClusterPartitioner.partitionFor(c, partitionCount))) {
                registry.forget(c);
                clusters.close(c);
            }
        }
        queue.forget(c -> !ownership.owns(c));
        ledger.drop(c -> !partitions.contains(ClusterPartitioner.partitionFor(c, partitionCount)));
    }

    /** Counts one consumed record. */
    public void recordHandled(String topic, String outcome) {
        Counter.builder("capstan.records").tags("component", COMPONENT, "topic", topic, "outcome", outcome)
                .register(meters).increment();
    }
}
