package io.capstan.gateways.route;

import java.util.List;

/**
 * The parts of a {@code gateway.networking.k8s.io/v1} HTTPRoute that attachment and reference checks read.
 *
 * @param namespace   metadata.namespace
 * @param name        metadata.name
 * @param generation  metadata.generation (stamped as observedGeneration on the conditions)
 * @param parentRefs  spec.parentRefs, defaulted
 * @param hostnames   spec.hostnames (exact or {@code *.} wildcard, lowercase), empty for any
 * @param backendRefs every spec.rules[].backendRefs[] entry, defaulted
 * @param unsupported values Capstan's edge does not support, each a short description
 *                    ({@code "filter type ExtensionRef"}), empty when none
 */
public record HttpRoute(String namespace, String name, long generation, List<ParentRef> parentRefs,
                        List<String> hostnames, List<BackendRef> backendRefs, List<String> unsupported) {

    public HttpRoute {
        parentRefs = List.copyOf(parentRefs);
        hostnames = List.copyOf(hostnames);
        backendRefs = List.copyOf(backendRefs);
        unsupported = List.copyOf(unsupported);
    }
}
