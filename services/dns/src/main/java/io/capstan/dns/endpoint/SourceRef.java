package io.capstan.dns.endpoint;

import java.util.Locale;
import java.util.Objects;

/**
 * The Kubernetes object a desired record comes from.
 *
 * @param kind      the object's kind as in its manifest: {@code Service}, {@code Ingress}, {@code HTTPRoute},
 *                  {@code GRPCRoute}, {@code TLSRoute}, {@code DNSEndpoint}, or {@code DNS01Challenge} for a request
 * @param namespace the namespace, or null / empty for a cluster-scoped object
 * @param name      the object's name
 */
public record SourceRef(String kind, String namespace, String name) implements Comparable<SourceRef> {

    public SourceRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        namespace = namespace == null ? "" : namespace;
    }

    /**
     * The value of the ExternalDNS {@code external-dns/resource} label: {@code <kind>/<namespace>/<name>} with the kind
     * lowercased ({@code service/default/web}, {@code ingress/shop/front}), and {@code crd/<namespace>/<name>} for a
     * DNSEndpoint, as ExternalDNS's sources write it ({@code source/service.go}, {@code source/crd.go}).
     */
    public String registryResource() {
        String k = kind.equals("DNSEndpoint") ? "crd" : kind.toLowerCase(Locale.ROOT);
        return k + '/' + namespace + '/' + name;
    }

    /** {@code kind/namespace/name}, the key order used to break claim ties. */
    public String key() {
        return kind + '/' + namespace + '/' + name;
    }

    @Override
    public int compareTo(SourceRef o) {
        return key().compareTo(o.key());
    }
}
