package io.capstan.gateways.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small JSON tree helpers of the edge (package-private). */
final class Nodes {

    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Nodes() {
    }

    /** @return the object child of {@code parent} named {@code field}, created when absent or not an object */
    static ObjectNode child(ObjectNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n instanceof ObjectNode o) {
            return o;
        }
        return parent.putObject(field);
    }

    /** @return a new object {@code {apiVersion, kind, metadata: {name[, namespace]}}} */
    static ObjectNode object(String apiVersion, String kind, String namespace, String name) {
        ObjectNode o = F.objectNode();
        o.put("apiVersion", apiVersion);
        o.put("kind", kind);
        ObjectNode meta = o.putObject("metadata");
        meta.put("name", name);
        if (namespace != null) {
            meta.put("namespace", namespace);
        }
        return o;
    }
}
