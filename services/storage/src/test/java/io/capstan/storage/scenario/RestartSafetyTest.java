package io.capstan.storage.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.kit.cluster.KubeconfigClusters;
import io.capstan.kit.reconcile.PassObserver;
import io.capstan.kit.status.StatusLedger;
import io.capstan.kit.status.StatusSink;
import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.event.EventTypes;
import io.capstan.model.reconcile.Backoff;
import io.capstan.model.reconcile.ClusterRegistry;
import io.capstan.model.reconcile.ReconcileException;
import io.capstan.model.status.Condition;
import io.capstan.model.status.StatusEvent;
import io.capstan.sandbox.junit.Sandbox;
import io.capstan.sandbox.junit.SandboxCluster;
import io.capstan.storage.cluster.Fabric8WorkloadStorage;
import io.capstan.storage.plan.ObservedStorage;
import io.capstan.storage.plan.Ownership;
import io.capstan.storage.plan.SnapshotClassState;
import io.capstan.storage.plan.SnapshotClassUpdate;
import io.capstan.storage.plan.StorageClassState;
import io.capstan.storage.plan.StorageClassUpdate;
import io.capstan.storage.reconcile.StorageReconciler;
import io.capstan.storage.reconcile.WorkloadClusters;
import io.capstan.storage.reconcile.WorkloadStorage;
import io.capstan.storage.report.PvcState;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Restart safety of the reconciler core against a sandbox cluster with the real fabric8 client, without Quarkus (two
 * service lifecycles in one QuarkusTest are awkward): each "lifecycle" is a fresh {@link StorageReconciler} with its
 * own registry, ledger and clients, exactly what a restarted process has. Since every pass recomputes from the
 * cluster, a killed pass, a restart or a concurrent second instance changes no outcome.
 */
class RestartSafetyTest {

    static final String PROFILE = """
            {"storage": {"ownsDefault": true, "classes": [
              {"name": "fast", "provisioner": "rbd.csi.ceph.com", "parameters": {"pool": "fast"}, "default": true},
              {"name": "shared", "provisioner": "nfs.csi.k8s.io", "parameters": {"server": "nfs.example"}}]}}""";

    static Fleet fleet;

    @BeforeAll
    static void start() {
        fleet = new Fleet();
    }

    @AfterAll
    static void stop() {
        fleet.close();
    }

    /** One process lifecycle: everything in memory starts empty. */
    static final class Lifecycle {
        final ClusterRegistry registry = new ClusterRegistry();
        final List<StatusEvent> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicInteger conflicts = new AtomicInteger();
        final KubeconfigClusters clients;
        final StorageReconciler reconciler;

        Lifecycle(ClusterEvent cluster, UnaryOperator<WorkloadStorage> wrap) {
            Sandbox s = fleet.sandbox;
            clients = new KubeconfigClusters("storage", s.managementClient(), s.managementNamespace(), null, Duration.ofSeconds(10), Duration.ofSeconds(5));
            WorkloadClusters opened = new WorkloadClusters() {
                @Override
                public WorkloadStorage open(String c, String secret) {
                    return wrap.apply(new Fabric8WorkloadStorage(c, clients.open(c, secret)));
                }

                @Override
                public void close(String c) {
                    clients.close(c);
                }
            };
            StatusSink sink = (publish, removals) -> published.addAll(publish);
            reconciler = new StorageReconciler(registry, opened, sink, new StatusLedger("storage", Clock.systemUTC()), Backoff.DEFAULT, 3,
                    new PassObserver() {
                        public void passed(String c, String o, long n) {
                        }

                        public void conflict(String c) {
                            conflicts.incrementAndGet();
                        }
                    });
            registry.apply(cluster.name(), EventTypes.CLUSTER_REGISTERED, cluster);
        }

        StatusEvent lastComponent(String cluster) {
            return published.stream().filter(e -> e.subject() == null && e.cluster().equals(cluster)).reduce((a, b) -> b).orElseThrow();
        }
    }

