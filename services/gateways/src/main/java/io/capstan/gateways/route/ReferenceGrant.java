package io.capstan.gateways.route;

import java.util.List;

/**
 * A {@code gateway.networking.k8s.io} ReferenceGrant (v1beta1 and v1 have the same shape): it lives in the
 * namespace of the referenced objects and permits references from the listed kinds and namespaces.
 *
 * @param namespace metadata.namespace (the namespace references point into)
 * @param name      metadata.name
 * @param from      spec.from entries
 * @param to        spec.to entries
 */
public record ReferenceGrant(String namespace, String name, List<From> from, List<To> to) {

    public ReferenceGrant {
        from = List.copyOf(from);
        to = List.copyOf(to);
    }

    /**
     * @param group     group of the referring kind ("" for core)
     * @param kind      referring kind, e.g. HTTPRoute or Gateway
     * @param namespace namespace of the referring object
     */
    public record From(String group, String kind, String namespace) {
    }

    /**
     * @param group group of the referenced kind ("" for core)
     * @param kind  referenced kind, e.g. Service or Secret
     * @param name  the one name permitted, or null for all names
     */
    public record To(String group, String kind, String name) {
    }

    /**
     * Whether this grant permits a reference (Gateway API GEP-709 / ReferenceGrant semantics: a from entry and a
     * to entry must both match; the grant sits in the target namespace).
     *
     * @param fromGroup     group of the referring object
     * @param fromKind      kind of the referring object
     * @param fromNamespace namespace of the referring object
     * @param toGroup       group of the referenced object
     * @param toKind        kind of the referenced object
     * @param toNamespace   namespace of the referenced object
     * @param toName        name of the referenced object
     * @return true when permitted
     */
    public boolean permits(String fromGroup, String fromKind, String fromNamespace,
                           String toGroup, String toKind, String toNamespace, String toName) {
        if (!namespace.equals(toNamespace)) {
            return false;
        }
        boolean fromOk = from.stream().anyMatch(f -> f.group().equals(fromGroup) && f.kind().equals(fromKind)
            && f.namespace().equals(fromNamespace));
        boolean toOk = to.stream().anyMatch(t -> t.group().equals(toGroup) && t.kind().equals(toKind)
            && (t.name() == null || t.name().isEmpty() || t.name().equals(toName)));
        return fromOk && toOk;
    }
}
