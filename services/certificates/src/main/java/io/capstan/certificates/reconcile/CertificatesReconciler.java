package io.capstan.certificates.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.certificates.profile.CertificatesProfile;
import io.capstan.certificates.profile.InvalidProfileException;
import io.capstan.certificates.profile.ProfileParser;
import io.capstan.certificates.report.CertificateReport;
import io.capstan.certificates.report.CertificateView;
import io.capstan.certificates.report.ExpiryGauges;
import io.capstan.kit.cluster.ClusterUnreachableException;
import io.capstan.kit.cluster.KubeconfigMissingException;
import io.capstan.kit.reconcile.PassObserver;
import io.capstan.kit.status.StatusEntry;
import io.capstan.kit.status.StatusReporter;
import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.reconcile.Backoff;
import io.capstan.model.reconcile.ClusterRegistry;
import io.capstan.model.reconcile.ReconcileException;
import io.capstan.model.reconcile.Reconciler;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One pass for one cluster: observe, plan, apply, report (ARCHITECTURE.md "The reconciler shape"). The cluster is the
 * truth: each pass lists the Certificates, Issuers, ClusterIssuers, CertificateRequests, Ingresses and Gateways and
 * reads each Certificate's Secret, so re-delivered events, restarts and concurrent replicas converge on one result.
 *
 * <ul>
 *   <li>Registered or updated cluster: the ingress/gateway shim's Certificates are ensured ({@link ShimSync}), then
 *   each Certificate is synchronised ({@link CertificateSync}); every Certificate's entry and the component entry are
 *   published (vanished ones tombstoned); the pass asks the work queue to come back at the earliest renewal time
 *   (or issuance retry), so renewals are owned by the replica owning the cluster's partition and are recomputed from
 *   the Secrets after a restart or a rebalance.</li>
 *   <li>Deregistered: the Certificates the shim created and the CertificateRequests Capstan created are deleted; the
 *   certificate Secrets stay (the workloads keep serving, as with cert-manager, which never deletes a Secret it
 *   issued unless asked to); {@code Finalized=True} reason {@code CleanedUp}.</li>
 *   <li>Gone from the registry (its tombstone): every status key of the cluster is tombstoned, its client closed.</li>
 * </ul>
 * Failures: {@code KubeconfigMissing}, {@code ClusterUnreachable}, {@code Conflict} are transient (backoff); an invalid
 * profile is reported at once ({@code InvalidProfile}) and not retried until the profile changes. A Certificate's own
 * problems never fail the pass: they are its {@code Ready=False} reason.
 */
public final class CertificatesReconciler implements Reconciler<String>, Reconciler.FailureListener<String> {

    private static final Logger LOG = Logger.getLogger(CertificatesReconciler.class);

    /** Opens the workload cluster of a registered cluster. */
    @FunctionalInterface
    public interface Workloads {
        /**
         * @param cluster    cluster name
         * @param secretName its kubeconfig Secret
         * @throws KubeconfigMissingException  when the kubeconfig is absent or unusable
         * @throws ClusterUnreachableException when the management API fails
         */
        WorkloadCertificates open(String cluster, String secretName);
    }

    private final ClusterRegistry registry;
    private final Workloads workloads;
    private final Consumer<String> closeClient;
    private final StatusReporter reporter;
    private final ExpiryGauges gauges;
    private final CertificateSync sync;
    private final ShimSync shims = new ShimSync();
    private final Backoff backoff;
    private final PassObserver observer;
    private final Clock clock;
    private final Predicate<String> ready;
    private final AtomicLong issued = new AtomicLong();
    private Duration wakeHorizon = Duration.ofDays(3650);

