package io.capstan.orchestrator.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.Conditions;
import io.capstan.orchestrator.cluster.ClusterName;
import io.capstan.orchestrator.problem.QueryParams;
import io.capstan.orchestrator.status.StatusViewEntity;
import io.capstan.orchestrator.status.StatusViews;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the object-level entries of one component and subject kind from the status view, across the fleet or for
 * one cluster: the source of the fleet-wide lists ({@code /api/v1/dns/records}, {@code /api/v1/certificates}).
 * Callers hold the transaction.
 */
@ApplicationScoped
public class FleetEntries {

    /**
     * The entries of {@code component} about subjects of {@code kind}, ordered by cluster then key.
     *
     * @param cluster only this cluster when not blank
     * @throws io.capstan.orchestrator.problem.ProblemException (422) when {@code cluster} is not a DNS-1123 label
     */
    public List<StatusViews.StatusItem> list(String component, String kind, String cluster) {
        StringBuilder q = new StringBuilder("component = :component and subjectKind = :kind");
        Map<String, Object> params = new HashMap<>();
        params.put("component", component);
        params.put("kind", kind);
        if (cluster != null && !cluster.isBlank()) {
            if (ClusterName.problem(cluster).isPresent()) {
                throw QueryParams.invalid("cluster", "must be a cluster name (a DNS-1123 label)");
            }
            q.append(" and cluster = :cluster");
            params.put("cluster", cluster);
        }
        q.append(" order by cluster, key");
        List<StatusViewEntity> rows = StatusViewEntity.list(q.toString(), params);
        return rows.stream().map(StatusViews::item).toList();
    }

    /** The cluster of an entry: the first segment of its key. */
    public static String clusterOf(StatusViews.StatusItem item) {
        return item.key().substring(0, item.key().indexOf('/'));
    }

    /** Whether the entry's {@code Ready} condition is True. */
    public static boolean ready(StatusViews.StatusItem item) {
        return readyCondition(item).map(c -> c.status() == ConditionStatus.True).orElse(false);
    }

    /** The entry's {@code Ready} condition, if it has one. */
    public static Optional<Condition> readyCondition(StatusViews.StatusItem item) {
        return item.conditions().stream().filter(c -> Conditions.READY.equals(c.type())).findFirst();
    }

    /** A text field of the details, or null. */
    public static String text(JsonNode details, String field) {
        if (details == null) {
            return null;
        }
        JsonNode n = details.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
