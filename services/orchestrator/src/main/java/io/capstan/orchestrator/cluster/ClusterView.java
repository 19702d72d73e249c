package io.capstan.orchestrator.cluster;

import io.capstan.model.status.Condition;
import io.capstan.orchestrator.status.PhaseRules;
import io.capstan.orchestrator.status.Phase;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A cluster as {@code GET /api/v1/clusters/{name}} answers it. Never carries the kubeconfig.
 *
 * @param name           DNS-1123 label
 * @param infrastructure wire name
 * @param profile        profile name
 * @param site           site, may be null
 * @param labels         labels
 * @param generation     current generation
 * @param phase          summary phase
 * @param components     component-level statuses by component name
 * @param createdAt      registration time
 */
@Schema(name = "Cluster")
public record ClusterView(String name, String infrastructure, String profile, String site, Map<String, String> labels,
                          long generation,
                          @Schema(description = PhaseRules.DESCRIPTION) Phase phase,
                          Map<String, ComponentView> components, Instant createdAt) {

    /**
     * One component's status.
     *
     * @param conditions         Kubernetes-style conditions
     * @param observedGeneration cluster generation it was computed from
     * @param observedAt         when the component computed it
     */
    @Schema(name = "ComponentStatus")
    public record ComponentView(List<Condition> conditions, long observedGeneration, Instant observedAt) {
    }

    /**
     * A page of clusters.
     *
     * @param items        the clusters, ordered by name
     * @param continueFrom opaque token for the next page ({@code ?continue=}), null on the last page
     */
    @Schema(name = "ClusterList")
    public record Page(List<ClusterView> items,
                       @com.fasterxml.jackson.annotation.JsonProperty("continue")
                       @Schema(name = "continue", description = "token for ?continue= to read the next page; absent on the last page")
                       String continueFrom) {
    }
}