    /**
     * @param registry    latest ClusterEvent per cluster
     * @param workloads   opens workload clusters
     * @param closeClient closes a cluster's client (its tombstone)
     * @param reporter    publishes status through the ledger
     * @param gauges      the expiry gauges
     * @param sync        synchronises one Certificate
     * @param backoff     decides when a failed pass is reported
     * @param observer    metrics
     * @param clock       the clock of renewals
     * @param ready       true when the cluster's partition is owned here and its status seeded
     */
    public CertificatesReconciler(ClusterRegistry registry, Workloads workloads, Consumer<String> closeClient,
                                  StatusReporter reporter, ExpiryGauges gauges, CertificateSync sync, Backoff backoff,
                                  PassObserver observer, Clock clock, Predicate<String> ready) {
        this.registry = Objects.requireNonNull(registry);
        this.workloads = Objects.requireNonNull(workloads);
        this.closeClient = Objects.requireNonNull(closeClient);
        this.reporter = Objects.requireNonNull(reporter);
        this.gauges = Objects.requireNonNull(gauges);
        this.sync = Objects.requireNonNull(sync);
        this.backoff = Objects.requireNonNull(backoff);
        this.observer = observer == null ? PassObserver.NONE : observer;
        this.clock = Objects.requireNonNull(clock);
        this.ready = Objects.requireNonNull(ready);
    }

