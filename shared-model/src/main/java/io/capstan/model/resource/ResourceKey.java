package io.capstan.model.resource;

import java.util.Objects;

/**
 * Identity of one workload-cluster object, and the record key of {@code capstan.resources}:
 * {@code cluster/group/kind/namespace/name}. The core API group (empty in Kubernetes) is written {@code core}, and the
 * namespace of a cluster-scoped object is written {@code _}, so every key has exactly five non-empty segments.
 *
 * @param cluster   cluster name
 * @param group     API group, {@code ""} for the core group (Kubernetes API conventions, "API groups")
 * @param kind      kind, for example {@code StorageClass}
 * @param namespace namespace, {@code ""} for cluster-scoped objects
 * @param name      metadata.name
 */
public record ResourceKey(String cluster, String group, String kind, String namespace, String name) {

    /** How the core group is written in a key. */
    public static final String CORE = "core";
    /** How a cluster-scoped object's namespace is written in a key. */
    public static final String CLUSTER_SCOPED = "_";

    public ResourceKey {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        group = group == null || group.equals(CORE) ? "" : group;
        namespace = namespace == null || namespace.equals(CLUSTER_SCOPED) ? "" : namespace;
    }

    /** The Kafka record key. */
    public String toKey() {
        return cluster + '/' + (group.isEmpty() ? CORE : group) + '/' + kind + '/'
                + (namespace.isEmpty() ? CLUSTER_SCOPED : namespace) + '/' + name;
    }

    /**
     * Parses a record key.
     *
     * @throws IllegalArgumentException when the key does not have five non-empty segments
     */
    public static ResourceKey parse(String key) {
        String[] p = key == null ? new String[0] : key.split("/", -1);
        if (p.length != 5) {
            throw new IllegalArgumentException("resource key must be cluster/group/kind/namespace/name: " + key);
        }
        for (String s : p) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("resource key has an empty segment: " + key);
            }
        }
        return new ResourceKey(p[0], p[1], p[2], p[3], p[4]);
    }

    @Override
    public String toString() {
        return toKey();
    }
}
