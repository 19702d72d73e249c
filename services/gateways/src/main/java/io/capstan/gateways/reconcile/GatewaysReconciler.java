package io.capstan.gateways.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.gateways.edge.ClusterContext;
import io.capstan.gateways.edge.EdgePass;
import io.capstan.gateways.ipam.AddressPool;
import io.capstan.gateways.ipam.AllocationPlanner;
import io.capstan.gateways.ipam.AllocationState;
import io.capstan.gateways.ipam.IpAddress;
import io.capstan.gateways.ipam.Outcome;
import io.capstan.gateways.ipam.PoolParser;
import io.capstan.gateways.ipam.PoolSet;
import io.capstan.gateways.ipam.ServiceRequest;
import io.capstan.gateways.profile.CloudLoadBalancers;
import io.capstan.gateways.profile.GatewaysProfile;
import io.capstan.gateways.profile.InvalidProfileException;
import io.capstan.gateways.profile.LoadBalancerSettings;
import io.capstan.gateways.profile.ProfileParser;
import io.capstan.gateways.service.ExposureCheck;
import io.capstan.gateways.service.ServiceRequests;
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
import io.capstan.model.status.StatusEvent;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One pass of the gateways component for one cluster: observe, plan, apply, report (ARCHITECTURE.md, "The reconciler
 * shape"). Every pass recomputes from the full state of the cluster, so events only wake it.
 * <ol>
 *   <li>the edge ({@link EdgePass}) ensures the Gateway API objects and the edge Service;</li>
 *   <li>standalone and private clusters: the Services' requests and the pools (profile + IPAddressPools) go through
 *   {@link AllocationPlanner}; addresses of fleet-wide pools are claimed in the management cluster first (a lost
 *   claim is held by another cluster: re-plan without it); then {@code status.loadBalancer.ingress} is written where
 *   it differs (status subresource, resourceVersion; a 409 re-reads and re-plans); claims no Service uses any more
 *   are released;</li>
 *   <li>cloud clusters (openstack, eks, aks, gke): no allocation; the profile's annotations are kept on the Services
 *   Capstan manages, and the address the cloud controller wrote is reported (state Cloud);</li>
 *   <li>the exposure check, then one complete status report (Services, exposure findings, the edge's entries, the
 *   component entry).</li>
 * </ol>
 * A deregistered cluster: its claims are released, the ingress Capstan wrote is cleared, the edge cleans up, then
 * {@code Finalized=True}. A cluster gone from the registry: its status keys are tombstoned, its claims released.
 */
public final class GatewaysReconciler implements Reconciler<String>, Reconciler.FailureListener<String> {

    private static final Logger LOG = Logger.getLogger(GatewaysReconciler.class);
    private static final int MAX_CLAIM_ROUNDS = 16;

    private final ClusterRegistry registry;
    private final WorkloadClusters clusters;
    private final FleetClaims claims;
    private final StatusReporter reporter;
    private final Backoff backoff;
    private final int maxConflictRetries;
    private final PassObserver observer;
    private final Predicate<String> ready;
    private final EdgePass edge;

    /**
     * @param registry           latest ClusterEvent per cluster
     * @param clusters           opens workload clusters
     * @param claims             fleet-wide address claims (management cluster)
     * @param reporter           publishes status (ledger + sink)
     * @param backoff            decides when a failure is reported
     * @param maxConflictRetries re-plans per pass after a 409, at least 0
     * @param observer           metrics hook, may be null
     * @param ready              true when the cluster is owned by this replica and its status seeded
     * @param edge               the edge part, {@link EdgePass#NONE} when absent
     */
    public GatewaysReconciler(ClusterRegistry registry, WorkloadClusters clusters, FleetClaims claims, StatusReporter reporter,
                              Backoff backoff, int maxConflictRetries, PassObserver observer, Predicate<String> ready,
                              EdgePass edge) {
        this.registry = Objects.requireNonNull(registry);
        this.clusters = Objects.requireNonNull(clusters);
        this.claims = Objects.requireNonNull(claims);
        this.reporter = Objects.requireNonNull(reporter);
        this.backoff = Objects.requireNonNull(backoff);
        this.maxConflictRetries = maxConflictRetries;
        this.observer = observer == null ? new PassObserver() {
            @Override
            public void passed(String key, String outcome, long nanos) {
            }
        } : observer;
        this.ready = ready == null ? c -> true : ready;
        this.edge = edge == null ? EdgePass.NONE : edge;
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
     * The pass without failure classification (tests and the benchmark call it directly).
     *
     * @return outcome: {@code not-owned}, {@code forgotten}, {@code finalized}, {@code invalid-profile},
     * {@code allocated} (something written), {@code unchanged}, {@code cloud}
     */
    public String pass(String cluster) {
        if (!ready.test(cluster)) {
            return "not-owned";
        }
        ClusterEvent c = registry.get(cluster).orElse(null);
        if (c == null) {
            List<String> released = claims.releaseAll(cluster);
            List<String> keys = reporter.forget(cluster);
            clusters.close(cluster);
            LOG.infof("cluster %s is gone: %d status key(s) withdrawn, %d fleet claim(s) released", cluster, keys.size(),
                    released.size());
            return "forgotten";
        }
        JsonNode section = c.profile().section(GatewaysReport.COMPONENT);
        GatewaysProfile profile;
        try {
            profile = ProfileParser.parse(section);
        } catch (InvalidProfileException e) {
            if (c.deleting()) {
                profile = new GatewaysProfile(null, List.of(), List.of(), null);
            } else {
                reporter.report(c.name(), List.of(GatewaysReport.failure(c.generation(), "InvalidProfile",
                        "profile " + c.profile().name() + " revision " + c.profile().revision() + ": " + e.getMessage())), false);
                LOG.warnf("cluster %s: invalid gateways profile: %s", c.name(), e.getMessage());
                return "invalid-profile";
            }
        }
        if (c.deleting()) {
            return finalizeCluster(c, section, profile);
        }
        WorkloadGateways ws = clusters.open(c.name(), c.kubeconfigSecret());
        LoadBalancerSettings settings = CloudLoadBalancers.settings(c.infrastructure(), profile);
        ClusterContext ctx = new ClusterContext(c, ws.client(), section, profile, settings);
        List<StatusEvent> edgeEntries = List.of();
        RuntimeException edgeError = null;
        try {
            edgeEntries = edge.reconcile(ctx);
        } catch (RuntimeException e) {
            edgeError = e;
        }
        boolean cloud = CloudLoadBalancers.isCloud(c.infrastructure());
        String outcome;
        List<StatusEntry> entries = new ArrayList<>();
        for (int round = 0; ; round++) {
            try {
                entries.clear();
                outcome = cloud ? cloudPass(c, profile, settings, ws, entries) : allocatorPass(c, profile, ws, entries);
                break;
            } catch (ApplyConflictException e) {
                observer.conflict(c.name());
                if (round >= maxConflictRetries) {
                    throw ReconcileException.transientError("Conflict", e.getMessage(), null);
                }
                LOG.debugf("cluster %s: %s; re-reading and re-planning", c.name(), e.getMessage());
            }
        }
        if (edgeError != null) {
            throw ReconcileException.transientError("EdgeFailed", "edge pass failed: " + edgeError.getMessage(), edgeError);
        }
        for (StatusEvent e : edgeEntries) {
            entries.add(new StatusEntry(e.subject(), e.conditions(), e.details(), e.observedGeneration()));
        }
        reporter.report(c.name(), entries, true);
        return outcome;
    }

    private String allocatorPass(ClusterEvent c, GatewaysProfile profile, WorkloadGateways ws, List<StatusEntry> entries) {
        WorkloadGateways.Observed obs = ws.observe();
        PoolSet pools = pools(profile, obs.pools());
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        List<ServiceRequest> requests = new ArrayList<>();
        for (JsonNode svc : obs.services()) {
            String ns = svc.path("metadata").path("namespace").asText("default");
            Optional<ServiceRequest> r = ServiceRequests.read(svc, obs.namespaceLabels().getOrDefault(ns, Map.of()),
                    profile.loadBalancerClass());
            if (r.isPresent()) {
                requests.add(r.get());
                byKey.put(r.get().key(), svc);
            }
        }
        Set<String> fleetPools = new HashSet<>();
        pools.valid().stream().filter(AddressPool::fleetWide).forEach(p -> fleetPools.add(p.name()));
        Map<IpAddress, String> heldElsewhere = new HashMap<>();
        Set<String> mine = new HashSet<>();
        List<FleetClaims.Claim> existing = fleetPools.isEmpty() ? List.of() : claims.list();
        for (FleetClaims.Claim cl : existing) {
            if (cl.cluster().equals(c.name())) {
                mine.add(cl.address());
            } else {
                heldElsewhere.put(IpAddress.parse(cl.address()), cl.cluster());
            }
        }
        AllocationPlanner.Plan plan = null;
        for (int round = 0; round < MAX_CLAIM_ROUNDS; round++) {
            plan = AllocationPlanner.plan(pools.valid(), requests, heldElsewhere);
            boolean lost = false;
            for (Outcome o : plan.outcomes()) {
                if (!o.allocated() || !fleetPools.contains(o.pool())) {
                    continue;
                }
                for (IpAddress ip : o.addresses()) {
                    if (mine.contains(ip.toString())) {
                        continue;
                    }
                    Optional<String> holder = claims.claim(new FleetClaims.Claim(ip.toString(), c.name(), o.pool(), o.key()));
                    if (holder.isEmpty()) {
                        mine.add(ip.toString());
                    } else {
                        LOG.infof("cluster %s: fleet-wide address %s is held by cluster %s; re-planning", c.name(), ip, holder.get());
                        heldElsewhere.put(ip, holder.get());
                        lost = true;
                    }
                }
            }
            if (!lost) {
                break;
            }
            if (round == MAX_CLAIM_ROUNDS - 1) {
                throw ReconcileException.transientError("ClaimContention", "fleet-wide claims kept being lost", null);
            }
        }
        boolean wrote = false;
        Map<String, Integer> inUse = new TreeMap<>();
        Map<AllocationState, Integer> states = new EnumMap<>(AllocationState.class);
        Set<String> used = new HashSet<>();
        for (Outcome o : plan.outcomes()) {
            JsonNode svc = byKey.get(o.key());
            List<String> want = o.addresses().stream().map(IpAddress::toString).toList();
            if (!want.equals(currentIngress(svc))) {
                ws.writeIngress(svc, want);
                wrote = true;
                LOG.infof("cluster %s: Service %s %s %s", c.name(), o.key(), o.allocated() ? "gets" : "loses its address;",
                        o.allocated() ? want : o.reason());
            }
            states.merge(o.state(), 1, Integer::sum);
            used.addAll(want);
            if (o.allocated()) {
                inUse.merge(o.pool(), 1, Integer::sum);
            }
        }
        for (FleetClaims.Claim cl : existing) {
            if (cl.cluster().equals(c.name()) && !used.contains(cl.address())) {
                claims.release(cl);
                LOG.infof("cluster %s: fleet-wide address %s released", c.name(), cl.address());
            }
        }
        for (String a : mine) {
            if (!used.contains(a) && existing.stream().noneMatch(cl -> cl.address().equals(a))) {
                claims.release(new FleetClaims.Claim(a, c.name(), null, null)); // claimed this pass, then not used
            }
        }
        Map<String, Outcome> outcomes = plan.byKey();
        int findings = 0;
        for (JsonNode svc : obs.services()) {
            Optional<ExposureCheck.Finding> f = ExposureCheck.check(svc, profile.gatewayNamespaces());
            Outcome o = outcomes.get(ServiceRequests.key(svc));
            if (f.isPresent()) {
                findings++;
            }
            if (o != null) {
                entries.add(GatewaysReport.service(svc, o, f.orElse(null)));
            } else if (f.isPresent()) {
                entries.add(GatewaysReport.service(svc, null, List.of(), null, null, null, f.get()));
            }
        }
        entries.add(GatewaysReport.component(c.generation(), c.infrastructure().name().toLowerCase(), "allocator",
                profile.loadBalancerClass(), pools, inUse, states, findings));
        return wrote ? "allocated" : "unchanged";
    }

    private String cloudPass(ClusterEvent c, GatewaysProfile profile, LoadBalancerSettings settings, WorkloadGateways ws,
                             List<StatusEntry> entries) {
        WorkloadGateways.Observed obs = ws.observe();
        Map<AllocationState, Integer> states = new EnumMap<>(AllocationState.class);
        int findings = 0;
        for (JsonNode svc : obs.services()) {
            Optional<ExposureCheck.Finding> f = ExposureCheck.check(svc, profile.gatewayNamespaces());
            if (f.isPresent()) {
                findings++;
            }
            boolean lb = "LoadBalancer".equals(svc.path("spec").path("type").asText());
            if (lb && managed(svc)) {
                Map<String, String> ann = ServiceRequests.map(svc.path("metadata").path("annotations"));
                boolean missing = settings.annotations().entrySet().stream()
                        .anyMatch(e -> !e.getValue().equals(ann.get(e.getKey())));
                if (missing) {
                    ws.ensureAnnotations(svc, settings.annotations());
                    LOG.infof("cluster %s: load balancer annotations set on Service %s", c.name(), ServiceRequests.key(svc));
                }
            }
            if (lb) {
                List<String> addrs = new ArrayList<>();
                for (JsonNode in : svc.path("status").path("loadBalancer").path("ingress")) {
                    addrs.add(in.hasNonNull("ip") ? in.path("ip").asText() : in.path("hostname").asText());
                }
                states.merge(AllocationState.Cloud, 1, Integer::sum);
                entries.add(GatewaysReport.service(svc, AllocationState.Cloud, addrs, null,
                        addrs.isEmpty() ? "AwaitingCloudController" : "AssignedByCloud",
                        addrs.isEmpty() ? "waiting for the " + c.infrastructure().name().toLowerCase()
                                + " cloud controller to write status.loadBalancer.ingress"
                                : "the cloud controller assigned " + String.join(", ", addrs), f.orElse(null)));
            } else if (f.isPresent()) {
                entries.add(GatewaysReport.service(svc, null, List.of(), null, null, null, f.get()));
            }
        }
        entries.add(GatewaysReport.component(c.generation(), c.infrastructure().name().toLowerCase(), "cloud",
                settings.loadBalancerClass(), null, Map.of(), states, findings));
        return "cloud";
    }

    private static boolean managed(JsonNode svc) {
        return LoadBalancerSettings.MANAGED_BY.equals(
                svc.path("metadata").path("labels").path(LoadBalancerSettings.MANAGED_BY_LABEL).asText(null));
    }

    /** Profile pools + the cluster's IPAddressPools (unreadable ones reported, never fatal). */
    static PoolSet pools(GatewaysProfile profile, List<JsonNode> clusterPools) {
        List<AddressPool> ok = new ArrayList<>();
        List<PoolSet.InvalidPool> bad = new ArrayList<>();
        for (JsonNode p : clusterPools) {
            String name = p.path("metadata").path("name").asText();
            try {
                ok.add(PoolParser.parse(name, AddressPool.Source.CLUSTER, p.path("spec")));
            } catch (IllegalArgumentException e) {
                bad.add(new PoolSet.InvalidPool(name, AddressPool.Source.CLUSTER, "InvalidSpec",
                        "IPAddressPool " + p.path("metadata").path("namespace").asText() + "/" + name + ": " + e.getMessage()));
            }
        }
        return PoolSet.of(profile.pools(), ok, bad);
    }

    private static List<String> currentIngress(JsonNode svc) {
        List<String> out = new ArrayList<>();
        for (JsonNode in : svc.path("status").path("loadBalancer").path("ingress")) {
            if (in.hasNonNull("ip")) {
                out.add(in.path("ip").asText());
            }
        }
        return out;
    }

    private String finalizeCluster(ClusterEvent c, JsonNode section, GatewaysProfile profile) {
        List<String> removed = new ArrayList<>();
        claims.releaseAll(c.name()).forEach(a -> removed.add("FleetClaim/" + a));
        WorkloadGateways ws = clusters.open(c.name(), c.kubeconfigSecret());
        LoadBalancerSettings settings = CloudLoadBalancers.settings(c.infrastructure(), profile);
        removed.addAll(edge.finalizeCluster(new ClusterContext(c, ws.client(), section, profile, settings)));
        if (!CloudLoadBalancers.isCloud(c.infrastructure())) {
            for (int round = 0; ; round++) {
                try {
                    for (JsonNode svc : ws.observe().services()) {
                        if (ServiceRequests.served(svc, profile.loadBalancerClass()) && !currentIngress(svc).isEmpty()) {
                            ws.writeIngress(svc, List.of());
                            removed.add("Service/" + ServiceRequests.key(svc) + "/status.loadBalancer.ingress");
                        }
                    }
                    break;
                } catch (ApplyConflictException e) {
                    if (round >= maxConflictRetries) {
                        throw ReconcileException.transientError("Conflict", e.getMessage(), null);
                    }
                }
            }
        }
        List<String> previously = reporter.ledger().last(c.name(), c.name() + "/" + GatewaysReport.COMPONENT)
                .map(e -> e.details() == null ? List.<String>of() : toList(e.details().path("removed"))).orElse(List.of());
        reporter.report(c.name(), List.of(GatewaysReport.finalized(c.generation(), removed.isEmpty() ? previously : removed)), true);
        LOG.infof("cluster %s deregistered: %d item(s) removed", c.name(), removed.size());
        return "finalized";
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
            reporter.report(cluster, List.of(GatewaysReport.failure(c.generation(), error.reason(), error.getMessage())), false);
        } catch (RuntimeException e) {
            LOG.warnf("cluster %s: cannot publish failure status: %s", cluster, e.getMessage());
        }
    }
}
