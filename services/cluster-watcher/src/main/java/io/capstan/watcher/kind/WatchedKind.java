package io.capstan.watcher.kind;

import java.util.Objects;

/**
 * One kind the watcher runs an informer for, with what an informer needs to address it without discovery (the
 * Kubernetes API path {@code /apis/<group>/<version>/[namespaces/<ns>/]<plural>}).
 *
 * @param group      API group, {@code ""} for the core group
 * @param version    API version, for example {@code v1}
 * @param kind       kind, for example {@code StorageClass}
 * @param plural     resource name in the URL path, for example {@code storageclasses}
 * @param namespaced true for namespaced kinds
 * @param optional   true for kinds served only when an add-on is installed (CRDs): watched only when API discovery
 *                   lists the resource in its group version
 */
public record WatchedKind(String group, String version, String kind, String plural, boolean namespaced,
                          boolean optional) {

    public WatchedKind {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(plural, "plural");
    }

    /** {@code group/version}, or {@code version} alone for the core group (the object's {@code apiVersion}). */
    public String apiVersion() {
        return group.isEmpty() ? version : group + '/' + version;
    }
}
