package io.capstan.dns.source;

import java.util.Locale;
import java.util.Objects;

/**
 * The Kubernetes object an endpoint was claimed by.
 *
 * @param kind      the object's kind as Kubernetes writes it ({@code Ingress}, {@code Service}, {@code HTTPRoute},
 *                  {@code GRPCRoute}, {@code TLSRoute}, {@code DNSEndpoint})
 * @param namespace namespace ({@code ""} never: every source kind is namespaced)
 * @param name      metadata.name
 */
public record SourceRef(String kind, String namespace, String name) {

    public SourceRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        namespace = namespace == null || namespace.isEmpty() ? "default" : namespace;
    }

    /**
     * The value of the ExternalDNS registry's {@code external-dns/resource} label: {@code <type>/<namespace>/<name>}
     * with the type ExternalDNS uses ({@code ingress}, {@code service}, {@code httproute}, {@code grpcroute},
     * {@code tlsroute}, and {@code crd} for DNSEndpoint), as in upstream {@code source/*.go}
     * ({@code endpoint.ResourceLabelKey}).
     */
    public String resource() {
        String type = kind.equals("DNSEndpoint") ? "crd" : kind.toLowerCase(Locale.ROOT);
        return type + '/' + namespace + '/' + name;
    }

    @Override
    public String toString() {
        return kind + ' ' + namespace + '/' + name;
    }
}
