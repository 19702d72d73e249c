package io.capstan.dns.source;

import io.capstan.dns.endpoint.SourceRef;

import io.capstan.dns.endpoint.Endpoint;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Helpers shared by the source kinds: building endpoints from names and targets, reading load-balancer status. */
final class Endpoints {

    private Endpoints() {
    }

    /** The object's reference; a namespaced object without namespace is taken as in {@code default}, as kubectl does. */
    static SourceRef ref(String kind, JsonNode object) {
        JsonNode md = object.path("metadata");
        String ns = md.path("namespace").asText("");
        return new SourceRef(kind, ns.isEmpty() ? "default" : ns, md.path("name").asText(""));
    }

    /** {@code metadata.creationTimestamp} (RFC 3339), null when absent or unreadable: the claim order of a name. */
    static Instant createdAt(JsonNode object) {
        String ts = object.path("metadata").path("creationTimestamp").asText("");
        try {
            return ts.isEmpty() ? null : Instant.parse(ts);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code status.loadBalancer.ingress[].ip} and {@code .hostname} (Service and Ingress status), in order. */
    static List<String> loadBalancerTargets(JsonNode object) {
        List<String> out = new ArrayList<>();
        for (JsonNode in : object.path("status").path("loadBalancer").path("ingress")) {
            String ip = in.path("ip").asText("");
            String host = in.path("hostname").asText("");
            if (!ip.isBlank()) {
                out.add(ip.trim());
            } else if (!host.isBlank()) {
                out.add(host.trim());
            }
        }
        return out;
    }

    /** The TTL annotation, or 0 with an {@code InvalidTtl} problem when it cannot be read. */
    static long ttl(JsonNode object, SourceRef ref, List<SourceProblem> problems) {
        try {
            return Annotations.ttl(object);
        } catch (IllegalArgumentException e) {
            problems.add(new SourceProblem(ref, null, "InvalidTtl", e.getMessage() + "; the default TTL applies"));
            return 0;
        }
    }

    /**
     * One endpoint per (hostname, type of target). A hostname without any target yet still claims its name: one
     * {@code A} endpoint without targets (the planner reports it {@code Pending NoTargets} and changes nothing).
     */
    static List<Endpoint> forHostnames(List<String> hostnames, List<String> targets, long ttl, SourceRef ref,
                                       Instant createdAt) {
        List<Endpoint> out = new ArrayList<>();
        Map<String, List<String>> typed = Targets.byType(targets);
        for (String h : hostnames) {
            if (typed.isEmpty()) {
                out.add(new Endpoint(h, "A", List.of(), ttl, ref, createdAt));
                continue;
            }
            typed.forEach((type, t) -> out.add(new Endpoint(h, type, t, ttl, ref, createdAt)));
        }
        return out;
    }

    static void addText(List<String> into, JsonNode arr) {
        for (JsonNode n : arr) {
            String s = n.asText("").trim();
            if (!s.isEmpty() && !into.contains(s)) {
                into.add(s);
            }
        }
    }
}
