package io.capstan.model.resource;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;

/**
 * Payload of {@code io.capstan.resource.changed.v1} on {@code capstan.resources}: the current state of one object
 * of a workload cluster, trimmed by the cluster watcher ({@code metadata.managedFields} and the
 * {@code kubectl.kubernetes.io/last-applied-configuration} annotation removed; a Secret never carries {@code data}
 * or {@code stringData}).
 *
 * @param cluster         cluster name
 * @param apiVersion      {@code group/version}, or {@code v1} for the core group
 * @param kind            kind
 * @param namespace       namespace, null for cluster-scoped objects
 * @param name            metadata.name
 * @param uid             metadata.uid
 * @param resourceVersion metadata.resourceVersion as the API server gave it (opaque)
 * @param generation      metadata.generation, 0 when the kind does not set it
 * @param observedAt      when the watcher saw this version
 * @param object          the trimmed object as JSON
 */
public record ResourceEvent(String cluster, String apiVersion, String kind, String namespace, String name,
                            String uid, String resourceVersion, long generation, Instant observedAt,
                            JsonNode object) {

    public ResourceEvent {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /** API group from {@link #apiVersion()}, {@code ""} for the core group. */
    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** The record key of this object. */
    public ResourceKey key() {
        return new ResourceKey(cluster, group(), kind, namespace, name);
    }
}
