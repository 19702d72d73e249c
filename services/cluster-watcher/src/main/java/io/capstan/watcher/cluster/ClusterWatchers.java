package io.capstan.watcher.cluster;

import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.reconcile.Backoff;
import io.capstan.model.reconcile.ClusterRegistry;
import io.capstan.model.reconcile.KeyedWorkQueue;
import io.capstan.model.reconcile.PartitionOwnership;
import io.capstan.model.reconcile.ReconcileException;
import io.capstan.model.reconcile.Reconciler;
import io.capstan.model.status.StatusEvent;
import io.capstan.watcher.config.ManagementConfig;
import io.capstan.watcher.config.WatcherConfig;
import io.capstan.watcher.ledger.PublishedKeys;
import io.capstan.watcher.messaging.EventProducer;
import io.capstan.watcher.messaging.ResourceTopicReader;
import io.capstan.watcher.status.ClusterHealth;
import io.capstan.watcher.status.WatcherStatus;
import io.capstan.watcher.trim.ObjectTrimmer;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.LinkedHashMap;
import org.apache.kafka.clients.producer.RecordMetadata;
import java.util.concurrent.CompletableFuture;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Runs one reconcile pass per owned cluster (the {@link KeyedWorkQueue} key is the cluster name): observe (registry,
 * kubeconfig Secret, probe, informer state), act (start, rebuild or stop the {@link ClusterWatch}, sweep stale keys,
 * tombstone everything on deregistration) and report (the {@link WatcherStatus} component status, only on change or
 * heartbeat). Every owned cluster is re-enqueued every {@code capstan.watcher.probe-interval}.
 */
@ApplicationScoped
public class ClusterWatchers {

    private static final Logger LOG = Logger.getLogger(ClusterWatchers.class);

    /** MDC key naming the workload cluster a log line is about (a field of the JSON log line in production). */
    public static final String MDC_CLUSTER = "cluster";

    /** Per-cluster state; the watch is touched only by the worker holding the cluster's key. */
    private static final class State {
        final PublishedKeys ledger = new PublishedKeys();
        final WatcherStatus status;
        volatile ClusterWatch watch;

        State(String cluster, Duration heartbeat) {
            status = new WatcherStatus(cluster, heartbeat);
        }
    }

    private final ClusterRegistry registry = new ClusterRegistry();
    private final PartitionOwnership ownership = new PartitionOwnership();
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    @Inject
    WatcherConfig config;
    @Inject
    ManagementConfig management;
    @Inject
    KubernetesClient managementClient;
    @Inject
    EventProducer producer;
    @Inject
    ResourceTopicReader topicReader;
    @Inject
    MeterRegistry meters;

    private ObjectTrimmer trimmer;
    private KeyedWorkQueue<String> queue;

    void onStart(@Observes StartupEvent ignored) {
        trimmer = new ObjectTrimmer(config.maxObjectBytes());
        queue = new KeyedWorkQueue<>("cluster-watcher", config.workers(), this::reconcile,
                (cluster, attempt, error) -> {
                    MDC.put(MDC_CLUSTER, cluster);
                    try {
                        LOG.warnf("cluster %s: pass %d failed: %s %s", cluster, attempt, error.reason(), error.getMessage());
                    } finally {
                        MDC.remove(MDC_CLUSTER);
                    }
                },
                new Backoff(Duration.ofMillis(500), config.probeInterval().multipliedBy(2), 5), RandomGenerator.getDefault());
        queue.resyncEvery(config.probeInterval(), this::ownedClusters);
        meters.gauge("capstan.watcher.clusters.watched", states,
                s -> s.values().stream().filter(st -> st.watch != null && st.watch.started()).count());
    }

    void onStop(@Observes ShutdownEvent ignored) {
        if (queue != null) {
            queue.close();
        }
        states.values().forEach(s -> stopWatch(s));
    }

    /**
     * Applies one record of {@code capstan.clusters} to the registry and enqueues its cluster when it changed.
     *
     * @throws io.capstan.model.event.PoisonEventException for an unknown type or a key/payload mismatch
     */
    public void apply(String key, String type, ClusterEvent payload) {
        ClusterRegistry.Change change = registry.apply(key, type, payload);
        if (change == ClusterRegistry.Change.DELETED) {
            deleted.add(key);
        }
        if (change != ClusterRegistry.Change.UNCHANGED && queue != null) {
            queue.add(key);
        }
    }

