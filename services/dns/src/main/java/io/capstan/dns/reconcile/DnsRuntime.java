package io.capstan.dns.reconcile;

import io.capstan.dns.config.DnsConfig;
import io.capstan.dns.messaging.ReplayProgress;
import io.capstan.dns.profile.SecretRef;
import io.capstan.dns.report.DnsReport;
import io.capstan.dns.request.ChallengeBook;
import io.capstan.dns.source.ClusterObjects;
import io.capstan.kit.messaging.ClusterAssignment;
import io.capstan.kit.messaging.EventRouter;
import io.capstan.kit.messaging.KafkaStatusSink;
import io.capstan.kit.messaging.PublishedStatusReader;
import io.capstan.kit.messaging.StatusSeed;
import io.capstan.kit.metrics.ServiceMetrics;
import io.capstan.kit.reconcile.Resync;
import io.capstan.kit.status.StatusLedger;
import io.capstan.kit.status.StatusReporter;
import io.capstan.model.Topics;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.event.PoisonEventException;
import io.capstan.model.kafka.ClusterPartitioner;
import io.capstan.model.reconcile.Backoff;
import io.capstan.model.reconcile.ClusterRegistry;
import io.capstan.model.reconcile.KeyedWorkQueue;
import io.capstan.model.reconcile.PartitionOwnership;
import io.capstan.model.request.Dns01Challenge;
import io.capstan.model.resource.ResourceEvent;
import io.capstan.model.resource.ResourceKey;
import io.capstan.model.status.StatusEvent;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The composition root of the dns service: cluster registry, partition ownership, the per-cluster source objects
 * replayed from {@code capstan.resources}, the live DNS-01 challenges, the keyed work queue (key = cluster) with its
 * periodic resync, the {@link DnsReconciler} and its adapters (provider cache reading credentials from the management
 * namespace, Kafka status sink), and the kit's metrics ({@code component=dns}).
 *
 * <p>The one channel {@code dns-in} reads {@code capstan.clusters}, {@code capstan.resources} and
 * {@code capstan.requests}. On every assignment {@code capstan.clusters} and {@code capstan.resources} are replayed
 * from their beginning (both compacted: the registry and the object cache are rebuilt), the status ledger is seeded
 * from {@code capstan.status} and the live challenges are recovered from this service's answers; a cluster's pass
 * runs only once its {@code capstan.resources} partition is replayed to the end offset it had at assignment
 * ({@link ReplayProgress}), so a restart never plans on a half-filled cache.
 */
@ApplicationScoped
@Startup
public class DnsRuntime {

    private static final Logger LOG = Logger.getLogger(DnsRuntime.class);
    private static final String COMPONENT = DnsReport.COMPONENT;

    @Inject
    DnsConfig config;
    @Inject
    KubernetesClient managementClient;
    @Inject
    MeterRegistry meters;
    @ConfigProperty(name = "capstan.management.namespace", defaultValue = "capstan-system")
    String managementNamespace;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final ClusterRegistry registry = new ClusterRegistry();
    private final PartitionOwnership ownership = new PartitionOwnership();
    private final Map<String, ClusterObjects> objects = new ConcurrentHashMap<>();
    private final ChallengeBook challenges = new ChallengeBook();
    private final ReplayProgress replay = new ReplayProgress();
    private volatile int resourcePartitions;
    private EventRouter<String> router;
    private ClusterAssignment assignment;
    private KafkaStatusSink sink;
    private ProviderCache providers;
    private KeyedWorkQueue<String> queue;
    private DnsReconciler reconciler;