    @Override
    public Result reconcile(String cluster, int attempt) {
        long start = System.nanoTime();
        String outcome = "failed";
        MDC.put("cluster", cluster);
        try {
            PassResult r = pass(cluster);
            outcome = r.outcome;
            if (r.wakeAt == null) {
                return Result.DONE;
            }
            Duration in = Duration.between(clock.instant(), r.wakeAt);
            // a wake-up beyond the horizon is left to a later resync pass, which asks again once it is near: one
            // timer per cluster at most, however many passes run before a renewal months away
            return in.compareTo(wakeHorizon) > 0 ? Result.DONE : Result.requeueAfter(max(in, Duration.ofSeconds(1)));
        } catch (KubeconfigMissingException e) {
            throw ReconcileException.transientError("KubeconfigMissing", e.getMessage(), null);
        } catch (ClusterUnreachableException | ClusterReadException e) {
            throw ReconcileException.transientError("ClusterUnreachable", e.getMessage(), null);
        } catch (ApplyConflictException e) {
            observer.conflict(cluster);
            throw ReconcileException.transientError("Conflict", e.getMessage(), null);
        } finally {
            observer.passed(cluster, outcome, System.nanoTime() - start);
            MDC.remove("cluster");
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * What a pass did.
     *
     * @param outcome metrics outcome: {@code synced}, {@code issued}, {@code finalized}, {@code forgotten},
     *                {@code invalid-profile}, {@code not-owned}
     * @param wakeAt  when the cluster must be looked at again (earliest renewal or retry), or null
     */
    public record PassResult(String outcome, Instant wakeAt) {
    }

    /** The pass without failure classification (tests run it directly). */
    public PassResult pass(String cluster) {
        if (!ready.test(cluster)) {
            LOG.debugf("cluster %s: partition not owned or status not seeded yet; pass skipped", cluster);
            return new PassResult("not-owned", null);
        }
        ClusterEvent c = registry.get(cluster).orElse(null);
        if (c == null) {
            List<String> keys = reporter.forget(cluster);
            closeClient.accept(cluster);
            gauges.forget(cluster);
            sync.forget(cluster);
            LOG.infof("cluster %s is gone: %d status key(s) withdrawn", cluster, keys.size());
            return new PassResult("forgotten", null);
        }
        WorkloadCertificates ws = workloads.open(c.name(), c.kubeconfigSecret());
        if (c.deleting()) {
            return finalizeCluster(c, ws);
        }
        CertificatesProfile profile;
        try {
            profile = ProfileParser.parse(c.profile().section("certificates"));
        } catch (InvalidProfileException e) {
            reporter.report(c.name(), List.of(CertificateReport.failure(c.generation(), "InvalidProfile",
                    "profile " + c.profile().name() + " revision " + c.profile().revision() + ": " + e.getMessage())), false);
            LOG.warnf("cluster %s: invalid certificates profile: %s", c.name(), e.getMessage());
            return new PassResult("invalid-profile", null);
        }
        ShimSync.Result shim = shims.ensure(c.name(), ws);
        ClusterSnapshot snap = ClusterSnapshot.observe(c.name(), c.generation(), profile, ws);
        List<CertificateView> views = new ArrayList<>();
        Instant wake = null;
        boolean issuedHere = false;
        for (JsonNode cert : snap.certificates()) {
            CertificateSync.Outcome o;
            try {
                o = sync.sync(snap, cert);
            } catch (ApplyConflictException | ClusterReadException | ReconcileException e) {
                throw e;
            } catch (RuntimeException e) {
                // one Certificate's unexpected failure never stops the others: reported, looked at again at the slow pace
                LOG.errorf(e, "cluster %s: Certificate %s/%s: unexpected failure", c.name(),
                        cert.path("metadata").path("namespace").asText(), cert.path("metadata").path("name").asText());
                o = new CertificateSync.Outcome(CertificateSync.failedView(cert, "InternalError",
                        e.getClass().getSimpleName() + ": " + e.getMessage()), false, clock.instant().plus(backoff.max()));
            }
            views.add(o.view());
            issuedHere |= o.issued();
            if (o.issued()) {
                issued.incrementAndGet();
            }
            if (o.wakeAt() != null && (wake == null || o.wakeAt().isBefore(wake))) {
                wake = o.wakeAt();
            }
        }
        for (JsonNode legacy : snap.legacyCertificates()) {
            views.add(CertificateSync.legacy(legacy));
        }
        List<StatusEntry> entries = new ArrayList<>();
        views.forEach(v -> entries.add(CertificateReport.entry(v)));
        entries.add(CertificateReport.component(c.generation(), views, List.copyOf(profile.issuers().keySet()),
                shim.warnings(), shim.errors()));
        reporter.report(c.name(), entries, true);
        gauges.update(c.name(), views);
        return new PassResult(issuedHere ? "issued" : "synced", wake);
    }

    private PassResult finalizeCluster(ClusterEvent c, WorkloadCertificates ws) {
        List<String> removed = new ArrayList<>();
        for (JsonNode cert : ws.list(WorkloadCertificates.Kind.CERTIFICATE)) {
            if (ShimSync.createdByShim(cert)) {
                String ns = cert.path("metadata").path("namespace").asText();
                String name = cert.path("metadata").path("name").asText();
                ws.delete(WorkloadCertificates.Kind.CERTIFICATE, ns, name);
                removed.add("Certificate/" + ns + "/" + name);
            }
        }
        for (JsonNode cr : ws.list(WorkloadCertificates.Kind.CERTIFICATE_REQUEST)) {
            if (CertificateSync.createdByCapstan(cr)) {
                String ns = cr.path("metadata").path("namespace").asText();
                String name = cr.path("metadata").path("name").asText();
                ws.delete(WorkloadCertificates.Kind.CERTIFICATE_REQUEST, ns, name);
                removed.add("CertificateRequest/" + ns + "/" + name);
            }
        }
        int kept = 0;
        for (JsonNode cert : ws.list(WorkloadCertificates.Kind.CERTIFICATE)) {
            if (!ShimSync.createdByShim(cert) && cert.path("spec").hasNonNull("secretName")) {
                kept++;
            }
        }
        List<String> previously = reporter.ledger().last(c.name(), (io.capstan.model.status.StatusEvent.Subject) null)
                .map(e -> e.details() == null ? List.<String>of() : toList(e.details().path("removed"))).orElse(List.of());
        reporter.report(c.name(), List.of(CertificateReport.finalized(c.generation(),
                removed.isEmpty() ? previously : removed, kept)), false);
        gauges.forget(c.name());
        LOG.infof("cluster %s deregistered: removed %d object(s), kept %d certificate Secret(s)", c.name(), removed.size(), kept);
        return new PassResult("finalized", null);
    }

    private static List<String> toList(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
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
            reporter.report(cluster, List.of(CertificateReport.failure(c.generation(), error.reason(), error.getMessage())), false);
        } catch (RuntimeException e) {
            LOG.warnf("cluster %s: cannot publish failure status: %s", cluster, e.getMessage());
        }
    }

    /**
     * Sets the longest delay a pass asks the work queue to come back after; later renewals are found again by the
     * periodic resync (set it above the resync period, for example twice it).
     *
     * @return this
     */
    public CertificatesReconciler wakeHorizon(Duration horizon) {
        this.wakeHorizon = Objects.requireNonNull(horizon);
        return this;
    }

    /** Certificates issued by this reconciler since start (benchmark and tests). */
    public long issuedCount() {
        return issued.get();
    }
}
