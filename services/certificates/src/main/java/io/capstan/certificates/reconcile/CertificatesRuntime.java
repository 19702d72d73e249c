package io.capstan.certificates.reconcile;

import io.capstan.certificates.acme.AcmeOrders;
import io.capstan.certificates.acme.ChallengeBroker;
import io.capstan.certificates.cluster.Fabric8WorkloadCertificates;
import io.capstan.certificates.config.CertificatesConfig;
import io.capstan.certificates.config.ManagementConfig;
import io.capstan.certificates.issuer.IssuerResolver;
import io.capstan.certificates.issuer.SecretReader;
import io.capstan.certificates.report.CertificateReport;
import io.capstan.certificates.report.ExpiryGauges;
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
import io.capstan.model.kafka.CloudEventPublisher;
import io.capstan.model.reconcile.Backoff;
import io.capstan.model.reconcile.ClusterRegistry;
import io.capstan.model.reconcile.KeyedWorkQueue;
import io.capstan.model.reconcile.PartitionOwnership;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
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
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The composition root of the certificates service: cluster registry and partition ownership (kit
 * {@link ClusterAssignment}), the kit's event router, the keyed work queue (key = cluster name) with its periodic
 * resync and the renewal wake-ups ({@link io.capstan.model.reconcile.Reconciler.Result#requeueAfter}), the
 * {@link CertificatesReconciler} and its adapters (kubeconfig clusters, management Secrets, the Kafka status sink,
 * the DNS01Challenge broker, acme4j), and the metrics: the kit's {@code capstan.reconcile*}, {@code capstan.records},
 * {@code capstan.workqueue.depth} (tag {@code component=certificates}) and
 * {@code capstan_certificate_expiration_timestamp_seconds} ({@link ExpiryGauges}).
 */
@ApplicationScoped
@Startup
public class CertificatesRuntime {

    private static final Logger LOG = Logger.getLogger(CertificatesRuntime.class);
    private static final String COMPONENT = CertificateReport.COMPONENT;

    /** {@code group/kind} of the resources that wake a cluster. */
    public static final Set<String> WATCHED_KINDS = Set.of("cert-manager.io/Certificate", "cert-manager.io/Issuer",
            "cert-manager.io/ClusterIssuer", "cert-manager.io/CertificateRequest", "networking.k8s.io/Ingress",
            "gateway.networking.k8s.io/Gateway", "core/Secret", "certmanager.k8s.io/Certificate");

    @Inject
    CertificatesConfig config;
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
    @ConfigProperty(name = "capstan.certificates.cluster-resource-namespace", defaultValue = "cert-manager")
    String clusterResourceNamespace;

    private final ClusterRegistry registry = new ClusterRegistry();
    private final PartitionOwnership ownership = new PartitionOwnership();
    private StatusLedger ledger;
    private KafkaStatusSink sink;
    private KubeconfigClusters clusters;
    private ChallengeBroker broker;
    private ExpiryGauges gauges;
    private IssuerResolver resolver;
    private KeyedWorkQueue<String> queue;
    private EventRouter<String> router;
    private ClusterAssignment assignment;
    private CertificatesReconciler reconciler;

    @PostConstruct
    void start() {
        Clock clock = Clock.systemUTC();
        ledger = new StatusLedger(COMPONENT, clock, config.statusHeartbeat());
        sink = new KafkaStatusSink(COMPONENT, bootstrap, clock);
        StatusReporter reporter = new StatusReporter(ledger, sink);
        ServiceMetrics metrics = new ServiceMetrics(COMPONENT, meters);
        clusters = new KubeconfigClusters(COMPONENT, managementClient, management.namespace(),
                new VertxHttpClientFactory(vertx), config.client().requestTimeout(), config.client().connectTimeout());
        broker = new ChallengeBroker(CloudEventPublisher.to(bootstrap, "capstan-certificates-requests",
                "/capstan/" + COMPONENT, clock));
        gauges = new ExpiryGauges(meters);
        resolver = new IssuerResolver(this::managementSecret, management.namespace(), clusterResourceNamespace);
        Backoff backoff = new Backoff(config.backoff().base(), config.backoff().max(), config.backoff().giveUpAfter());
        CertificateSync sync = new CertificateSync(clock, resolver, new AcmeOrders(broker, config.acme().timeout(),
                config.acme().txtTtl()), new AccountKeys(managementClient, management.namespace()),
                this::managementSecret, config.issuanceRetryBase(), config.issuanceRetryMax(), management.namespace());
        reconciler = new CertificatesReconciler(registry, (cluster, secret) ->
                new Fabric8WorkloadCertificates(cluster, clusters.open(cluster, secret)), clusters::close, reporter,
                gauges, sync, backoff, metrics, clock, ownership::owns);
        Duration resync = Resync.period(config.resyncInterval(), config.statusHeartbeat());
        reconciler.wakeHorizon(resync.multipliedBy(2));
        queue = new KeyedWorkQueue<>(COMPONENT, config.workers(), reconciler, reconciler, backoff, new Random());
        queue.resyncEvery(resync, this::ownedClusters);
        metrics.queueDepth(queue);
        router = EventRouter.byCluster(COMPONENT, registry)
                .resources(WATCHED_KINDS, (key, event) -> List.of(key.cluster()))
                .status(Set.of(ChallengeBroker.DNS_COMPONENT), (cluster, component, key, event) -> {
                    broker.answered(cluster, key, event);
                    return List.of();
                })
                .observer(metrics)
                .build();
        StatusSeed seed = new StatusSeed(new PublishedStatusReader(COMPONENT, bootstrap), ledger, config.statusSeedTimeout());
        assignment = new ClusterAssignment(COMPONENT, registry, ownership, new ClusterAssignment.Hooks() {
            @Override
            public void seed(Set<Integer> gained, int partitionCount) {
                seed.seed(gained, partitionCount);
            }

            @Override
            public void forget(Predicate<String> notOwned, List<String> forgotten) {
                queue.forget(notOwned);
                ledger.drop(notOwned);
                for (String c : forgotten) {
                    clusters.close(c);
                    broker.forget(c);
                    gauges.forget(c);
                    resolver.forget(c);
                }
            }
        });
        LOG.infof("certificates reconciler started: %d worker(s), resync every %s", config.workers(), resync);
    }

    @PreDestroy
    void stop() {
        queue.close();
        sink.close();
        broker.close();
        clusters.close();
    }

    /** Reads a Secret of the management namespace (fleet CA, ACME trust); its data is key material. */
    Optional<SecretReader.Content> managementSecret(String namespace, String name) {
        Secret s;
        try {
            s = managementClient.secrets().inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            throw new ClusterReadException("management API: reading Secret " + namespace + "/" + name
                    + " failed with HTTP " + e.getCode(), null);
        }
        if (s == null) {
            return Optional.empty();
        }
        Map<String, byte[]> data = new HashMap<>();
        if (s.getData() != null) {
            s.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v == null ? "" : v)));
        }
        if (s.getStringData() != null) {
            s.getStringData().forEach((k, v) -> data.put(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return Optional.of(new SecretReader.Content(s.getMetadata().getResourceVersion(), data));
    }

    /** The router the consumer feeds. */
    public EventRouter<String> router() {
        return router;
    }

    /** The assignment logic the rebalance listener delegates to. */
    public ClusterAssignment assignment() {
        return assignment;
    }

    /** The ownership the assignment keeps. */
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

    /** The expiry gauges (tests read them). */
    public ExpiryGauges gauges() {
        return gauges;
    }

    /** The reconciler (tests and the benchmark read its counters). */
    public CertificatesReconciler reconciler() {
        return reconciler;
    }
}
