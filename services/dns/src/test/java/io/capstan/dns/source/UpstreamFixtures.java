package io.capstan.dns.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.model.event.Json;

import java.nio.file.Path;
import java.util.List;

/**
 * The ExternalDNS documentation fixtures under {@code ${capstan.repo.root}/../shared/fixtures/upstream/external-dns}
 * (see its SOURCES.md), read as JSON objects. Test support: a test that needs them is skipped with a message when the
 * folder is absent (a checkout without the shared fixtures).
 */
public final class UpstreamFixtures {

    private UpstreamFixtures() {
    }

    /** The fixture folder; skips the calling test when it is absent. */
    public static Path dir() {
        Path dir = io.capstan.sandbox.junit.UpstreamFixtures.upstream().resolve("external-dns");
        return io.capstan.sandbox.junit.UpstreamFixtures.require(dir,
                "ExternalDNS fixtures not found at " + dir + " (the shared fixtures folder is absent)");
    }

    /** Every YAML document of a fixture file, as JSON, in order (empty documents skipped). */
    public static List<JsonNode> read(String relative) {
        return io.capstan.sandbox.junit.UpstreamFixtures.documents(dir().resolve(relative)).stream()
                .map(n -> (JsonNode) Json.MAPPER.valueToTree(n)).toList();
    }

    /** The documents of that kind. */
    public static List<JsonNode> ofKind(String relative, String kind) {
        return read(relative).stream().filter(n -> kind.equals(n.path("kind").asText())).toList();
    }

    /**
     * A copy of an object with {@code status.loadBalancer.ingress} set, as a load-balancer controller would write it
     * (the sandbox API server has no controller).
     *
     * @param entries {@code ip:<addr>} or {@code hostname:<name>}
     */
    public static JsonNode withLoadBalancer(JsonNode object, String... entries) {
        ObjectNode copy = object.deepCopy();
        ObjectNode lb = copy.withObject("/status").withObject("/loadBalancer");
        var ingress = lb.putArray("ingress");
        for (String e : entries) {
            int colon = e.indexOf(':');
            ingress.addObject().put(e.substring(0, colon), e.substring(colon + 1));
        }
        return copy;
    }

    /** The namespace a fixture applied with kubectl without {@code -n} gets. */
    public static JsonNode inDefaultNamespace(JsonNode object) {
        ObjectNode copy = object.deepCopy();
        if (copy.path("metadata").path("namespace").asText("").isEmpty()) {
            copy.withObject("/metadata").put("namespace", "default");
        }
        return copy;
    }
}