    /** The outcome that matters: every StorageClass with owner, default flag, provisioner; every snapshot class. */
    static Map<String, String> outcome(SandboxCluster c) {
        Map<String, String> out = new TreeMap<>();
        try (KubernetesClient k = c.client()) {
            for (StorageClass sc : k.storage().v1().storageClasses().list().getItems()) {
                Map<String, String> a = sc.getMetadata().getAnnotations() == null ? Map.of() : sc.getMetadata().getAnnotations();
                Map<String, String> l = sc.getMetadata().getLabels() == null ? Map.of() : sc.getMetadata().getLabels();
                out.put("StorageClass/" + sc.getMetadata().getName(), (Ownership.managed(l, a) ? "owned" : "foreign")
                        + " default=" + Ownership.isDefault(a) + " " + sc.getProvisioner());
            }
            k.genericKubernetesResources(StorageServiceTest.snapshotClasses()).list().getItems()
                    .forEach(v -> out.put("VolumeSnapshotClass/" + v.getMetadata().getName(), String.valueOf(v.getAdditionalProperties().get("driver"))));
        }
        return out;
    }

    static void foreignDefault(SandboxCluster c, String name) {
        try (KubernetesClient k = c.client()) {
            k.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata().withName(name)
                    .addToAnnotations(Ownership.DEFAULT_CLASS, "true").endMetadata().withProvisioner("example.com/x").build()).create();
        }
    }

    static JsonNode componentView(StatusEvent e) {
        return e.details();
    }

    static List<String> conditionView(StatusEvent e) {
        List<String> out = new ArrayList<>();
        for (Condition c : e.conditions()) {
            out.add(c.type() + "=" + c.status() + "/" + c.reason() + ": " + c.message());
        }
        out.sort(null);
        return out;
    }

    static final Map<String, String> EXPECTED = Map.of(
            "StorageClass/fast", "owned default=true rbd.csi.ceph.com",
            "StorageClass/shared", "owned default=false nfs.csi.k8s.io",
            "StorageClass/theirs", "foreign default=false example.com/x",
            "VolumeSnapshotClass/fast", "rbd.csi.ceph.com",
            "VolumeSnapshotClass/shared", "nfs.csi.k8s.io");

    @Test
    void twoLifecyclesRunningConcurrentlyConvergeOnOneOutcomeWithoutDuplicates() throws Exception {
        SandboxCluster c = fleet.cluster("restart-a");
        foreignDefault(c, "theirs");
        ClusterEvent ev = Fleet.event("restart-a", Infrastructure.STANDALONE, PROFILE, 1, false);
        Lifecycle one = new Lifecycle(ev, UnaryOperator.identity());
        Lifecycle two = new Lifecycle(ev, UnaryOperator.identity());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(passOrConflict(one, "restart-a")));
                runs.add(pool.submit(passOrConflict(two, "restart-a")));
            }
            for (Future<String> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        // a last, quiet pass of each: both see the same truth and say the same thing
        one.reconciler.pass("restart-a");
        two.reconciler.pass("restart-a");
        assertThat(outcome(c)).isEqualTo(EXPECTED);
        assertThat(conditionView(one.lastComponent("restart-a"))).isEqualTo(conditionView(two.lastComponent("restart-a")));
        assertThat(componentView(one.lastComponent("restart-a"))).isEqualTo(componentView(two.lastComponent("restart-a")));
        assertThat(one.reconciler.pass("restart-a")).as("nothing left to do").isEqualTo("unchanged");
        one.clients.close();
        two.clients.close();
    }

    private static Callable<String> passOrConflict(Lifecycle l, String cluster) {
        return () -> {
            try {
                return l.reconciler.pass(cluster);
            } catch (ReconcileException e) {
                // the other instance kept winning the race for three re-plans: a transient failure, retried later
                assertThat(e.reason()).isEqualTo("Conflict");
                return "conflict";
            }
        };
    }

    @Test
    void aPassKilledMidwayAndAFreshLifecycleGiveTheSameOutcomeAsACleanRun() {
        SandboxCluster clean = fleet.cluster("restart-clean");
        SandboxCluster killed = fleet.cluster("restart-killed");
        foreignDefault(clean, "theirs");
        foreignDefault(killed, "theirs");
        new Lifecycle(Fleet.event("restart-clean", Infrastructure.STANDALONE, PROFILE, 1, false), UnaryOperator.identity())
                .reconciler.pass("restart-clean");

        AtomicBoolean dead = new AtomicBoolean();
        Lifecycle first = new Lifecycle(Fleet.event("restart-killed", Infrastructure.STANDALONE, PROFILE, 1, false),
                ws -> new KillAfterWrites(ws, 2, dead));
        assertThatThrownBy(() -> first.reconciler.pass("restart-killed")).hasMessageContaining("killed");
        assertThat(outcome(killed)).as("the kill left a half-applied cluster").isNotEqualTo(EXPECTED);

        Lifecycle second = new Lifecycle(Fleet.event("restart-killed", Infrastructure.STANDALONE, PROFILE, 1, false),
                UnaryOperator.identity());
        assertThat(second.reconciler.pass("restart-killed")).isEqualTo("ensured");
        assertThat(outcome(killed)).isEqualTo(outcome(clean)).isEqualTo(EXPECTED);
        assertThat(second.reconciler.pass("restart-killed")).isEqualTo("unchanged");
    }

    @Test
    void aStaleResourceVersionGets409AndThePassReReadsAndRePlansWithoutClobberingTheOtherWriter() {
        SandboxCluster c = fleet.cluster("conflict");
        foreignDefault(c, "theirs");
        AtomicBoolean interfered = new AtomicBoolean();
        Lifecycle l = new Lifecycle(Fleet.event("conflict", Infrastructure.STANDALONE, PROFILE, 1, false),
                ws -> new InterfereBeforeFirstUpdate(ws, c, interfered));
        assertThat(l.reconciler.pass("conflict")).isEqualTo("ensured");
        assertThat(interfered).isTrue();
        assertThat(l.conflicts.get()).as("the stale update met a real 409").isEqualTo(1);
        try (KubernetesClient k = c.client()) {
            StorageClass theirs = k.storage().v1().storageClasses().withName("theirs").get();
            assertThat(theirs.getMetadata().getLabels()).as("the other writer's change survived").containsEntry("touched", "yes");
            assertThat(theirs.getMetadata().getAnnotations()).containsEntry(Ownership.DEFAULT_CLASS, "false");
        }
        assertThat(outcome(c)).isEqualTo(EXPECTED);
    }

    /** Lets {@code n} writes through, then dies as a killed process would, before the next write. */
    static final class KillAfterWrites extends Delegating {
        private final AtomicInteger left;
        private final AtomicBoolean dead;

        KillAfterWrites(WorkloadStorage d, int n, AtomicBoolean dead) {
            super(d);
            this.left = new AtomicInteger(n);
            this.dead = dead;
        }

        @Override
        void beforeWrite() {
            if (dead.get() || left.getAndDecrement() <= 0) {
                dead.set(true);
                throw new IllegalStateException("killed");
            }
        }
    }

    /** Before the first update, another writer changes the object, so the update carries a stale resourceVersion. */
    static final class InterfereBeforeFirstUpdate extends Delegating {
        private final SandboxCluster cluster;
        private final AtomicBoolean done;

        InterfereBeforeFirstUpdate(WorkloadStorage d, SandboxCluster cluster, AtomicBoolean done) {
            super(d);
            this.cluster = cluster;
            this.done = done;
        }

        @Override
        public void update(StorageClassUpdate update) {
            if (done.compareAndSet(false, true)) {
                try (KubernetesClient k = cluster.client()) {
                    StorageClass sc = k.storage().v1().storageClasses().withName(update.before().name()).get();
                    sc.getMetadata().getLabels();
                    Map<String, String> labels = new TreeMap<>(sc.getMetadata().getLabels() == null ? Map.of() : sc.getMetadata().getLabels());
                    labels.put("touched", "yes");
                    sc.getMetadata().setLabels(labels);
                    k.storage().v1().storageClasses().resource(sc).update();
                }
            }
            super.update(update);
        }
    }

    /** Passes every call through; subclasses hook writes. */
    static class Delegating implements WorkloadStorage {
        final WorkloadStorage d;

        Delegating(WorkloadStorage d) {
            this.d = d;
        }

        void beforeWrite() {
        }

        public ObservedStorage observeStorage() {
            return d.observeStorage();
        }

        public List<PvcState> claims() {
            return d.claims();
        }

        public Set<String> csiDrivers() {
            return d.csiDrivers();
        }

        public void create(StorageClassState s) {
            beforeWrite();
            d.create(s);
        }

        public void update(StorageClassUpdate u) {
            beforeWrite();
            d.update(u);
        }

        public void delete(StorageClassState s) {
            beforeWrite();
            d.delete(s);
        }

        public void createSnapshotClass(SnapshotClassState s) {
            beforeWrite();
            d.createSnapshotClass(s);
        }

        public void updateSnapshotClass(SnapshotClassUpdate u) {
            beforeWrite();
            d.updateSnapshotClass(u);
        }

        public void deleteSnapshotClass(SnapshotClassState s) {
            beforeWrite();
            d.deleteSnapshotClass(s);
        }
    }
}
