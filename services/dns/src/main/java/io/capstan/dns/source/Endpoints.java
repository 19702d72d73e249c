package io.capstan.dns.source;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Helpers shared by the source kinds: building endpoints from names and targets, reading load-balancer status. */
final class Endpoints {

    private Endpoints() {
    }

    static SourceRef ref(String kind, JsonNode object) {
        JsonNode md = object.path("metadata");
        return new SourceRef(kind, md.path("namespace").asText(""), md.path("name").asText(""));
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
     * One endpoint per (hostname, type of target); a hostname without any target gets a {@code NoTargets} problem.
     */
    static List<SourceEndpoint> forHostnames(List<String> hostnames, List<String> targets, long ttl, SourceRef ref,
                                             String noTargetsWhy, List<SourceProblem> problems) {
        List<SourceEndpoint> out = new ArrayList<>();
        Map<String, List<String>> typed = Targets.byType(targets);
        for (String h : hostnames) {
            if (typed.isEmpty()) {
                problems.add(new SourceProblem(ref, h, "NoTargets", noTargetsWhy));
                continue;
            }
            typed.forEach((type, t) -> out.add(new SourceEndpoint(h, type, t, ttl, Map.of(), ref)));
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
