package io.capstan.orchestrator.status;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.model.event.Json;
import io.capstan.model.status.Condition;
import io.capstan.model.status.StatusEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the status view (table {@code status_view}). Callers hold the transaction. */
@ApplicationScoped
public class StatusViews {

    /**
     * One object-level status entry, as {@code GET /api/v1/clusters/{name}/status} answers it.
     *
     * @param key                the capstan.status record key
     * @param component          the reporting component
     * @param subject            the object it is about, null for the component as a whole
     * @param conditions         conditions
     * @param observedGeneration generation it was computed from
     * @param observedAt         when it was computed
     * @param details            component-specific JSON, may be null
     */
    @Schema(name = "StatusEntry")
    public record StatusItem(String key, String component, StatusEvent.Subject subject, List<Condition> conditions,
                             long observedGeneration, Instant observedAt, JsonNode details) {
    }

    /** Component-level statuses (subject null) of one cluster, by component name. */
    public Map<String, ComponentStatus> components(String cluster) {
        return components(List.of(cluster)).getOrDefault(cluster, Map.of());
    }

    /** Component-level statuses of several clusters: cluster name to component name to status. */
    public Map<String, Map<String, ComponentStatus>> components(Collection<String> clusters) {
        Map<String, Map<String, ComponentStatus>> out = new HashMap<>();
        if (clusters.isEmpty()) {
            return out;
        }
        List<StatusViewEntity> rows = StatusViewEntity.list("cluster in ?1 and subjectKind is null", clusters);
        for (StatusViewEntity r : rows) {
            out.computeIfAbsent(r.cluster, c -> new LinkedHashMap<>())
                    .put(r.component, new ComponentStatus(conditions(r.conditions), r.observedGeneration, r.observedAt));
        }
        return out;
    }

    /**
     * Status entries of a cluster, object-level and component-level, ordered by key.
     *
     * @param component only this component when not null
     * @param kind      only subjects of this kind when not null
     */
    public List<StatusItem> items(String cluster, String component, String kind) {
        StringBuilder q = new StringBuilder("cluster = :cluster");
        Map<String, Object> params = new HashMap<>();
        params.put("cluster", cluster);
        if (component != null && !component.isBlank()) {
            q.append(" and component = :component");
            params.put("component", component);
        }
        if (kind != null && !kind.isBlank()) {
            q.append(" and subjectKind = :kind");
            params.put("kind", kind);
        }
        q.append(" order by key");
        List<StatusViewEntity> rows = StatusViewEntity.list(q.toString(), params);
        List<StatusItem> items = new ArrayList<>(rows.size());
        for (StatusViewEntity r : rows) {
            items.add(item(r));
        }
        return items;
    }

    /** The API shape of one row. */
    public static StatusItem item(StatusViewEntity r) {
        StatusEvent.Subject subject = r.subjectKind == null ? null
                : new StatusEvent.Subject(r.subjectApiVersion, r.subjectKind, r.subjectNamespace, r.subjectName);
        return new StatusItem(r.key, r.component, subject, conditions(r.conditions), r.observedGeneration, r.observedAt,
                json(r.details));
    }

    static List<Condition> conditions(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return Json.MAPPER.readValue(json, new TypeReference<List<Condition>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
