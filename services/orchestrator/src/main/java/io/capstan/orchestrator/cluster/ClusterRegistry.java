package io.capstan.orchestrator.cluster;

import io.capstan.orchestrator.kubeconfig.KubeconfigCheck;
import io.capstan.model.Topics;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.orchestrator.audit.AuditLog;
import io.capstan.orchestrator.config.OrchestratorConfig;
import io.capstan.orchestrator.kubeconfig.KubeconfigSecrets;
import io.capstan.orchestrator.outbox.Outbox;
import io.capstan.orchestrator.problem.ProblemException;
import io.capstan.orchestrator.problem.ProblemKind;
import io.capstan.orchestrator.profile.ProfileEntity;
import io.capstan.orchestrator.status.ComponentStatus;
import io.capstan.orchestrator.status.Phase;
import io.capstan.orchestrator.status.PhaseRules;
import io.capstan.orchestrator.status.StatusViews;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The cluster registry: registration, deletion requests and the cluster views. Every change writes its row, its
 * outbox event and its audit entry in one transaction.
 */
@ApplicationScoped
public class ClusterRegistry {

    private static final Logger LOG = Logger.getLogger(ClusterRegistry.class);

    @Inject
    KubeconfigSecrets secrets;

    @Inject
    Outbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    StatusViews statusViews;

    @Inject
    OrchestratorConfig config;

    private final Counter registrations;
    private final Counter deletions;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public ClusterRegistry(MeterRegistry registry) {
        this.registrations = Counter.builder("capstan.cluster.registrations").description("Clusters registered").register(registry);
        this.deletions = Counter.builder("capstan.cluster.deletions.requested").description("Cluster deletions asked").register(registry);
    }

    /**
     * Registers a cluster: stores its kubeconfig Secret, then writes the row, the {@code registered} event and the
     * audit entry in one transaction.
     *
     * @throws ProblemException 409 when the name is taken (the detail says when it is being deleted), when another
     *                          cluster was registered with the same API server (two names for one cluster would make
     *                          two sets of services fight over its objects), or the Secret is not Capstan's; 503 when
     *                          the management
     *                          API fails (nothing is stored then)
     */
    public ClusterView register(Registration r, String actor) {
        refuseTaken(r.name());
        String server = KubeconfigCheck.server(r.kubeconfig()).orElse(null);
        refuseSameServer(r.name(), server);
        KubeconfigSecrets.Outcome stored = secrets.store(r.name(), r.kubeconfig());
        try {
            ClusterView view = QuarkusTransaction.requiringNew().call(() -> insert(r, actor));
            registrations.increment();
            LOG.infof("Registered cluster %s (%s, profile %s)", r.name(), r.infrastructure().wireName(), r.profile());
            return view;
        } catch (RuntimeException e) {
            if (stored == KubeconfigSecrets.Outcome.CREATED) {
                try {
                    secrets.delete(r.name());
                } catch (RuntimeException cleanup) {
                    LOG.warnf("Could not remove the kubeconfig Secret of unregistered cluster %s (%s)", r.name(), cleanup.getClass().getName());
                }
            }
            refuseTaken(r.name());
            refuseSameServer(r.name(), server);
            throw e;
        }
    }

    /** 409 when another cluster was registered with that API server. */
    private static void refuseSameServer(String name, String server) {
        if (server == null) {
            return;
        }
        String other = QuarkusTransaction.requiringNew().call(() -> ClusterEntity.<ClusterEntity>find("apiServer", server)
                .firstResultOptional().map(c -> c.name).orElse(null));
        if (other != null && !other.equals(name)) {
            throw new ProblemException(ProblemKind.CONFLICT, "The API server " + server + " is already registered as"
                    + " cluster '" + other + "'; one cluster is registered once (delete '" + other + "' first to rename it).");
        }
    }

    /** 409 when a cluster of that name exists, saying whether it is being deleted. */
    private static void refuseTaken(String name) {
        Boolean deleting = QuarkusTransaction.requiringNew().call(() -> {
            ClusterEntity c = ClusterEntity.findById(name);
            return c == null ? null : c.deleting;
        });
        if (Boolean.TRUE.equals(deleting)) {
            throw new ProblemException(ProblemKind.CONFLICT,
                    "Cluster '" + name + "' is being deleted; register it again once DELETE completed.");
        }
        if (deleting != null) {
            throw new ProblemException(ProblemKind.CONFLICT, "Cluster '" + name + "' is already registered.");
        }
    }