    /**
     * A new assignment of {@code capstan.clusters}: clusters no longer owned are dropped (their watches stopped, their
     * keys left for the new owner) and forgotten by the registry and the queue.
     */
    public void assigned(Collection<Integer> partitions, int partitionCount) {
        ownership.assigned(partitions, partitionCount);
        for (String cluster : new HashSet<>(registry.names())) {
            if (!ownership.owns(cluster)) {
                registry.forget(cluster);
            }
        }
        if (queue != null) {
            queue.forget(c -> !ownership.owns(c));
            states.keySet().forEach(queue::add);
        }
    }

    /** The clusters this replica owns and knows (registry) or still holds state for. */
    Set<String> ownedClusters() {
        Set<String> out = new HashSet<>(registry.names());
        out.addAll(states.keySet());
        out.addAll(deleted);
        return out;
    }

    /** One pass for one cluster (see class javadoc); its log lines carry the MDC field {@value #MDC_CLUSTER}. */
    Reconciler.Result reconcile(String cluster, int attempt) {
        MDC.put(MDC_CLUSTER, cluster);
        try {
            return pass(cluster);
        } finally {
            MDC.remove(MDC_CLUSTER);
        }
    }

    private Reconciler.Result pass(String cluster) {
        if (!ownership.owns(cluster)) {
            State st = states.remove(cluster);
            if (st != null) {
                stopWatch(st);
            }
            deleted.remove(cluster);
            return Reconciler.Result.DONE;
        }
        Optional<ClusterEvent> event = registry.get(cluster);
        if (event.isEmpty()) {
            State st = states.remove(cluster);
            if (st != null) {
                stopWatch(st);
            }
            if (deleted.remove(cluster) || st != null) {
                producer.statusRemoved(StatusEvent.key(cluster, WatcherStatus.COMPONENT, null));
                LOG.infof("cluster %s: deleted, forgotten", cluster);
            }
            return Reconciler.Result.DONE;
        }
        State st = states.computeIfAbsent(cluster, c -> new State(c, config.statusHeartbeat()));
        ClusterEvent ev = event.get();
        if (ev.deleting()) {
            finalizeCluster(st, ev);
            return Reconciler.Result.DONE;
        }
        return observe(st, ev);
    }

    private Reconciler.Result observe(State st, ClusterEvent ev) {
        Instant now = Instant.now();
        String cluster = ev.name();
        String kubeconfig;
        try {
            kubeconfig = readKubeconfig(ev);
        } catch (KubernetesClientException e) {
            throw ReconcileException.transientError("ManagementUnavailable",
                    "cannot read Secret " + ev.kubeconfigSecret() + ": HTTP " + e.getCode(), null);
        }
        if (kubeconfig == null) {
            stopWatch(st);
            report(st, ClusterHealth.KUBECONFIG_MISSING, "Secret " + management.namespace() + "/" + ev.kubeconfigSecret()
                    + " with key " + ClusterEvent.KUBECONFIG_KEY + " not found", ev.generation(), now);
            return Reconciler.Result.DONE;
        }
        Optional<String> problem = Kubeconfigs.problem(kubeconfig);
        if (problem.isPresent()) {
            stopWatch(st);
            report(st, ClusterHealth.KUBECONFIG_INVALID, problem.get(), ev.generation(), now);
            return Reconciler.Result.DONE;
        }
        ClusterWatch watch = st.watch;
        if (watch != null && (watch.generation() != ev.generation() || !watch.fingerprint().equals(Kubeconfigs.fingerprint(kubeconfig)))) {
            LOG.infof("cluster %s: generation %d or kubeconfig changed, restarting informers", cluster, ev.generation());
            stopWatch(st);
            watch = null;
        }
        if (watch == null) {
            try {
                watch = new ClusterWatch(cluster, ev.generation(), kubeconfig, config.connectTimeout(), config.requestTimeout(),
                        st.ledger, producer, trimmer, c -> counter(c, "changed").increment(), c -> counter(c, "deleted").increment());
            } catch (RuntimeException e) {
                report(st, ClusterHealth.KUBECONFIG_INVALID, e instanceof IllegalArgumentException ? e.getMessage()
                        : "client cannot be built (" + e.getClass().getSimpleName() + ")", ev.generation(), now);
                return Reconciler.Result.DONE;
            }
            st.watch = watch;
        }
        if (!st.ledger.loaded()) {
            Map<String, String> live = topicReader.liveKeys(cluster, config.topicReadTimeout());
            synchronized (st.ledger.lock()) {
                st.ledger.load(live);
            }
            LOG.infof("cluster %s: %d keys live on capstan.resources", cluster, live.size());
        }
        ClusterWatch.Probe probe = watch.probe();
        boolean recovered = watch.observed(probe, now);
        if (!probe.reachable()) {
            report(st, ClusterHealth.UNREACHABLE, probe.message(), ev.generation(), now);
            return Reconciler.Result.DONE;
        }
        if (recovered) {
            LOG.infof("cluster %s: API server answers again", cluster);
        }
        if (!watch.started()) {
            watch.start(config.informerResync());
            report(st, ClusterHealth.SYNCING, null, ev.generation(), now);
            return Reconciler.Result.requeueAfter(Duration.ofMillis(200));
        }
        if (watch.anyStopped() || (!watch.watching() && watch.reachableFor(now).compareTo(config.recoveryGrace()) > 0)) {
            LOG.infof("cluster %s: informers did not recover, rebuilding client and informers", cluster);
            stopWatch(st);
            return Reconciler.Result.requeueAfter(Duration.ofMillis(100));
        }
        if (!watch.synced() || !watch.watching()) {
            // after a reconnect the sweep waits for every watch to be open again: a LIST taken before that could
            // miss a delete that the resumed watch does not replay
            report(st, ClusterHealth.SYNCING, null, ev.generation(), now);
            return Reconciler.Result.requeueAfter(Duration.ofMillis(200));
        }
        if (watch.sweepDue(now, config.sweepInterval())) {
            watch.sweep(now);
        }
        report(st, ClusterHealth.WATCHING, null, ev.generation(), now);
        return Reconciler.Result.DONE;
    }

