package io.capstan.gateways.edge;

import io.capstan.model.status.StatusEvent;

import java.util.List;

/**
 * The seam between the gateways reconciler (load balancers, io.capstan.gateways.reconcile) and the Gateway API edge.
 * The reconciler calls it once per pass of a registered cluster (from the cluster's work-queue worker, one pass per
 * cluster at a time), BEFORE allocating addresses, so an edge Service created here gets its address in the same
 * pass. Provide exactly one CDI bean ({@code @ApplicationScoped}) implementing it; without one the reconciler uses
 * {@link #NONE}.
 *
 * <p>Status: the entries returned are published on {@code capstan.status} under component {@code gateways} together
 * with the load-balancer entries of the same pass, as one complete set: an entry the edge stops returning is
 * tombstoned. The reconciler fills {@code cluster}, {@code component} and {@code observedAt}; give
 * {@code subject}, {@code conditions} (at least Ready; lastTransitionTime is stamped by the status ledger),
 * {@code observedGeneration} and {@code details}. An exception fails the whole pass (retried with backoff; nothing is
 * published for that pass; the load-balancer writes are idempotent).
 */
public interface EdgePass {

    /**
     * Ensures the edge of one cluster (GatewayClass, Gateway, its Service, route checks, Ingress translation).
     *
     * @param ctx the cluster
     * @return status entries of the edge objects (Gateway, HTTPRoute ...), never null
     * @throws RuntimeException to fail the pass (transient)
     */
    List<StatusEvent> reconcile(ClusterContext ctx);

    /**
     * Removes what the edge created in a cluster being deregistered (called before the component reports
     * Finalized=True; called again on a retry, so it must be idempotent).
     *
     * @param ctx the cluster
     * @return descriptions of what was removed, e.g. {@code Gateway/capstan-gateways/edge}
     */
    default List<String> finalizeCluster(ClusterContext ctx) {
        return List.of();
    }

    /** No edge: nothing done, no entries. */
    EdgePass NONE = ctx -> List.of();
}
