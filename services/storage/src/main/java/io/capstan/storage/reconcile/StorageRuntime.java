package io.capstan.storage.reconcile;

import io.capstan.kit.cluster.KubeconfigClusters;
import io.capstan.kit.messaging.ClusterAssignment;
import io.capstan.kit.messaging.EventRouter;
import io.capstan.kit.messaging.KafkaStatusSink;
import io.capstan.kit.messaging.PublishedStatusReader;
import io.capstan.kit.messaging.StatusSeed;
import io.capstan.kit.metrics.ServiceMetrics;
import io.capstan.kit.reconcile.Resync;
import io.capstan.kit.status.StatusLedger;
import io.capstan.model.reconcile.Backoff;
import io.capstan.model.reconcile.ClusterRegistry;
import io.capstan.model.reconcile.KeyedWorkQueue;
import io.capstan.model.reconcile.PartitionOwnership;
import io.capstan.storage.cluster.KubeconfigWorkloadClusters;
import io.capstan.storage.config.ManagementConfig;
import io.capstan.storage.config.StorageConfig;
import io.capstan.storage.messaging.StorageEventRouter;
import io.capstan.storage.report.StorageReport;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The composition root of the storage service, wiring the kit ({@code io.capstan.kit}) around the storage core: the
 * cluster registry, partition ownership and its {@link ClusterAssignment} (seeded by {@link StatusSeed}), the
 * {@link EventRouter}, the keyed work queue with its periodic resync, the {@link StorageReconciler} and its adapters
 * (kubeconfig clusters, {@link KafkaStatusSink}), and the kit's {@link ServiceMetrics} (tag {@code component=storage}):
 * {@code capstan.reconcile} timer and {@code capstan.reconcile.passes} counter by {@code outcome} (ensured, unchanged,
 * finalized, forgotten, invalid-profile, failed, not-owned), {@code capstan.reconcile.conflicts},
 * {@code capstan.workqueue.depth}, {@code capstan.records} by {@code topic} and {@code outcome} (handled, poison).
 */
@ApplicationScoped
@Startup
public class StorageRuntime {

    private static final Logger LOG = Logger.getLogger(StorageRuntime.class);
    private static final String COMPONENT = StorageReport.COMPONENT;

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
    private EventRouter<String> router;
    private ClusterAssignment assignment;
    private KubeconfigClusters clusters;
    private KafkaStatusSink sink;
    private KeyedWorkQueue<String> queue;

    @PostConstruct
    void start() {
        ServiceMetrics metrics = new ServiceMetrics(COMPONENT, meters);
        StatusLedger ledger = new StatusLedger(COMPONENT, Clock.systemUTC(), config.statusHeartbeat());
        Backoff backoff = new Backoff(config.backoff().base(), config.backoff().max(), config.backoff().giveUpAfter());
        router = StorageEventRouter.create(registry, metrics);
        clusters = new KubeconfigClusters(COMPONENT, managementClient, management.namespace(),
                new VertxHttpClientFactory(vertx), config.client().requestTimeout(), config.client().connectTimeout());
        sink = new KafkaStatusSink(COMPONENT, bootstrap, Clock.systemUTC());
        StatusSeed seed = new StatusSeed(new PublishedStatusReader(COMPONENT, bootstrap), ledger, config.statusSeedTimeout());
        // ownership is updated only after the seed of a partition is loaded (seed, then own): owned = seeded
        StorageReconciler reconciler = new StorageReconciler(registry, new KubeconfigWorkloadClusters(clusters), sink,
                ledger, backoff, config.maxConflictRetries(), metrics, ownership::owns);
        queue = new KeyedWorkQueue<>(COMPONENT, config.workers(), reconciler, reconciler, backoff, new Random());
        assignment = new ClusterAssignment(COMPONENT, registry, ownership, new ClusterAssignment.Hooks() {
            @Override
            public void seed(Set<Integer> gained, int partitionCount) {
                seed.seed(gained, partitionCount);
            }

            @Override
            public void forget(Predicate<String> notOwned, List<String> forgotten) {
                // without touching their status: the new owner takes over and seeds its own ledger
                forgotten.forEach(clusters::close);
                queue.forget(notOwned);
                ledger.drop(notOwned);
            }
        });
        Duration resync = Resync.period(config.resyncInterval(), config.statusHeartbeat());
        queue.resyncEvery(resync, this::ownedClusters);
        metrics.queueDepth(queue);
        LOG.infof("storage reconciler started: %d worker(s), resync every %s, status heartbeat %s", config.workers(),
                resync, config.statusHeartbeat());
    }

    @PreDestroy
    void stop() {
        queue.close();
        sink.close();
        clusters.close();
    }

    /** The router the consumer feeds. */
    public EventRouter<String> router() {
        return router;
    }

    /** The assignment logic the rebalance listener delegates to. */
    public ClusterAssignment assignment() {
        return assignment;
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
}
