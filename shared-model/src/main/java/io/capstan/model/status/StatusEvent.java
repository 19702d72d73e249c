package io.capstan.model.status;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Payload of {@code io.capstan.status.changed.v1} on {@code capstan.status}: the conditions of one component of a
 * cluster ({@code subject} null) or of one object it manages or reports on.
 *
 * @param cluster            cluster name
 * @param component          component name: {@code cluster-watcher}, {@code storage}, {@code dns}, ...
 * @param subject            the object this entry is about, or null for the component as a whole
 * @param observedGeneration the cluster generation (component entries) or object generation the status was
 *                           computed from
 * @param observedAt         when the component computed this status
 * @param conditions         conditions, at least {@code Ready}
 * @param details            component-specific JSON object (for example the StorageClasses it owns), may be null
 */
public record StatusEvent(String cluster, String component, Subject subject, long observedGeneration,
                          Instant observedAt, List<Condition> conditions, JsonNode details) {

    public StatusEvent {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(component, "component");
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    /**
     * The object a status entry is about.
     *
     * @param apiVersion {@code group/version} or {@code v1}
     * @param kind       kind
     * @param namespace  namespace, null when cluster-scoped
     * @param name       metadata.name
     */
    public record Subject(String apiVersion, String kind, String namespace, String name) {
        public Subject {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
        }
    }

    /** The record key: {@code cluster/component} or {@code cluster/component/kind/namespace/name}. */
    public String key() {
        return key(cluster, component, subject);
    }

    /** The record key of a status entry; a cluster-scoped subject's namespace is written {@code _}. */
    public static String key(String cluster, String component, Subject subject) {
        if (subject == null) {
            return cluster + '/' + component;
        }
        String ns = subject.namespace() == null || subject.namespace().isEmpty() ? "_" : subject.namespace();
        return cluster + '/' + component + '/' + subject.kind() + '/' + ns + '/' + subject.name();
    }
}
