package io.capstan.storage.reconcile;

import io.capstan.kit.cluster.ClusterUnreachableException;
import io.capstan.kit.cluster.KubeconfigMissingException;
import io.capstan.kit.reconcile.PassObserver;
import io.capstan.kit.status.StatusEntry;
import io.capstan.kit.status.StatusLedger;
import io.capstan.kit.status.StatusReporter;
import io.capstan.kit.status.StatusSink;
import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.reconcile.Backoff;
import io.capstan.model.reconcile.ClusterRegistry;
import io.capstan.model.reconcile.ReconcileException;
import io.capstan.model.reconcile.Reconciler;
import io.capstan.storage.plan.ObservedStorage;
import io.capstan.storage.plan.SnapshotClassState;
import io.capstan.storage.plan.SnapshotClassUpdate;
import io.capstan.storage.plan.StorageClassState;
import io.capstan.storage.plan.StorageClassUpdate;
import io.capstan.storage.plan.StoragePlan;
import io.capstan.storage.plan.StoragePlanner;
import io.capstan.storage.profile.DesiredStorage;
import io.capstan.storage.profile.InvalidProfileException;
import io.capstan.storage.profile.ProfileParser;
import io.capstan.storage.report.StorageReport;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One pass for one cluster: observe, plan, apply, report (ARCHITECTURE.md, "The reconciler shape"). The cluster is
 * the truth: every pass reads the full state again, so re-delivered events, restarts and concurrent passes converge on
 * the same result.
 *
 * <ul>
 *   <li>Registered or updated cluster: ensure the classes of its profile ({@link StoragePlanner}); a 409 on a write
 *   re-reads and re-plans, at most {@code maxConflictRetries} times per pass, then the pass fails (transient).</li>
 *   <li>Deregistered cluster: delete every class this cluster owns (its name in {@code capstan.io/cluster}), publish {@code Finalized=True} (reason
 *   {@code CleanedUp}) with observedGeneration = the cluster's generation.</li>
 *   <li>Cluster gone from the registry (its tombstone): tombstone every status key published for it, close its
 *   client.</li>
 * </ul>
 * Failures are classified into {@link ReconcileException}: {@code KubeconfigMissing}, {@code ClusterUnreachable},
 * {@code Conflict} are transient; an invalid profile is reported at once and not retried until the profile changes.
 * {@link #failed} publishes {@code Ready=False} with the reason once {@link Backoff#exhausted} holds.
 */
public final class StorageReconciler implements Reconciler<String>, Reconciler.FailureListener<String> {

    private static final Logger LOG = Logger.getLogger(StorageReconciler.class);

    private final ClusterRegistry registry;
    private final WorkloadClusters clusters;
    private final StatusLedger ledger;
    private final StatusReporter status;
    private final Backoff backoff;
    private final int maxConflictRetries;
    private final PassObserver observer;
    private final java.util.function.Predicate<String> ready;

    /**
     * @param registry           latest ClusterEvent per cluster
     * @param clusters           opens workload clusters
     * @param sink               publishes status
     * @param ledger             what was published (component {@code storage})
     * @param backoff            decides when a failure is reported
     * @param maxConflictRetries re-plans per pass after a 409, at least 0
     * @param observer           metrics hook
     */
    public StorageReconciler(ClusterRegistry registry, WorkloadClusters clusters, StatusSink sink, StatusLedger ledger,
                             Backoff backoff, int maxConflictRetries, PassObserver observer) {
        this(registry, clusters, sink, ledger, backoff, maxConflictRetries, observer, cluster -> true);
    }

    /**
     * @param ready true when the cluster's partition is owned by this replica and its published status is seeded into
     *              the ledger ({@link StatusLedger#seed}); a pass of a cluster that is not ready does nothing (outcome
     *              {@code not-owned}): its owner reconciles it, or the assignment enqueues it again once seeded
     */
    public StorageReconciler(ClusterRegistry registry, WorkloadClusters clusters, StatusSink sink, StatusLedger ledger,
                             Backoff backoff, int maxConflictRetries, PassObserver observer,
                             java.util.function.Predicate<String> ready) {
        this.ready = Objects.requireNonNull(ready);
        this.registry = Objects.requireNonNull(registry);
        this.clusters = Objects.requireNonNull(clusters);
        this.ledger = Objects.requireNonNull(ledger);
        if (!StorageReport.COMPONENT.equals(ledger.component())) {
            throw new IllegalArgumentException("the ledger holds component " + ledger.component() + ", not storage");
        }
        this.status = new StatusReporter(ledger, Objects.requireNonNull(sink));
        this.backoff = Objects.requireNonNull(backoff);
        this.maxConflictRetries = maxConflictRetries;
        this.observer = observer == null ? PassObserver.NONE : observer;
    }

    @Override
    public Result reconcile(String cluster, int attempt) {
        long start = System.nanoTime();
        String outcome = "failed";
        MDC.put("cluster", cluster);
        try {
            outcome = pass(cluster);
            return Result.DONE;
        } catch (KubeconfigMissingException e) {
            throw ReconcileException.transientError("KubeconfigMissing", e.getMessage(), null);
        } catch (ClusterUnreachableException e) {
            throw ReconcileException.transientError("ClusterUnreachable", e.getMessage(), null);
        } finally {
            observer.passed(cluster, outcome, System.nanoTime() - start);
            MDC.remove("cluster");
        }
    }

    /**
     * The pass itself, without failure classification: usable from tests to run the core directly.
     *
     * @return the outcome name (see {@link PassObserver})
     */
    public String pass(String cluster) {
        if (!ready.test(cluster)) {
            // never publish (nor tombstone) before the ledger holds what capstan.status says for this cluster
            LOG.debugf("cluster %s: partition not owned or status not seeded yet; pass skipped", cluster);
            return "not-owned";
        }
        ClusterEvent c = registry.get(cluster).orElse(null);
        if (c == null) {
            List<String> keys = status.forget(cluster);
            clusters.close(cluster);
            LOG.infof("cluster %s is gone: %d status key(s) withdrawn", cluster, keys.size());
            return "forgotten";
        }
        if (c.deleting()) {
            return finalizeCluster(c);
        }
        DesiredStorage desired;
        try {
            desired = DesiredStorage.resolve(ProfileParser.parse(c.profile().section("storage")), c.infrastructure());
        } catch (InvalidProfileException e) {
            report(c.name(), List.of(StorageReport.failure(c.generation(), "InvalidProfile",
                    "profile " + c.profile().name() + " revision " + c.profile().revision() + ": " + e.getMessage())), false);
            LOG.warnf("cluster %s: invalid storage profile: %s", c.name(), e.getMessage());
            return "invalid-profile";
        }
        WorkloadStorage ws = clusters.open(c.name(), c.kubeconfigSecret());
        long revision = c.profile().revision();
        for (int round = 0; ; round++) {
            ObservedStorage observed = ws.observeStorage();
            StoragePlan plan = StoragePlanner.plan(c.name(), desired, observed, revision);
            try {
                apply(c.name(), ws, plan);
            } catch (ApplyConflictException e) {
                observer.conflict(c.name());
                if (round >= maxConflictRetries) {
                    throw ReconcileException.transientError("Conflict", e.getMessage(), null);
                }
                LOG.debugf("cluster %s: %s; re-reading and re-planning", c.name(), e.getMessage());
                continue;
            }
            ObservedStorage after = plan.isEmpty() ? observed : ws.observeStorage();
            StoragePlan check = StoragePlanner.plan(c.name(), desired, after, revision);
            List<StatusEntry> entries = StorageReport.build(c.name(), c.generation(), desired, after, check.defaultDecision(),
                    check.conflicts(), ws.claims(), ws.csiDrivers(),
                    c.profile().revision() == 0 ? c.profile().name() : null);
            report(c.name(), entries, true);
            return plan.isEmpty() ? "unchanged" : "ensured";
        }
    }

    private String finalizeCluster(ClusterEvent c) {
        WorkloadStorage ws = clusters.open(c.name(), c.kubeconfigSecret());
        List<String> removed = new ArrayList<>();
        List<String> kept;
        for (int round = 0; ; round++) {
            StoragePlan plan = StoragePlanner.cleanup(c.name(), ws.observeStorage());
            kept = plan.conflicts();
            try {
                apply(c.name(), ws, plan);
            } catch (ApplyConflictException e) {
                if (round >= maxConflictRetries) {
                    throw ReconcileException.transientError("Conflict", e.getMessage(), null);
                }
                continue;
            }
            plan.deletes().forEach(s -> removed.add("StorageClass/" + s.name()));
            plan.snapshotDeletes().forEach(s -> removed.add("VolumeSnapshotClass/" + s.name()));
            if (!plan.isEmpty()) {
                continue; // verify nothing owned is left
            }
            break;
        }
        List<String> previouslyRemoved = ledger.last(c.name(), c.name() + "/" + StorageReport.COMPONENT)
                .map(e -> e.details() == null ? List.<String>of() : toList(e.details().path("removed")))
                .orElse(List.of());
        report(c.name(), List.of(StorageReport.finalized(c.generation(), removed.isEmpty() ? previouslyRemoved : removed, kept)), false);
        return "finalized";
    }

    private static List<String> toList(com.fasterxml.jackson.databind.JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }

    private void apply(String cluster, WorkloadStorage ws, StoragePlan plan) {
        for (StorageClassUpdate u : plan.demotions()) {
            ws.update(u);
            LOG.infof("cluster %s: demoted foreign default StorageClass %s", cluster, u.before().name());
        }
        for (StorageClassUpdate u : plan.updates()) {
            ws.update(u);
            LOG.infof("cluster %s: updated StorageClass %s", cluster, u.after().name());
        }
        for (StorageClassState s : plan.deletes()) {
            ws.delete(s);
            LOG.infof("cluster %s: deleted StorageClass %s", cluster, s.name());
        }
        for (StorageClassState s : plan.creates()) {
            ws.create(s);
            LOG.infof("cluster %s: created StorageClass %s (default=%s)", cluster, s.name(), s.isDefault());
        }
        for (SnapshotClassUpdate u : plan.snapshotUpdates()) {
            ws.updateSnapshotClass(u);
            LOG.infof("cluster %s: updated VolumeSnapshotClass %s", cluster, u.after().name());
        }
        for (SnapshotClassState s : plan.snapshotDeletes()) {
            ws.deleteSnapshotClass(s);
            LOG.infof("cluster %s: deleted VolumeSnapshotClass %s", cluster, s.name());
        }
        for (SnapshotClassState s : plan.snapshotCreates()) {
            ws.createSnapshotClass(s);
            LOG.infof("cluster %s: created VolumeSnapshotClass %s", cluster, s.name());
        }
    }

    private void report(String cluster, List<StatusEntry> entries, boolean complete) {
        status.report(cluster, entries, complete);
    }

    /** Publishes {@code Ready=False} with the failure's reason once the backoff is exhausted or it is terminal. */
    @Override
    public void failed(String cluster, int attempt, ReconcileException error) {
        LOG.warnf("cluster %s: pass %d failed: %s %s", cluster, attempt, error.reason(), error.getMessage());
        if (!backoff.exhausted(attempt) && error.kind() != ReconcileException.Kind.TERMINAL) {
            return;
        }
        ClusterEvent c = registry.get(cluster).orElse(null);
        if (c == null || !ready.test(cluster)) {
            return;
        }
        try {
            report(cluster, List.of(StorageReport.failure(c.generation(), error.reason(), error.getMessage())), false);
        } catch (RuntimeException e) {
            LOG.warnf("cluster %s: cannot publish failure status: %s", cluster, e.getMessage());
        }
    }
}
