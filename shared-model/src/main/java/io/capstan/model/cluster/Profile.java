package io.capstan.model.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * A named, resolved profile: the settings that the domain services apply to every cluster that uses it. The spec is
 * one JSON object with a section per domain ({@code storage}, {@code dns}, {@code certificates}, ...); each service
 * reads and validates its own section, so adding a domain never changes this contract.
 *
 * @param name     DNS-1123 label
 * @param spec     JSON object, never null; no secret material (secrets are named by reference, never inlined)
 * @param revision monotonically increasing revision kept by the orchestrator, starting at 1
 */
public record Profile(String name, JsonNode spec, long revision) {

    public Profile {
        Objects.requireNonNull(name, "name");
        spec = spec == null ? JsonNodeFactory.instance.objectNode() : spec;
    }

    /** The section of one domain, or an empty object when the profile has none. */
    public JsonNode section(String domain) {
        JsonNode n = spec.get(domain);
        return n == null || n.isNull() ? JsonNodeFactory.instance.objectNode() : n;
    }

    /** An empty profile of that name, revision 0: what a cluster gets when its profile is not defined yet. */
    public static Profile empty(String name) {
        ObjectNode spec = JsonNodeFactory.instance.objectNode();
        return new Profile(name, spec, 0);
    }
}
