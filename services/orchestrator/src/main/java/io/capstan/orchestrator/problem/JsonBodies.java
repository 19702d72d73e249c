package io.capstan.orchestrator.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.model.event.Json;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON request body with its size limit. Pure. Parser messages are not forwarded (they can quote the
 * body, which may hold a kubeconfig); only line and column are.
 */
public final class JsonBodies {

    /** Largest accepted body: 256 KiB. */
    public static final int MAX_BYTES = 256 * 1024;

    private JsonBodies() {
    }

    /**
     * Parses a body that must be a JSON object of at most {@link #MAX_BYTES} bytes (UTF-8).
     *
     * @throws ProblemException 400 when it is empty, not JSON or not an object; 413 when larger than the limit, naming
     *                          the largest top-level field when the body is still readable JSON
     */
    public static JsonNode object(String body) {
        if (body == null || body.isBlank()) {
            throw new ProblemException(ProblemKind.MALFORMED_REQUEST, "The request body is empty; send a JSON object.",
                    List.of(new FieldError("body", "required")));
        }
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            if (bytes > MAX_BYTES) {
                throw tooLarge(bytes, "body");
            }
            var at = e.getLocation();
            throw new ProblemException(ProblemKind.MALFORMED_REQUEST, "The request body is not valid JSON"
                    + (at == null ? "." : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")."),
                    List.of(new FieldError("body", "not valid JSON")));
        }
        if (bytes > MAX_BYTES) {
            throw tooLarge(bytes, node != null && node.isObject() ? largestField(node) : "body");
        }
        if (node == null || !node.isObject()) {
            throw new ProblemException(ProblemKind.MALFORMED_REQUEST, "The request body must be a JSON object.",
                    List.of(new FieldError("body", "must be a JSON object")));
        }
        return node;
    }

    private static ProblemException tooLarge(int bytes, String field) {
        return new ProblemException(ProblemKind.PAYLOAD_TOO_LARGE,
                "The request body has " + bytes + " bytes; the limit is " + MAX_BYTES + " bytes (256 KiB).",
                List.of(new FieldError(field, "too large: the whole body must stay within 256 KiB")));
    }

    private static String largestField(JsonNode object) {
        String best = "body";
        int size = -1;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int s = e.getValue().isTextual() ? e.getValue().textValue().length() : e.getValue().toString().length();
            if (s > size) {
                size = s;
                best = e.getKey();
            }
        }
        return best;
    }
}
