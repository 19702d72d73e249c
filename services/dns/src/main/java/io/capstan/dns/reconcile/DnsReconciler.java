package io.capstan.dns.reconcile;

import io.capstan.dns.endpoint.Endpoint;
import io.capstan.dns.endpoint.SourceRef;
import io.capstan.dns.name.DnsNames;
import io.capstan.dns.name.InvalidNameException;
import io.capstan.dns.plan.HostnameOutcome;
import io.capstan.dns.plan.Plan;
import io.capstan.dns.plan.Planner;
import io.capstan.dns.plan.PlannerSettings;
import io.capstan.dns.plan.Policy;
import io.capstan.dns.profile.DnsProfile;
import io.capstan.dns.profile.InvalidProfileException;
import io.capstan.dns.profile.ProfileParser;
import io.capstan.dns.provider.DnsProvider;
import io.capstan.dns.provider.ProviderException;
import io.capstan.dns.provider.RecordSet;
import io.capstan.dns.provider.ZoneChanges;
import io.capstan.dns.report.DnsReport;
import io.capstan.dns.request.Challenge;
import io.capstan.dns.request.ChallengeBook;
import io.capstan.dns.source.ClusterObjects;
import io.capstan.dns.zone.DomainFilter;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One pass for one cluster: observe, plan, apply, report (ARCHITECTURE.md, "The reconciler shape"). Every pass
 * recomputes from full state: the cluster's source objects as {@code capstan.resources} last said them
 * ({@link ClusterObjects}), its live DNS-01 challenges ({@link ChallengeBook}), its profile, and the zones read back
 * from the DNS server. So re-delivered events, restarts and a pass cut short between two UPDATE messages converge on
 * the same zone content (the planner writes a record's ownership marker before the record and deletes it after).
 *
 * <ul>
 *   <li>Registered or updated cluster: the zones of the profile that hold an allowed domain are read
 *   ({@link DnsProvider#records}), the {@link Planner} (owner id, policy, TXT affixes, domain filter = the allowed
 *   domains) gives one {@link ZoneChanges} per zone and one outcome per hostname, the changes are applied (the
 *   provider bounds its UPDATE messages), then status is published: one entry per hostname, one answer per challenge,
 *   the component entry with counts.</li>
 *   <li>A challenge whose name the cluster may not use is answered {@code Ready=False Denied} (naming the allowed
 *   domains) and never planned. Challenges on one name are one TXT record set holding every live value.</li>
 *   <li>Deregistered cluster: plans with no desired endpoint under policy {@code sync}, so every record set and marker
 *   this owner holds is deleted (records of other owners and unowned records are never touched), then publishes
 *   {@code Finalized=True CleanedUp} and withdraws the per-hostname and answer entries.</li>
 *   <li>Cluster gone from the registry (its tombstone): tombstones every status key of the cluster.</li>
 * </ul>
 * Failures: {@link ProviderException} is {@code ProviderError} (transient when the provider says so, else terminal:
 * a refused TSIG key is retried at the slow pace); {@link ProviderSetupException} carries its reason. {@link #failed}
 * publishes {@code Ready=False} with the reason once {@link Backoff#exhausted} holds, and answers live challenges
 * {@code Ready=False ProviderError}.
 */
public final class DnsReconciler implements Reconciler<String>, Reconciler.FailureListener<String> {

    private static final Logger LOG = Logger.getLogger(DnsReconciler.class);

    private final ClusterRegistry registry;
    private final Function<String, ClusterObjects> objects;
    private final ChallengeBook challenges;
    private final ProviderSource providers;
    private final StatusReporter reporter;
    private final Backoff backoff;
    private final PassObserver observer;
    private final Predicate<String> ready;
    private final java.util.function.Consumer<String> forget;

    /**
     * @param registry   latest ClusterEvent per cluster
     * @param objects    the source objects of a cluster (an empty cache for a cluster with none)
     * @param challenges live DNS-01 challenges
     * @param providers  builds the providers the profiles name
     * @param reporter   publishes status through the ledger
     * @param backoff    decides when a failure is reported
     * @param observer   metrics hook, may be null
     * @param ready      true when the cluster's partition is owned, its status seeded and its resources replayed;
     *                   a pass of a cluster that is not ready does nothing (outcome {@code not-owned})
     * @param forget     drops what the service holds of a cluster gone from the registry (objects, challenges)
     */
    public DnsReconciler(ClusterRegistry registry, Function<String, ClusterObjects> objects, ChallengeBook challenges,
                         ProviderSource providers, StatusReporter reporter, Backoff backoff, PassObserver observer,
                         Predicate<String> ready, java.util.function.Consumer<String> forget) {
        this.registry = Objects.requireNonNull(registry);
        this.objects = Objects.requireNonNull(objects);
        this.challenges = Objects.requireNonNull(challenges);
        this.providers = Objects.requireNonNull(providers);
        this.reporter = Objects.requireNonNull(reporter);
        this.backoff = Objects.requireNonNull(backoff);
        this.observer = observer;
        this.ready = Objects.requireNonNull(ready);
        this.forget = forget == null ? c -> { } : forget;
    }

    @Override
    public Result reconcile(String cluster, int attempt) {
        long start = System.nanoTime();
        String outcome = "failed";
        MDC.put("cluster", cluster);
        try {
            outcome = pass(cluster);
            return Result.DONE;
        } catch (ProviderException e) {
            throw e.isTransient() ? ReconcileException.transientError("ProviderError", e.getMessage(), null)
                    : new ReconcileException(ReconcileException.Kind.TERMINAL, "ProviderError", e.getMessage(), null);
        } catch (ProviderSetupException e) {
            throw ReconcileException.transientError(e.reason(), e.getMessage(), null);
        } finally {
            if (observer != null) {
                observer.passed(cluster, outcome, System.nanoTime() - start);
            }
            MDC.remove("cluster");
        }
    }

    /**
     * The pass itself, without failure classification (tests run it directly).
     *
     * @return the outcome: {@code not-owned}, {@code forgotten}, {@code invalid-profile}, {@code finalized},
     *         {@code unchanged}, {@code applied}
     * @throws ProviderException      when the DNS server cannot be read or refuses a change
     * @throws ProviderSetupException when the provider's credential is missing
     */
    public String pass(String cluster) throws ProviderException {
        if (!ready.test(cluster)) {
            LOG.debugf("cluster %s: partition not owned, status not seeded or resources not replayed yet; pass skipped",
                    cluster);
            return "not-owned";
        }
        ClusterEvent c = registry.get(cluster).orElse(null);
        if (c == null) {
            List<String> keys = reporter.forget(cluster);
            forget.accept(cluster);
            LOG.infof("cluster %s is gone: %d status key(s) withdrawn", cluster, keys.size());
            return "forgotten";
        }
        DnsProfile profile;
        try {
            profile = ProfileParser.parse(c.profile().section("dns"));
        } catch (InvalidProfileException e) {
            if (c.deleting()) {
                reporter.report(cluster, List.of(DnsReport.finalized(c.generation(), 0, List.of())), true);
                return "finalized";
            }
            reporter.report(cluster, List.of(DnsReport.failure(c.generation(), "InvalidProfile", "profile "
                    + c.profile().name() + " revision " + c.profile().revision() + ": " + e.getMessage())), false);
            LOG.warnf("cluster %s: invalid dns profile: %s", cluster, e.getMessage());
            return "invalid-profile";
        }
        List<String> allowed = profile.allowedDomainsFor(cluster);
        List<String> zones = profile.zones().stream()
                .filter(z -> allowed.stream().anyMatch(d -> DnsProfile.within(d, z) || DnsProfile.within(z, d))).toList();
        PlannerSettings settings = new PlannerSettings(profile.ownerFor(cluster), profile.policy(), profile.txtPrefix(),
                profile.txtSuffix(), profile.wildcardReplacement(), DomainFilter.of(allowed, List.of()),
                profile.multiCluster(), profile.defaultTtl());
        if (zones.isEmpty()) {
            if (c.deleting()) {
                reporter.report(cluster, List.of(DnsReport.finalized(c.generation(), 0, zones)), true);
                return "finalized";
            }
            ClusterObjects.Extraction sources = objects.apply(cluster).extract();
            Map<String, String> denied = new LinkedHashMap<>();
            Plan empty = new Planner(settings).plan(Map.of(), desired(sources, cluster, profile, allowed, denied));
            publish(c, profile, "none", zones, allowed, empty, 0, denied, sources);
            return "unchanged";
        }
        DnsProvider provider = providers.provider(profile.provider(), zones);
        if (c.deleting()) {
            return finalizeCluster(c, provider, settings.withPolicy(Policy.SYNC), zones);
        }
        Map<String, String> denied = new LinkedHashMap<>();
        ClusterObjects.Extraction sources = objects.apply(cluster).extract();
        List<Endpoint> desired = desired(sources, cluster, profile, allowed, denied);
        Plan plan = new Planner(settings).plan(read(provider, zones), desired);
        int applied = apply(cluster, provider, plan);
        publish(c, profile, provider.describe(), zones, allowed, plan, applied, denied, sources);
        return plan.isEmpty() ? "unchanged" : "applied";
    }

    private List<Endpoint> desired(ClusterObjects.Extraction sources, String cluster, DnsProfile profile,
                                   List<String> allowed, Map<String, String> denied) {
        List<Endpoint> desired = new ArrayList<>(sources.endpoints());
        Map<String, List<Challenge>> byName = new TreeMap<>();
        for (Challenge ch : challenges.live(cluster)) {
            String name;
            try {
                name = DnsNames.normalize(ch.fqdn());
            } catch (InvalidNameException e) {
                denied.put(ch.id(), e.getMessage());
                continue;
            }
            if (!profile.allows(cluster, name)) {
                denied.put(ch.id(), name + " is outside the domains cluster " + cluster + " may use: "
                        + (allowed.isEmpty() ? "none (the profile has no dns zones)" : String.join(", ", allowed)));
                continue;
            }
            byName.computeIfAbsent(ch.fqdn(), k -> new ArrayList<>()).add(ch);
        }
        byName.forEach((fqdn, list) -> desired.add(new Endpoint(fqdn, "TXT",
                list.stream().map(Challenge::value).distinct().sorted().toList(),
                list.stream().mapToLong(Challenge::ttl).filter(t -> t > 0).min().orElse(ChallengeTtl.DEFAULT),
                new SourceRef(DnsReport.CHALLENGE_SOURCE_KIND, "", fqdn), null)));
        return desired;
    }

    private static Map<String, List<RecordSet>> read(DnsProvider provider, List<String> zones) throws ProviderException {
        Map<String, List<RecordSet>> current = new TreeMap<>();
        for (String z : zones) {
            current.put(z, provider.records(z));
        }
        return current;
    }

    private static int apply(String cluster, DnsProvider provider, Plan plan) throws ProviderException {
        int applied = 0;
        for (ZoneChanges zc : plan.changes()) {
            provider.apply(zc);
            applied += zc.size();
            LOG.infof("cluster %s: zone %s: %d created, %d updated, %d deleted via %s", cluster, zc.zone(),
                    zc.creates().size(), zc.updateNew().size(), zc.deletes().size(), provider.describe());
        }
        return applied;
    }

    private void publish(ClusterEvent c, DnsProfile profile, String provider, List<String> zones, List<String> allowed,
                         Plan plan, int applied, Map<String, String> denied, ClusterObjects.Extraction sources) {
        List<StatusEntry> entries = new ArrayList<>();
        entries.add(DnsReport.ready(c.generation(), provider, zones, allowed, profile.ownerFor(c.name()),
                plan.outcomes(), sources.problems(), applied));
        entries.addAll(DnsReport.records(plan.outcomes()));
        entries.addAll(DnsReport.answers(challenges.live(c.name()), plan.outcomes(), denied));
        reporter.report(c.name(), entries, true);
    }

    private String finalizeCluster(ClusterEvent c, DnsProvider provider, PlannerSettings settings, List<String> zones)
            throws ProviderException {
        Planner planner = new Planner(settings);
        int removed = 0;
        for (int round = 0; round < 3; round++) {
            Plan plan = planner.plan(read(provider, zones), List.of());
            if (plan.isEmpty()) {
                break;
            }
            removed += apply(c.name(), provider, plan);
        }
        reporter.report(c.name(), List.of(DnsReport.finalized(c.generation(), removed, zones)), true);
        LOG.infof("cluster %s deregistered: %d record set(s) of owner %s removed or released", c.name(), removed,
                settings.ownerId());
        return "finalized";
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
            List<StatusEntry> entries = new ArrayList<>();
            entries.add(DnsReport.failure(c.generation(), error.reason(), error.getMessage()));
            entries.addAll(DnsReport.failedAnswers(challenges.live(cluster), error.reason(), error.getMessage()));
            reporter.report(cluster, entries, false);
        } catch (RuntimeException e) {
            LOG.warnf("cluster %s: cannot publish failure status: %s", cluster, e.getMessage());
        }
    }

    /** The TTL of challenge records that ask for none. */
    public static final class ChallengeTtl {
        /** 60 s, as {@link io.capstan.model.request.Dns01Challenge} documents. */
        public static final long DEFAULT = 60;

        private ChallengeTtl() {
        }
    }
}
