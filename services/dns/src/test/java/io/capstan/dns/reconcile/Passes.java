package io.capstan.dns.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.dns.profile.ProviderSpec;
import io.capstan.dns.provider.DnsProvider;
import io.capstan.dns.provider.rfc2136.Rfc2136Config;
import io.capstan.dns.provider.rfc2136.Rfc2136Provider;
import io.capstan.dns.request.ChallengeBook;
import io.capstan.dns.source.ClusterObjects;
import io.capstan.kit.status.StatusLedger;
import io.capstan.kit.status.StatusReporter;
import io.capstan.kit.status.StatusSink;
import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.cluster.Profile;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.reconcile.Backoff;
import io.capstan.model.reconcile.ClusterRegistry;
import io.capstan.model.resource.ResourceKey;
import io.capstan.model.status.StatusEvent;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * One "service instance" of the dns reconciler without Kafka or Quarkus: registry, object cache, challenges, a
 * provider to a real BIND and the status it would publish (kept in memory). A new instance on the same BIND is what a
 * restarted service sees: nothing in memory, everything read back from the zone. Test support.
 */
final class Passes {

    final ClusterRegistry registry = new ClusterRegistry();
    final Map<String, ClusterObjects> objects = new ConcurrentHashMap<>();
    final ChallengeBook challenges = new ChallengeBook();
    final Map<String, StatusEvent> status = new ConcurrentHashMap<>();
    final DnsReconciler reconciler;
    final Bind bind;

    /**
     * @param bind    the server
     * @param batch   record sets per UPDATE message
     * @param wrapper decorates the real provider (a crash between batches), identity for none
     */
    Passes(Bind bind, int batch, UnaryOperator<DnsProvider> wrapper) {
        this.bind = bind;
        int colon = bind.server().lastIndexOf(':');
        DnsProvider real = new Rfc2136Provider(new Rfc2136Config(bind.server().substring(0, colon),
                Integer.parseInt(bind.server().substring(colon + 1)), Bind.KEY, "hmac-sha256", bind.secret(),
                Duration.ofSeconds(5), batch, false));
        DnsProvider provider = wrapper.apply(real);
        StatusSink sink = (publish, removals) -> {
            publish.forEach(e -> status.put(e.key(), e));
            removals.forEach(status::remove);
        };
        reconciler = new DnsReconciler(registry, c -> objects.getOrDefault(c, new ClusterObjects()), challenges,
                (ProviderSpec spec, List<String> zones) -> provider,
                new StatusReporter(new StatusLedger("dns", Clock.systemUTC()), sink),
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(100), 2), null, c -> true, c -> { });
    }

    /** The profile section of a cluster using this BIND (the provider itself is the one given above). */
    String profile(String zones, String extraDomains, String more) {
        return """
                {"dns": {"zones": %s, "extraDomains": %s, "provider": {"type": "rfc2136", "server": "%s",
                  "tsig": {"keyName": "%s", "secretRef": {"name": "tsig", "key": "secret"}}}%s}}"""
                .formatted(zones, extraDomains, bind.server(), Bind.KEY, more.isEmpty() ? "" : ", " + more);
    }

    void register(String cluster, String profileJson, long generation, boolean deleting) {
        JsonNode spec = Json.read(profileJson, JsonNode.class);
        ClusterEvent e = new ClusterEvent(cluster, Infrastructure.STANDALONE, "test", Map.of(),
                new Profile("test", spec, generation), generation, deleting, null);
        registry.apply(cluster, deleting ? EventTypes.CLUSTER_DEREGISTERED : EventTypes.CLUSTER_REGISTERED, e);
    }

    /** Puts a source object (JSON with kind, metadata.namespace and name) in the cluster's cache. */
    void object(String cluster, String json) {
        JsonNode n = Json.read(json, JsonNode.class);
        String kind = n.path("kind").asText();
        String group = switch (kind) {
            case "Service" -> "";
            case "Ingress" -> "networking.k8s.io";
            case "DNSEndpoint" -> "externaldns.k8s.io";
            default -> "gateway.networking.k8s.io";
        };
        objects.computeIfAbsent(cluster, c -> new ClusterObjects()).put(new ResourceKey(cluster, group, kind,
                n.path("metadata").path("namespace").asText("default"), n.path("metadata").path("name").asText()), n);
    }

    void remove(String cluster, String kind, String namespace, String name) {
        String group = kind.equals("Service") ? "" : kind.equals("Ingress") ? "networking.k8s.io"
                : kind.equals("DNSEndpoint") ? "externaldns.k8s.io" : "gateway.networking.k8s.io";
        objects.get(cluster).put(new ResourceKey(cluster, group, kind, namespace, name), null);
    }

    String pass(String cluster) throws Exception {
        return reconciler.pass(cluster);
    }

    /** A LoadBalancer Service with a hostname annotation and load-balancer addresses. */
    static String service(String namespace, String name, String hostname, String... addresses) {
        StringBuilder ing = new StringBuilder();
        for (String a : addresses) {
            ing.append(ing.length() == 0 ? "" : ",").append("{\"ip\":\"").append(a).append("\"}");
        }
        return """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"%s","namespace":"%s",
                 "annotations":{"external-dns.alpha.kubernetes.io/hostname":"%s"}},
                 "spec":{"type":"LoadBalancer"},"status":{"loadBalancer":{"ingress":[%s]}}}"""
                .formatted(name, namespace, hostname, ing);
    }
}
