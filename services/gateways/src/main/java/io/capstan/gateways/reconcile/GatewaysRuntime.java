package io.capstan.gateways.reconcile;

import io.capstan.gateways.cluster.ConfigMapFleetClaims;
import io.capstan.gateways.cluster.KubeconfigWorkloadGateways;
import io.capstan.gateways.config.GatewaysConfig;
import io.capstan.gateways.config.ManagementConfig;
import io.capstan.gateways.edge.EdgePass;
import io.capstan.kit.cluster.KubeconfigClusters;
import io.capstan.kit.messaging.ClusterAssignment;
import io.capstan.kit.messaging.EventRouter;
import io.capstan.kit.messaging.KafkaStatusSink;
import io.capstan.kit.messaging.PublishedStatusReader;
import io.capstan.kit.messaging.StatusSeed;
import io.capstan.kit.metrics.ServiceMetrics;
import io.capstan.kit.reconcile.Resync;
import io.capstan.kit.status.StatusLedger;
import io.capstan.kit.status.StatusReporter;
import io.capstan.model.reconcile.Backoff;
import io.capstan.model.reconcile.ClusterRegistry;
import io.capstan.model.reconcile.KeyedWorkQueue;
import io.capstan.model.reconcile.PartitionOwnership;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
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
 * The composition root of the gateways service: cluster registry, partition ownership, the keyed work queue (one key
 * per cluster) with its periodic resync, the {@link GatewaysReconciler} and its adapters (kubeconfig clusters,
 * ConfigMap fleet claims in the management cluster, Kafka status sink), the edge part (the one {@link EdgePass} CDI
 * bean, or none) and the kit's metrics ({@code component=gateways}).
 */
@ApplicationScoped
@Startup
public class GatewaysRuntime {

    private static final Logger LOG = Logger.getLogger(GatewaysRuntime.class);
    private static final String COMPONENT = GatewaysReport.COMPONENT;

    /** {@code group/kind}s whose changes wake a cluster (core group written {@code core}). */
    public static final Set<String> WATCHED_KINDS = Set.of("core/Service", "core/Namespace", "metallb.io/IPAddressPool",
            "gateway.networking.k8s.io/Gateway", "gateway.networking.k8s.io/GatewayClass",
            "gateway.networking.k8s.io/HTTPRoute", "gateway.networking.k8s.io/GRPCRoute",
            "gateway.networking.k8s.io/TLSRoute", "gateway.networking.k8s.io/ReferenceGrant",
            "networking.k8s.io/Ingress");

    @Inject
    GatewaysConfig config;
    @Inject
    ManagementConfig management;
    @Inject
    KubernetesClient managementClient;
    @Inject
    MeterRegistry meters;
    @Inject
    Vertx vertx;
    @Inject
    Instance<EdgePass> edges;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final ClusterRegistry registry = new ClusterRegistry();
    private final PartitionOwnership ownership = new PartitionOwnership();
    private EventRouter<String> router;
    private ClusterAssignment assignment;
    private KubeconfigClusters clusters;
    private KafkaStatusSink sink;
    private KeyedWorkQueue<String> queue;
    private GatewaysReconciler reconciler;

    @PostConstruct
    void start() {
        ServiceMetrics metrics = new ServiceMetrics(COMPONENT, meters);
        StatusLedger ledger = new StatusLedger(COMPONENT, Clock.systemUTC(), config.statusHeartbeat());
        Backoff backoff = new Backoff(config.backoff().base(), config.backoff().max(), config.backoff().giveUpAfter());
        router = EventRouter.byCluster(COMPONENT, registry)
                .resources(WATCHED_KINDS, (key, event) -> List.of(key.cluster()))
                .observer(metrics)
                .build();
        clusters = new KubeconfigClusters(COMPONENT, managementClient, management.namespace(),
                new VertxHttpClientFactory(vertx), config.client().requestTimeout(), config.client().connectTimeout());
        sink = new KafkaStatusSink(COMPONENT, bootstrap, Clock.systemUTC());
        StatusSeed seed = new StatusSeed(new PublishedStatusReader(COMPONENT, bootstrap), ledger, config.statusSeedTimeout());
        EdgePass edge = edges.isResolvable() ? edges.get() : EdgePass.NONE;
        reconciler = new GatewaysReconciler(registry, new KubeconfigWorkloadGateways(clusters),
                new ConfigMapFleetClaims(managementClient, management.namespace()), new StatusReporter(ledger, sink),
                backoff, config.maxConflictRetries(), metrics, ownership::owns, edge);
        queue = new KeyedWorkQueue<>(COMPONENT, config.workers(), reconciler, reconciler, backoff, new Random());
        assignment = new ClusterAssignment(COMPONENT, registry, ownership, new ClusterAssignment.Hooks() {
            @Override
            public void seed(Set<Integer> gained, int partitionCount) {
                seed.seed(gained, partitionCount);
            }

            @Override
            public void forget(Predicate<String> notOwned, List<String> forgotten) {
                forgotten.forEach(clusters::close);
                queue.forget(notOwned);
                ledger.drop(notOwned);
            }
        });
        Duration resync = Resync.period(config.resyncInterval(), config.statusHeartbeat());
        queue.resyncEvery(resync, this::ownedClusters);
        metrics.queueDepth(queue);
        LOG.infof("gateways reconciler started: %d worker(s), resync every %s, edge %s", config.workers(), resync,
                edge == EdgePass.NONE ? "none" : edge.getClass().getSimpleName());
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

    /** Enqueues a cluster. */
    public void enqueue(String cluster) {
        queue.add(cluster);
    }

    /** The reconciler (tests and the benchmark run passes directly). */
    public GatewaysReconciler reconciler() {
        return reconciler;
    }

    /** The partitions of capstan.clusters this replica owns (sorted text, for the readiness data). */
    public String ownedPartitions() {
        return ownership.partitions().toString();
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
