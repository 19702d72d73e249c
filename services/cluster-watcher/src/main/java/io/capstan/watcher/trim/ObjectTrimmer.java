package io.capstan.watcher.trim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.model.event.Json;

import java.nio.charset.StandardCharsets;

/**
 * Trims a workload-cluster object before it is published to {@code capstan.resources} (the contract of
 * {@link io.capstan.model.resource.ResourceEvent}). Pure: JSON in, a new JSON out; the input is never changed.
 *
 * <ol>
 *   <li>{@code metadata.managedFields} is dropped (server-side apply bookkeeping, often larger than the object);</li>
 *   <li>the {@code kubectl.kubernetes.io/last-applied-configuration} annotation is dropped (a second copy of the
 *       object, and it may hold a Secret's data);</li>
 *   <li>a {@code v1} Secret never carries {@code data} or {@code stringData};</li>
 *   <li>an object still larger than {@code maxBytes} of JSON is published without {@code spec}, {@code status} and
 *       any other top-level field but {@code apiVersion}, {@code kind} and {@code metadata}, and carries the annotation
 *       {@value #TRUNCATED_ANNOTATION}{@code ="true"}; if its metadata alone is still too large, its annotations
 *       (except that one) are dropped too. Consumers that need the full object read it from the cluster.</li>
 * </ol>
 */
public final class ObjectTrimmer {

    /** Annotation set on an object published without its body because it exceeded the size cap. */
    public static final String TRUNCATED_ANNOTATION = "capstan.io/truncated";
    /** The kubectl client-side apply annotation (kubectl {@code apply.LastAppliedConfigAnnotation}). */
    public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    /** Default cap: 512 KiB of JSON (a Kafka record stays well under the broker's default 1 MiB). */
    public static final int DEFAULT_MAX_BYTES = 512 * 1024;

    private final int maxBytes;

    /** @param maxBytes size cap of the trimmed object's JSON in UTF-8 bytes, positive */
    public ObjectTrimmer(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.maxBytes = maxBytes;
    }

    /**
     * Trims one object.
     *
     * @param object a Kubernetes object as JSON (apiVersion, kind, metadata, ...)
     * @return a trimmed deep copy
     * @throws IllegalArgumentException when {@code object} is not a JSON object
     */
    public ObjectNode trim(JsonNode object) {
        if (object == null || !object.isObject()) {
            throw new IllegalArgumentException("a Kubernetes object must be a JSON object");
        }
        ObjectNode out = ((ObjectNode) object).deepCopy();
        JsonNode metadata = out.get("metadata");
        if (metadata instanceof ObjectNode meta) {
            meta.remove("managedFields");
            if (meta.get("annotations") instanceof ObjectNode annotations) {
                annotations.remove(LAST_APPLIED);
                if (annotations.isEmpty()) {
                    meta.remove("annotations");
                }
            }
        }
        if (isSecret(out)) {
            out.remove("data");
            out.remove("stringData");
        }
        if (size(out) <= maxBytes) {
            return out;
        }
        out.retain("apiVersion", "kind", "metadata");
        ObjectNode meta = out.get("metadata") instanceof ObjectNode m ? m : out.putObject("metadata");
        ObjectNode annotations = meta.get("annotations") instanceof ObjectNode a ? a : meta.putObject("annotations");
        annotations.put(TRUNCATED_ANNOTATION, "true");
        if (size(out) > maxBytes) {
            meta.remove("annotations");
            meta.putObject("annotations").put(TRUNCATED_ANNOTATION, "true");
        }
        return out;
    }

    private static boolean isSecret(ObjectNode o) {
        return "Secret".equals(o.path("kind").asText()) && "v1".equals(o.path("apiVersion").asText("v1"));
    }

    private static int size(JsonNode node) {
        return Json.write(node).getBytes(StandardCharsets.UTF_8).length;
    }
}