    private ClusterView insert(Registration r, String actor) {
        Instant now = Instant.now(clock);
        ClusterEntity c = new ClusterEntity();
        c.name = r.name();
        c.infrastructure = r.infrastructure().wireName();
        c.profileName = r.profile();
        c.labels = Json.write(r.labels());
        c.site = r.site();
        c.apiServer = KubeconfigCheck.server(r.kubeconfig()).orElse(null);
        c.generation = 1;
        c.deleting = false;
        c.createdAt = now;
        c.updatedAt = now;
        c.persistAndFlush();
        ProfileEntity p = ProfileEntity.findById(r.profile());
        outbox.append(Topics.CLUSTERS, c.name, EventTypes.CLUSTER_REGISTERED, ClusterEvents.of(c, p));
        audit.record(actor, "cluster.register", "cluster/" + c.name,
                "infrastructure=" + c.infrastructure + " profile=" + c.profileName);
        return view(c, Map.of());
    }

    /**
     * Asks for deletion: marks the cluster deleting, bumps its generation and emits {@code deregistered}. Asking again
     * changes nothing.
     *
     * @throws ProblemException 404 when the cluster is unknown
     */
    @Transactional
    public ClusterView requestDeletion(String name, String actor) {
        ClusterEntity c = ClusterEntity.findById(name);
        if (c == null) {
            throw new ProblemException(ProblemKind.NOT_FOUND, "Cluster '" + name + "' is not registered.");
        }
        if (!c.deleting) {
            c.deleting = true;
            c.generation++;
            c.deletionRequestedAt = Instant.now(clock);
            c.updatedAt = c.deletionRequestedAt;
            outbox.append(Topics.CLUSTERS, c.name, EventTypes.CLUSTER_DEREGISTERED,
                    ClusterEvents.of(c, ProfileEntity.findById(c.profileName)));
            audit.record(actor, "cluster.deregister", "cluster/" + c.name, "generation=" + c.generation);
            deletions.increment();
        }
        return view(c, statusViews.components(name));
    }

    /** The view of one cluster, or empty. */
    @Transactional
    public Optional<ClusterView> find(String name) {
        ClusterEntity c = ClusterEntity.findById(name);
        return c == null ? Optional.empty() : Optional.of(view(c, statusViews.components(name)));
    }

    /**
     * A page of clusters ordered by name, after the filters.
     *
     * @param q the checked query
     */
    @Transactional
    public ClusterView.Page list(ListQuery q) {
        String infrastructure = q.infrastructure();
        Phase phase = q.phase();
        int limit = q.limit();
        String after = q.continueFrom() == null ? "" : q.continueFrom();
        List<ClusterEntity> rows = infrastructure == null
                ? ClusterEntity.list("name > ?1 order by name", after)
                : ClusterEntity.list("name > ?1 and infrastructure = ?2 order by name", after, infrastructure);
        String lk = q.labelKey();
        String lv = q.labelValue();
        List<ClusterView> items = new ArrayList<>();
        String next = null;
        int i = 0;
        while (i < rows.size()) {
            List<ClusterEntity> chunk = rows.subList(i, Math.min(rows.size(), i + 100));
            i += chunk.size();
            Map<String, Map<String, ComponentStatus>> statuses =
                    statusViews.components(chunk.stream().map(c -> c.name).collect(Collectors.toList()));
            for (ClusterEntity c : chunk) {
                Map<String, String> labels = ClusterEvents.labels(c.labels);
                if (lk != null && (!labels.containsKey(lk) || (lv != null && !lv.equals(labels.get(lk))))) {
                    continue;
                }
                ClusterView v = view(c, statuses.getOrDefault(c.name, Map.of()));
                if (phase != null && v.phase() != phase) {
                    continue;
                }
                if (items.size() == limit) {
                    next = items.get(items.size() - 1).name();
                    return new ClusterView.Page(items, next);
                }
                items.add(v);
            }
        }
        return new ClusterView.Page(items, null);
    }

    /** The view of a row given its component statuses. */
    ClusterView view(ClusterEntity c, Map<String, ComponentStatus> reported) {
        PhaseRules.Evaluation ev = PhaseRules.evaluate(c.generation, c.deleting, reported, config.components(),
                Instant.now(clock), config.status().staleAfter());
        Map<String, ClusterView.ComponentView> comps = new java.util.LinkedHashMap<>();
        ev.components().forEach((k, s) -> comps.put(k, new ClusterView.ComponentView(s.conditions(), s.observedGeneration(), s.observedAt())));
        return new ClusterView(c.name, c.infrastructure, c.profileName, c.site, ClusterEvents.labels(c.labels),
                c.generation, ev.phase(), comps, c.createdAt);
    }
}
