package io.capstan.dns.source;

import io.capstan.dns.endpoint.Endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.model.resource.ResourceKey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The source objects of one workload cluster, as {@code capstan.resources} last said them (the compacted topic is the
 * cache: a restart replays it). Holds only the kinds of {@link #WATCHED}; thread-safe (the consumer writes, the
 * cluster's worker reads).
 */
public final class ClusterObjects {

    /** {@code group/kind} of the objects read (core group written {@code core}). */
    public static final Set<String> WATCHED = Set.of("networking.k8s.io/Ingress", "core/Service",
            "gateway.networking.k8s.io/HTTPRoute", "gateway.networking.k8s.io/GRPCRoute",
            "gateway.networking.k8s.io/TLSRoute", "gateway.networking.k8s.io/Gateway",
            "externaldns.k8s.io/DNSEndpoint");

    /**
     * What the sources of a cluster claim.
     *
     * @param endpoints every endpoint, ordered by source (kind, namespace, name) then as the object lists them
     * @param problems  what is wrong with some objects
     */
    public record Extraction(List<Endpoint> endpoints, List<SourceProblem> problems) {
    }

    private final Map<ResourceKey, JsonNode> objects = new ConcurrentHashMap<>();

    /** True when a key of that group and kind is read by the sources. */
    public static boolean watched(ResourceKey key) {
        return WATCHED.contains((key.group().isEmpty() ? ResourceKey.CORE : key.group()) + "/" + key.kind());
    }

    /**
     * Records an object's current state, or its deletion.
     *
     * @param key    its key (ignored when not {@link #watched})
     * @param object the trimmed object JSON, null when deleted
     * @return true when the cache changed
     */
    public boolean put(ResourceKey key, JsonNode object) {
        if (!watched(key)) {
            return false;
        }
        if (object == null) {
            return objects.remove(key) != null;
        }
        JsonNode prev = objects.put(key, object);
        return !object.equals(prev);
    }

    /** Number of objects held. */
    public int size() {
        return objects.size();
    }

    /** The Gateway of that namespace and name. */
    public Optional<JsonNode> gateway(String namespace, String name) {
        return objects.entrySet().stream()
                .filter(e -> e.getKey().kind().equals("Gateway") && e.getKey().group().equals(RouteSource.GROUP)
                        && e.getKey().namespace().equals(namespace) && e.getKey().name().equals(name))
                .map(Map.Entry::getValue).findFirst();
    }

    /** The endpoints and problems of every object held, in a stable order. */
    public Extraction extract() {
        List<Endpoint> endpoints = new ArrayList<>();
        List<SourceProblem> problems = new ArrayList<>();
        List<Map.Entry<ResourceKey, JsonNode>> sorted = new ArrayList<>(objects.entrySet());
        sorted.sort(Comparator.comparing((Map.Entry<ResourceKey, JsonNode> e) -> e.getKey().toKey()));
        for (Map.Entry<ResourceKey, JsonNode> e : sorted) {
            endpoints.addAll(endpoints(e.getKey().kind(), e.getValue(), this::gateway, problems));
        }
        return new Extraction(endpoints, problems);
    }

    /**
     * The endpoints of one object.
     *
     * @param kind     its kind
     * @param object   its JSON
     * @param gateways finds parent Gateways (routes only)
     * @param problems receives what is wrong
     * @return its endpoints; empty for a kind that is no source (Gateway)
     */
    public static List<Endpoint> endpoints(String kind, JsonNode object, GatewayLookup gateways,
                                                 List<SourceProblem> problems) {
        return switch (kind) {
            case IngressSource.KIND -> IngressSource.endpoints(object, problems);
            case ServiceSource.KIND -> ServiceSource.endpoints(object, problems);
            case DnsEndpointSource.KIND -> DnsEndpointSource.endpoints(object, problems);
            case "HTTPRoute", "GRPCRoute", "TLSRoute" -> RouteSource.endpoints(kind, object, gateways, problems);
            default -> List.of();
        };
    }
}
