package io.capstan.orchestrator.deletion;

import io.capstan.model.Topics;
import io.capstan.model.event.EventTypes;
import io.capstan.orchestrator.audit.AuditLog;
import io.capstan.orchestrator.cluster.ClusterEntity;
import io.capstan.orchestrator.config.OrchestratorConfig;
import io.capstan.orchestrator.kubeconfig.KubeconfigSecrets;
import io.capstan.orchestrator.outbox.Outbox;
import io.capstan.orchestrator.status.StatusViewEntity;
import io.capstan.orchestrator.status.StatusViews;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * Completes cluster deletions (every 2 s): once every expected component reported {@code Finalized=True} at the
 * deletion generation, or {@code capstan.deletion.timeout} passed (audited), deletes the kubeconfig Secret, then, in
 * one transaction, the status rows and the cluster row, and appends the tombstone
 * ({@code io.capstan.cluster.deleted.v1}, null value). A timed-out deletion is audited as
 * {@code cluster.delete.timeout} with detail {@code generation=<n> statusRows=<n> timeout=<ISO-8601 duration>
 * unfinalized=<component>,...}. A management API failure leaves everything for the next run.
 */
@ApplicationScoped
public class Finalizer {

    private static final Logger LOG = Logger.getLogger(Finalizer.class);

    @Inject
    OrchestratorConfig config;

    @Inject
    StatusViews statusViews;

    @Inject
    KubeconfigSecrets secrets;

    @Inject
    Outbox outbox;

    @Inject
    AuditLog audit;

    private volatile boolean stopping;

    void shutdown(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent ev) {
        stopping = true;
    }

    @Scheduled(every = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "2s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        if (stopping) {
            return;
        }
        List<String> deleting = QuarkusTransaction.requiringNew().call(() ->
                ClusterEntity.<ClusterEntity>list("deleting = true order by name").stream().map(c -> c.name).toList());
        for (String name : deleting) {
            try {
                finalizeIfDone(name);
            } catch (RuntimeException e) {
                LOG.warnf("Finalizing cluster %s failed (%s); retrying", name, e.getClass().getName());
            }
        }
    }

    /** Finalizes one cluster when {@link FinalizeRule} allows it; returns the decision. */
    public FinalizeRule.Decision finalizeIfDone(String name) {
        FinalizeRule.Decision decision = QuarkusTransaction.requiringNew().call(() -> {
            ClusterEntity c = ClusterEntity.findById(name);
            if (c == null || !c.deleting) {
                return FinalizeRule.Decision.WAIT;
            }
            return FinalizeRule.decide(c.generation, c.deletionRequestedAt, statusViews.components(name),
                    config.components(), Instant.now(), config.deletion().timeout());
        });
        if (decision == FinalizeRule.Decision.WAIT) {
            return decision;
        }
        secrets.delete(name);
        QuarkusTransaction.requiringNew().run(() -> {
            ClusterEntity c = ClusterEntity.findById(name);
            if (c == null || !c.deleting) {
                return;
            }
            List<String> unfinalized = FinalizeRule.unfinalized(c.generation, statusViews.components(name), config.components());
            long statuses = StatusViewEntity.delete("cluster", name);
            c.delete();
            outbox.append(Topics.CLUSTERS, name, EventTypes.CLUSTER_DELETED, null);
            if (decision == FinalizeRule.Decision.TIMED_OUT) {
                audit.record(AuditLog.SYSTEM, "cluster.delete.timeout", "cluster/" + name, "generation=" + c.generation
                        + " statusRows=" + statuses + " timeout=" + config.deletion().timeout()
                        + " unfinalized=" + String.join(",", unfinalized));
                LOG.warnf("Cluster %s deleted after the deletion timeout %s; not finalized: %s", name,
                        config.deletion().timeout(), String.join(",", unfinalized));
            } else {
                audit.record(AuditLog.SYSTEM, "cluster.delete", "cluster/" + name,
                        "generation=" + c.generation + " statusRows=" + statuses);
            }
        });
        LOG.infof("Cluster %s deleted (%s)", name, decision);
        return decision;
    }
}