    @PostConstruct
    void start() {
        ServiceMetrics metrics = new ServiceMetrics(COMPONENT, meters);
        StatusLedger ledger = new StatusLedger(COMPONENT, Clock.systemUTC(), config.statusHeartbeat());
        Backoff backoff = new Backoff(config.backoff().base(), config.backoff().max(), config.backoff().giveUpAfter());
        sink = new KafkaStatusSink(COMPONENT, bootstrap, Clock.systemUTC());
        StatusSeed seed = new StatusSeed(new PublishedStatusReader(COMPONENT, bootstrap), ledger, config.statusSeedTimeout());
        providers = new ProviderCache(this::readSecret, config.provider().timeout(),
                config.provider().maxRecordSetsPerMessage());
        reconciler = new DnsReconciler(registry, c -> objects.getOrDefault(c, new ClusterObjects()), challenges,
                providers, new StatusReporter(ledger, sink), backoff, metrics, this::ready, c -> {
                    objects.remove(c);
                    challenges.drop(c::equals);
                });
        queue = new KeyedWorkQueue<>(COMPONENT, config.workers(), reconciler, reconciler, backoff, new Random());
        router = EventRouter.byCluster(COMPONENT, registry)
                .topic(Topics.RESOURCES, EventTypes.RESOURCE_TYPES, this::resource)
                .requests(Set.of(Dns01Challenge.KIND), (type, r) -> challenges.apply(type, r) ? List.of(r.cluster()) : List.of())
                .observer(metrics)
                .build();
        assignment = new ClusterAssignment(COMPONENT, registry, ownership, Set.of(Topics.CLUSTERS, Topics.RESOURCES),
                new ClusterAssignment.Hooks() {
                    @Override
                    public void seed(Set<Integer> gained, int partitionCount) {
                        List<StatusEvent> published = seed.seed(gained, partitionCount);
                        int n = challenges.recover(published);
                        if (n > 0) {
                            LOG.infof("%d live DNS-01 challenge(s) recovered from capstan.status", n);
                        }
                    }

                    @Override
                    public void forget(Predicate<String> notOwned, List<String> forgotten) {
                        queue.forget(notOwned);
                        ledger.drop(notOwned);
                        challenges.drop(notOwned);
                        objects.keySet().removeIf(notOwned);
                    }
                });
        Duration resync = Resync.period(config.resyncInterval(), config.statusHeartbeat());
        queue.resyncEvery(resync, this::ownedClusters);
        metrics.queueDepth(queue);
        LOG.infof("dns reconciler started: %d worker(s), resync every %s, status heartbeat %s", config.workers(),
                resync, config.statusHeartbeat());
    }

    /** A record of {@code capstan.resources}: kept in the cluster's cache whether or not the cluster is known yet. */
    private List<String> resource(String key, String type, String value) {
        ResourceKey rk;
        try {
            rk = ResourceKey.parse(key);
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException("MalformedKey", e.getMessage());
        }
        if (!ClusterObjects.watched(rk)) {
            return List.of();
        }
        ResourceEvent ev = null;
        if (EventTypes.RESOURCE_CHANGED.equals(type)) {
            ev = Json.read(value, ResourceEvent.class);
            if (!ev.key().equals(rk)) {
                throw new PoisonEventException("KeyMismatch", "record key '" + key + "' differs from payload key '"
                        + ev.key().toKey() + "'");
            }
            if (ev.object() == null || !ev.object().isObject()) {
                throw new PoisonEventException("MalformedPayload", "resource " + key + " has no object");
            }
        }
        boolean changed = objects.computeIfAbsent(rk.cluster(), c -> new ClusterObjects())
                .put(rk, ev == null ? null : ev.object());
        return changed && registry.get(rk.cluster()).isPresent() ? List.of(rk.cluster()) : List.of();
    }

    private Optional<String> readSecret(SecretRef ref) {
        Secret s = managementClient.secrets().inNamespace(managementNamespace).withName(ref.name()).get();
        if (s == null) {
            return Optional.empty();
        }
        if (s.getData() != null && s.getData().get(ref.key()) != null) {
            return Optional.of(new String(Base64.getDecoder().decode(s.getData().get(ref.key())), StandardCharsets.UTF_8));
        }
        return Optional.ofNullable(s.getStringData() == null ? null : s.getStringData().get(ref.key()));
    }

    /** Owned, seeded and replayed. */
    private boolean ready(String cluster) {
        int n = resourcePartitions;
        return ownership.owns(cluster) && (n <= 0 || replay.caughtUp(ClusterPartitioner.partitionFor(cluster, n)));
    }

    @PreDestroy
    void stop() {
        queue.close();
        sink.close();
        providers.close();
    }

    /** The router the consumer feeds. */
    public EventRouter<String> router() {
        return router;
    }

    /** The assignment logic the rebalance listener delegates to. */
    public ClusterAssignment assignment() {
        return assignment;
    }

    /**
     * Starts the replay bookkeeping of newly assigned {@code capstan.resources} partitions.
     *
     * @param offsets        partition to {@code [beginning, end]} offsets at assignment
     * @param partitionCount partition count of {@code capstan.resources}
     */
    public void replaying(Map<Integer, long[]> offsets, int partitionCount) {
        resourcePartitions = partitionCount;
        offsets.forEach((p, be) -> replay.expect(p, be[0], be[1]));
    }

    /** Notes a handled {@code capstan.resources} record; enqueues the partition's clusters when its replay is done. */
    public void resourceSeen(int partition, long offset) {
        if (replay.seen(partition, offset)) {
            enqueuePartition(partition);
        }
    }

    /** Enqueues the owned clusters of a {@code capstan.resources} partition whose replay is complete. */
    public void enqueuePartition(int partition) {
        int n = resourcePartitions;
        ownedClusters().stream().filter(c -> n <= 0 || ClusterPartitioner.partitionFor(c, n) == partition)
                .forEach(queue::add);
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

    /** The reconciler (tests run passes directly). */
    public DnsReconciler reconciler() {
        return reconciler;
    }

    /** The provider cache (the sandbox's in-memory zones). */
    public ProviderCache providers() {
        return providers;
    }
}
