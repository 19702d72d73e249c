package io.capstan.sandbox.kube;

import java.util.List;

/**
 * One served resource of a Kubernetes API group version, as listed in an {@code APIResourceList}
 * (k8s.io/apimachinery/pkg/apis/meta/v1 APIResource).
 *
 * @param group      API group, empty for the core group
 * @param version    version, for example {@code v1}
 * @param plural     resource name, for example {@code deployments}
 * @param singular   singular name, for example {@code deployment}
 * @param kind       kind, for example {@code Deployment}
 * @param namespaced whether objects live in a namespace
 * @param shortNames kubectl short names, may be empty
 */
public record ApiResource(String group, String version, String plural, String singular, String kind,
                          boolean namespaced, List<String> shortNames) {

    /** Verbs every resource of the sandbox answers. */
    public static final List<String> VERBS =
        List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    /** @return {@code group/version}, or {@code version} alone for the core group */
    public String groupVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }
}
