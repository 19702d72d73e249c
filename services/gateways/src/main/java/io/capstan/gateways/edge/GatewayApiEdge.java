package io.capstan.gateways.edge;

import io.capstan.gateways.profile.InvalidProfileException;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.Conditions;
import io.capstan.model.status.StatusEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The Gateway API edge, plugged into the gateways reconciler through {@link EdgePass}: reads the profile's
 * {@code gateways.edge} object ({@link EdgeProfile}) and runs {@link EdgeReconciler} on the cluster. An invalid
 * {@code edge} object gives one entry for the edge Gateway with {@code Ready=False} reason {@code InvalidProfile}
 * (nothing is written to the cluster).
 */
@ApplicationScoped
public class GatewayApiEdge implements EdgePass {

    private static final Logger LOG = Logger.getLogger(GatewayApiEdge.class);

    private final EdgeReconciler reconciler = new EdgeReconciler(Clock.systemUTC());

    @Override
    public List<StatusEvent> reconcile(ClusterContext ctx) {
        EdgeProfile edge;
        try {
            edge = EdgeProfile.parse(ctx.section().path("edge"), ctx.gatewayNamespaces().get(0));
        } catch (InvalidProfileException e) {
            LOG.warnf("cluster %s: invalid gateways.edge: %s", ctx.name(), e.getMessage());
            return List.of(new StatusEvent(ctx.name(), EdgeReport.COMPONENT,
                new StatusEvent.Subject(EdgePlanner.GATEWAY_API, "Gateway", ctx.gatewayNamespaces().get(0),
                    EdgeProfile.DEFAULT_GATEWAY), 0, null,
                List.of(Condition.of(Conditions.READY, ConditionStatus.False, "InvalidProfile", "profile "
                    + ctx.cluster().profile().name() + ": " + e.getMessage())), null));
        }
        return reconciler.reconcile(new EdgeCluster(ctx.name(), ctx.cluster().generation(), edge,
            ctx.loadBalancer(), ctx.client()));
    }

    @Override
    public List<String> finalizeCluster(ClusterContext ctx) {
        EdgeProfile edge;
        try {
            edge = EdgeProfile.parse(ctx.section().path("edge"), ctx.gatewayNamespaces().get(0));
        } catch (InvalidProfileException e) {
            edge = EdgeProfile.parse(null, ctx.gatewayNamespaces().get(0));
        }
        List<String> removed = new ArrayList<>(reconciler.cleanup(new EdgeCluster(ctx.name(),
            ctx.cluster().generation(), edge, ctx.loadBalancer(), ctx.client())));
        return removed;
    }
}
