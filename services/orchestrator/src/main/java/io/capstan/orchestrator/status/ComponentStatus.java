package io.capstan.orchestrator.status;

import io.capstan.model.status.Condition;

import java.time.Instant;
import java.util.List;

/**
 * The latest component-level status (subject null) of one component for one cluster, as kept in the status view.
 *
 * @param conditions         conditions as reported (Kubernetes {@code metav1.Condition} shape)
 * @param observedGeneration cluster generation the component computed this from
 * @param observedAt         when the component computed it
 */
public record ComponentStatus(List<Condition> conditions, long observedGeneration, Instant observedAt) {
    public ComponentStatus {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }
}
