package io.capstan.watcher.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.model.event.Json;
import io.capstan.model.resource.ResourceEvent;
import io.capstan.model.resource.ResourceKey;
import io.capstan.watcher.kind.WatchedKind;
import io.capstan.watcher.kind.WatchedKinds;
import io.capstan.watcher.ledger.PublishedKeys;
import io.capstan.watcher.messaging.EventProducer;
import io.capstan.watcher.trim.ObjectTrimmer;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The fabric8 side of watching one workload cluster: a client built from its kubeconfig, one
 * {@link GenericKubernetesResource} informer per {@link WatchedKinds} row the API server serves, the probe, and the
 * sweep. Informer events are trimmed and published through {@link EventProducer}, deduplicated by the cluster's
 * {@link PublishedKeys} ledger. The kubeconfig is used to build the client and then dropped; it is never logged.
 */
final class ClusterWatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClusterWatch.class);

    /** Outcome of a probe. */
    record Probe(boolean reachable, String message) {
    }

    private final String cluster;
    private final long generation;
    private final String fingerprint;
    private final KubernetesClient client;
    private final PublishedKeys ledger;
    private final EventProducer producer;
    private final ObjectTrimmer trimmer;
    private final Consumer<String> publishedCounter;
    private final Consumer<String> deletedCounter;
    private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
    private List<WatchedKind> kinds = List.of();
    private boolean started;
    private Boolean reachable;
    private Instant reachableSince;
    private volatile boolean needsSweep = true;
    private Instant lastSweep;

    /**
     * Builds the client; does no I/O.
     *
     * @throws IllegalArgumentException when fabric8 cannot build a client from the kubeconfig (message without
     *                                  secret material)
     */
    ClusterWatch(String cluster, long generation, String kubeconfig, Duration connectTimeout, Duration requestTimeout,
                 PublishedKeys ledger, EventProducer producer, ObjectTrimmer trimmer,
                 Consumer<String> publishedCounter, Consumer<String> deletedCounter) {
        this.cluster = cluster;
        this.generation = generation;
        this.fingerprint = Kubeconfigs.fingerprint(kubeconfig);
        this.ledger = ledger;
        this.producer = producer;
        this.trimmer = trimmer;
        this.publishedCounter = publishedCounter;
        this.deletedCounter = deletedCounter;
        Config config;
        try {
            config = Config.fromKubeconfig(kubeconfig);
        } catch (RuntimeException e) {
            // The parser's message may quote the content: report only its type.
            throw new IllegalArgumentException("kubeconfig cannot be loaded (" + e.getClass().getSimpleName() + ")");
        }
        config.setConnectionTimeout((int) connectTimeout.toMillis());
        config.setRequestTimeout((int) requestTimeout.toMillis());
        config.setWatchReconnectInterval(500);
        config.setRequestRetryBackoffLimit(0);
        this.client = new KubernetesClientBuilder().withConfig(config).build();
    }

    long generation() {
        return generation;
    }

    String fingerprint() {
        return fingerprint;
    }

    boolean started() {
        return started;
    }

    /**
     * {@code GET /version}: any HTTP answer (even 404 from an API server without that path) proves the server is
     * there; a connection failure or timeout does not.
     */
    Probe probe() {
        try {
            client.getKubernetesVersion();
            return new Probe(true, "");
        } catch (KubernetesClientException e) {
            if (e.getCode() > 0) {
                return new Probe(true, "");
            }
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return new Probe(false, "API server did not answer: " + root.getClass().getSimpleName());
        } catch (RuntimeException e) {
            return new Probe(false, "API server did not answer: " + e.getClass().getSimpleName());
        }
    }

    /** Records a probe; returns true when the server answers again after not answering (a reconnect). */
    boolean observed(Probe probe, Instant now) {
        boolean recovered = probe.reachable() && Boolean.FALSE.equals(reachable);
        if (probe.reachable() && !Boolean.TRUE.equals(reachable)) {
            reachableSince = now;
        }
        if (recovered) {
            needsSweep = true;
        }
        reachable = probe.reachable();
        return recovered;
    }

    /** Time since the server last started answering. */
    Duration reachableFor(Instant now) {
        return reachableSince == null ? Duration.ZERO : Duration.between(reachableSince, now);
    }

    /**
     * Reads discovery for the add-on group versions and starts one informer per served kind; returns at once (the
     * informers list and watch on their own threads).
     *
     * @throws KubernetesClientException when discovery fails to answer
     */
    void start(Duration resync) {
        Map<String, Set<String>> served = new HashMap<>();
        for (String gv : WatchedKinds.optionalGroupVersions()) {
            APIResourceList list = client.getApiResources(gv);
            if (list != null && list.getResources() != null) {
                served.put(gv, list.getResources().stream().map(APIResource::getName)
                        .filter(n -> n != null && !n.contains("/")).collect(Collectors.toSet()));
            }
        }
        kinds = WatchedKinds.toWatch(served);
        for (WatchedKind kind : kinds) {
            var op = client.genericKubernetesResources(context(kind));
            SharedIndexInformer<GenericKubernetesResource> informer = kind.namespaced()
                    ? op.inAnyNamespace().runnableInformer(resync.toMillis())
                    : op.runnableInformer(resync.toMillis());
            informer.addEventHandler(new Handler(kind));
            informer.start();
            informers.add(informer);
        }
        started = true;
        LOG.infof("cluster %s: watching %d kinds (%s)", cluster, kinds.size(),
                kinds.stream().map(WatchedKind::kind).collect(Collectors.joining(",")));
    }

    /** True when every informer has completed its first LIST. */
    boolean synced() {
        return started && informers.stream().allMatch(SharedIndexInformer::hasSynced);
    }

    /** True when an informer stopped for good (it will not recover by itself). */
    boolean anyStopped() {
        return started && informers.stream().anyMatch(i -> !i.isRunning());
    }

    /** True when every informer has an open watch. */
    boolean watching() {
        return started && informers.stream().allMatch(SharedIndexInformer::isWatching);
    }

    /** True when a sweep is due: after the first sync, after a reconnect, or {@code interval} after the last one. */
    boolean sweepDue(Instant now, Duration interval) {
        return needsSweep || lastSweep == null || !now.isBefore(lastSweep.plus(interval));
    }

    /**
     * LISTs every watched kind and tombstones the published keys of this cluster that none of the lists returned
     * and that no informer event republished since the lists began.
     *
     * @return number of keys tombstoned
     * @throws KubernetesClientException when a LIST fails (the sweep is then retried on the next pass)
     */
    int sweep(Instant now) {
        long mark;
        synchronized (ledger.lock()) {
            mark = ledger.mark();
        }
        needsSweep = false; // an unacknowledged send from here on asks for the next sweep
        Set<String> present = new HashSet<>();
        Map<WatchedKind, List<GenericKubernetesResource>> listed = new LinkedHashMap<>();
        for (WatchedKind kind : kinds) {
            var op = client.genericKubernetesResources(context(kind));
            List<GenericKubernetesResource> items;
            try {
                items = kind.namespaced() ? op.inAnyNamespace().list().getItems() : op.list().getItems();
            } catch (RuntimeException e) {
                needsSweep = true;
                throw e;
            }
            for (GenericKubernetesResource item : items) {
                present.add(key(kind, item.getMetadata()).toKey());
            }
            listed.put(kind, items);
        }
        int n;
        synchronized (ledger.lock()) {
            List<String> stale = ledger.stale(mark, present);
            for (String key : stale) {
                tombstone(key);
                deletedCounter.accept(cluster);
            }
            n = stale.size();
        }
        // objects whose last publication was not acknowledged (or never made) are published again
        listed.forEach((kind, items) -> items.forEach(item -> publish(kind, item)));
        lastSweep = now;
        if (n > 0) {
            LOG.infof("cluster %s: sweep tombstoned %d stale keys", cluster, n);
        }
        return n;
    }

    /** Stops the informers and closes the client. */
    @Override
    public void close() {
        for (SharedIndexInformer<GenericKubernetesResource> i : informers) {
            try {
                i.close();
            } catch (RuntimeException e) {
                LOG.debugf("cluster %s: informer close: %s", cluster, e.toString());
            }
        }
        informers.clear();
        client.close();
    }

    private ResourceKey key(WatchedKind kind, ObjectMeta meta) {
        return new ResourceKey(cluster, kind.group(), kind.kind(), kind.namespaced() ? meta.getNamespace() : null, meta.getName());
    }

    private static ResourceDefinitionContext context(WatchedKind kind) {
        return new ResourceDefinitionContext.Builder()
                .withGroup(kind.group())
                .withVersion(kind.version())
                .withKind(kind.kind())
                .withPlural(kind.plural())
                .withNamespaced(kind.namespaced())
                .build();
    }

    private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {
        private final WatchedKind kind;

        Handler(WatchedKind kind) {
            this.kind = kind;
        }

        @Override
        public void onAdd(GenericKubernetesResource obj) {
            publish(obj);
        }

        @Override
        public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
            if (oldObj != null && Objects.equals(oldObj.getMetadata().getResourceVersion(), newObj.getMetadata().getResourceVersion())) {
                return; // informer resync: nothing changed
            }
            publish(newObj);
        }

        @Override
        public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
            String key = key(kind, obj.getMetadata()).toKey();
            synchronized (ledger.lock()) {
                tombstone(key);
            }
            deletedCounter.accept(cluster);
        }

        private void publish(GenericKubernetesResource obj) {
            ClusterWatch.this.publish(kind, obj);
        }
    }

    /** Sends a tombstone; the caller holds the ledger lock. An unacknowledged tombstone is retried by the sweep. */
    private void tombstone(String key) {
        ledger.tombstoned(key);
        producer.resourceDeleted(key).whenComplete((meta, error) -> {
            if (error != null) {
                synchronized (ledger.lock()) {
                    ledger.tombstoneUnacknowledged(key);
                }
                needsSweep = true;
            }
        });
    }

    /**
     * Publishes one object unless the ledger shows that version already published. A publication the broker does not
     * acknowledge is forgotten by the ledger, so the next sweep publishes it again: no update is lost.
     */
    private void publish(WatchedKind kind, GenericKubernetesResource obj) {
        try {
            ObjectMeta meta = obj.getMetadata();
            String key = key(kind, meta).toKey();
            String rv = meta.getResourceVersion();
            synchronized (ledger.lock()) {
                if (!ledger.changed(key, rv)) {
                    return;
                }
            }
            ObjectNode node = Json.MAPPER.valueToTree(obj);
            node.put("apiVersion", kind.apiVersion());
            node.put("kind", kind.kind());
            ObjectNode trimmed = trimmer.trim(node);
            ResourceEvent event = new ResourceEvent(cluster, kind.apiVersion(), kind.kind(),
                    kind.namespaced() ? meta.getNamespace() : null, meta.getName(), meta.getUid(), rv,
                    meta.getGeneration() == null ? 0 : meta.getGeneration(), Instant.now(), trimmed);
            String json = Json.write(event);
            synchronized (ledger.lock()) {
                if (!ledger.changed(key, rv)) {
                    return;
                }
                ledger.published(key, rv);
                producer.resourceChanged(key, json).whenComplete((meta2, error) -> {
                    if (error != null) {
                        synchronized (ledger.lock()) {
                            ledger.unacknowledged(key, rv);
                        }
                        needsSweep = true;
                    }
                });
            }
            publishedCounter.accept(cluster);
        } catch (RuntimeException e) {
            // informer thread: no pass has set the MDC here
            MDC.put(ClusterWatchers.MDC_CLUSTER, cluster);
            try {
                LOG.warnf("cluster %s: cannot publish a %s: %s", cluster, kind.kind(), e.toString());
            } finally {
                MDC.remove(ClusterWatchers.MDC_CLUSTER);
            }
        }
    }
}