    private void finalizeCluster(State st, ClusterEvent ev) {
        stopWatch(st);
        if (!st.ledger.loaded()) {
            Map<String, String> live = topicReader.liveKeys(ev.name(), config.topicReadTimeout());
            synchronized (st.ledger.lock()) {
                st.ledger.load(live);
            }
        }
        int n;
        Map<String, CompletableFuture<RecordMetadata>> acks = new LinkedHashMap<>();
        synchronized (st.ledger.lock()) {
            var keys = st.ledger.keys();
            for (String key : keys) {
                acks.put(key, producer.resourceDeleted(key));
                counter(ev.name(), "deleted").increment();
            }
            st.ledger.clear();
            n = keys.size();
        }
        producer.flush();
        // Finalized is reported only once every tombstone is on the topic; the others stay in the ledger for a retry.
        List<String> unacknowledged = acks.entrySet().stream()
                .filter(a -> a.getValue().isCompletedExceptionally() || !a.getValue().isDone())
                .map(Map.Entry::getKey).toList();
        if (!unacknowledged.isEmpty()) {
            synchronized (st.ledger.lock()) {
                unacknowledged.forEach(st.ledger::tombstoneUnacknowledged);
            }
            throw ReconcileException.transientError("TombstonesUnacknowledged",
                    "cluster " + ev.name() + ": " + unacknowledged.size() + " tombstones not acknowledged by Kafka", null);
        }
        if (n > 0) {
            LOG.infof("cluster %s: deregistered, tombstoned %d keys", ev.name(), n);
        }
        report(st, ClusterHealth.FINALIZED, null, ev.generation(), Instant.now());
    }

    private void report(State st, ClusterHealth health, String message, long generation, Instant now) {
        st.status.next(health, message, generation, now).ifPresent(producer::status);
    }

    private String readKubeconfig(ClusterEvent ev) {
        Secret secret = managementClient.secrets().inNamespace(management.namespace()).withName(ev.kubeconfigSecret()).get();
        if (secret == null) {
            return null;
        }
        String key = ClusterEvent.KUBECONFIG_KEY;
        if (secret.getData() != null && secret.getData().get(key) != null) {
            return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
        }
        if (secret.getStringData() != null && secret.getStringData().get(key) != null) {
            return secret.getStringData().get(key);
        }
        return null;
    }

    private void stopWatch(State st) {
        ClusterWatch w = st.watch;
        st.watch = null;
        if (w != null) {
            w.close();
        }
    }

    private Counter counter(String cluster, String event) {
        return counters.computeIfAbsent(cluster + '/' + event, k -> Counter.builder("capstan.watcher.resource.events")
                .description("resource events published to capstan.resources")
                .tag("cluster", cluster).tag("event", event).register(meters));
    }
}
