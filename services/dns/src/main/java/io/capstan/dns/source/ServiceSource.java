package io.capstan.dns.source;

import io.capstan.dns.endpoint.SourceRef;

import io.capstan.dns.endpoint.Endpoint;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Endpoints of a core/v1 Service of {@code spec.type: LoadBalancer}, as ExternalDNS's {@code source/service.go}:
 * names from the {@code hostname} annotation (comma-separated; a Service without it claims nothing); targets from the
 * {@code target} annotation, else {@code status.loadBalancer.ingress[]} ({@code ip}, else {@code hostname}); TTL
 * from the {@code ttl} annotation. IPv4 targets make A records, IPv6 AAAA, host names a CNAME. Other Service types
 * (ClusterIP, headless, NodePort, which ExternalDNS publishes from pod or node addresses) are not sources here.
 */
public final class ServiceSource {

    /** The kind. */
    public static final String KIND = "Service";

    private ServiceSource() {
    }

    /**
     * @param service  the Service object JSON
     * @param problems receives what is wrong with it
     * @return its endpoints
     */
    public static List<Endpoint> endpoints(JsonNode service, List<SourceProblem> problems) {
        if (!"LoadBalancer".equals(service.path("spec").path("type").asText()) || Annotations.otherController(service)) {
            return List.of();
        }
        List<String> hosts = Annotations.list(service, "hostname");
        if (hosts.isEmpty()) {
            return List.of();
        }
        SourceRef ref = Endpoints.ref(KIND, service);
        List<String> targets = Annotations.list(service, "target");
        if (targets.isEmpty()) {
            targets = Endpoints.loadBalancerTargets(service);
        }
        long ttl = Endpoints.ttl(service, ref, problems);
        return Endpoints.forHostnames(hosts, targets, ttl, ref, Endpoints.createdAt(service));
    }
}
