package io.capstan.model.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks Kafka records (key, headers, value) against Capstan's AsyncAPI 3.0.0 document ({@code docs/asyncapi.yaml},
 * on the classpath as {@value #CLASSPATH_LOCATION}).
 *
 * <p>A record's message is found from its topic (a channel's {@code address}) and its {@code ce_type} header (the
 * {@code const} of the message's {@code headers.properties.ce_type}; a message whose {@code ce_type} has only a
 * {@code pattern}, or no {@code ce_type} at all like the dead letter, matches any type that fits). The message's
 * {@code payload}, {@code headers} and Kafka binding {@code key} are JSON Schemas (the AsyncAPI Schema format, a
 * superset of JSON Schema draft-07); they are checked with networknt json-schema-validator in draft-07 mode with
 * format assertions on ({@code date-time}, {@code uri-reference}). {@code $ref}s to {@code #/components/schemas/*}
 * are resolved inside the same document.
 *
 * <p>Every {@code validate*} method returns the violations as readable lines, empty when the record is valid; the
 * {@code assert*} helpers throw {@link AssertionError} listing them. Depends on Jackson and networknt only (no
 * Capstan type), so any module's tests can use it. Thread-safe; compiled schemas are cached.
 */
public final class AsyncApiContract {

    /** Where shared-model's build puts the document on the classpath. */
    public static final String CLASSPATH_LOCATION = "META-INF/asyncapi/capstan.yaml";

    private static final String SCHEMAS_PREFIX = "#/components/schemas/";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;
    private final JsonNode definitions;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    private AsyncApiContract(JsonNode document) {
        this.document = Objects.requireNonNull(document, "document");
        if (!"3.0.0".equals(document.path("asyncapi").asText())) {
            throw new IllegalArgumentException("not an AsyncAPI 3.0.0 document: asyncapi=" + document.path("asyncapi"));
        }
        this.definitions = rewriteRefs(document.path("components").path("schemas").deepCopy());
    }

    /**
     * Loads the contract from the classpath ({@value #CLASSPATH_LOCATION}).
     *
     * @throws IllegalStateException when the resource is absent (shared-model not on the classpath)
     */
    public static AsyncApiContract load() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : AsyncApiContract.class.getClassLoader();
        try (InputStream in = cl.getResourceAsStream(CLASSPATH_LOCATION)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_LOCATION + " is not on the classpath (it comes with capstan-shared-model)");
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a contract from YAML (or JSON) text in a stream; the stream is not closed. */
    public static AsyncApiContract load(InputStream yaml) {
        try {
            return new AsyncApiContract(YAML.readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the AsyncAPI document", e);
        }
    }

    /** Loads a contract from YAML (or JSON) text. */
    public static AsyncApiContract fromYaml(String yaml) {
        try {
            return new AsyncApiContract(YAML.readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the AsyncAPI document", e);
        }
    }

    /** The parsed document (read-only by convention). */
    public JsonNode document() {
        return document;
    }

    /** Every channel address (Kafka topic), in document order. */
    public Set<String> topics() {
        Set<String> out = new LinkedHashSet<>();
        document.path("channels").forEach(c -> out.add(c.path("address").asText()));
        return out;
    }

    /** Every {@code ce_type} pinned by a message ({@code const}), over all channels, sorted. */
    public Set<String> eventTypes() {
        Set<String> out = new TreeSet<>();
        for (String topic : topics()) {
            out.addAll(eventTypes(topic));
        }
        return out;
    }

    /** The {@code ce_type}s pinned by the messages of one topic, sorted; empty for an unknown topic. */
    public Set<String> eventTypes(String topic) {
        Set<String> out = new TreeSet<>();
        for (Message m : messages(topic)) {
            if (m.ceType() != null) {
                out.add(m.ceType());
            }
        }
        return out;
    }

    /** The messages of a topic's channel, resolved; empty for an unknown topic. */
    public List<Message> messages(String topic) {
        List<Message> out = new ArrayList<>();
        JsonNode channel = channel(topic);
        if (channel == null) {
            return out;
        }
        Iterator<Map.Entry<String, JsonNode>> it = channel.path("messages").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode m = resolve(e.getValue());
            JsonNode headers = resolve(m.path("headers"));
            JsonNode typeSchema = headers.path("properties").path("ce_type");
            String constType = typeSchema.path("const").isTextual() ? typeSchema.path("const").asText() : null;
            String pattern = typeSchema.path("pattern").isTextual() ? typeSchema.path("pattern").asText() : null;
            out.add(new Message(topic, e.getKey(), m.path("name").asText(null), constType,
                    pattern == null ? null : Pattern.compile(pattern), m));
        }
        return out;
    }

    /**
     * The message of a record: the one whose {@code ce_type} const equals {@code ceType}, else one whose
     * {@code ce_type} pattern matches it, else one that does not constrain {@code ce_type} at all.
     */
    public Optional<Message> message(String topic, String ceType) {
        List<Message> ms = messages(topic);
        for (Message m : ms) {
            if (m.ceType() != null && m.ceType().equals(ceType)) {
                return Optional.of(m);
            }
        }
        for (Message m : ms) {
            if (m.ceType() == null && m.ceTypePattern() != null && ceType != null
                    && m.ceTypePattern().matcher(ceType).find()) {
                return Optional.of(m);
            }
        }
        for (Message m : ms) {
            if (m.ceType() == null && m.ceTypePattern() == null) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /**
     * Validates a record value against the payload schema of its message.
     *
     * @param topic  the Kafka topic
     * @param ceType the record's {@code ce_type}
     * @param value  the record value as text, null for a tombstone
     * @return violations, empty when valid
     */
    public List<String> validatePayload(String topic, String ceType, String value) {
        Optional<Message> m = message(topic, ceType);
        if (m.isEmpty()) {
            return List.of(unknownMessage(topic, ceType));
        }
        JsonSchema schema = schema(m.get(), "payload", m.get().node().path("payload"));
        if (value == null) {
            return violations("payload", schema.validate(NullNode.getInstance()));
        }
        JsonNode parsed;
        String parseError;
        try {
            parsed = JSON.readTree(value);
            parseError = parsed == null || parsed.isMissingNode() ? "empty value" : null;
        } catch (JsonProcessingException e) {
            parsed = null;
            parseError = e.getOriginalMessage();
        }
        if (parseError != null) {
            // A value that is not JSON is valid only where the schema accepts any text (the dead letter).
            List<String> asText = violations("payload", schema.validate(TextNode.valueOf(value)));
            return asText.isEmpty() ? asText : List.of("payload: value is not JSON: " + parseError);
        }
        return violations("payload", schema.validate(parsed));
    }

    /**
     * Validates the header set of a record (CloudEvents {@code ce_*}, {@code content-type}, or the dead-letter
     * headers) against its message's {@code headers} schema. Headers other than those named are allowed.
     *
     * @param headers header name to UTF-8 value (see {@link #utf8Headers})
     */
    public List<String> validateHeaders(String topic, String ceType, Map<String, String> headers) {
        Optional<Message> m = message(topic, ceType);
        if (m.isEmpty()) {
            return List.of(unknownMessage(topic, ceType));
        }
        ObjectNode h = JsonNodeFactory.instance.objectNode();
        headers.forEach((k, v) -> h.set(k, v == null ? NullNode.getInstance() : TextNode.valueOf(v)));
        return violations("headers", schema(m.get(), "headers", m.get().node().path("headers")).validate(h));
    }

    /** Validates a record key against its message's Kafka binding {@code key} schema; null means no key. */
    public List<String> validateKey(String topic, String ceType, String key) {
        Optional<Message> m = message(topic, ceType);
        if (m.isEmpty()) {
            return List.of(unknownMessage(topic, ceType));
        }
        JsonNode keySchema = m.get().node().path("bindings").path("kafka").path("key");
        if (keySchema.isMissingNode()) {
            return List.of();
        }
        return violations("key", schema(m.get(), "key", keySchema)
                .validate(key == null ? NullNode.getInstance() : TextNode.valueOf(key)));
    }

    /**
     * Validates a whole record: the message is chosen by the {@code ce_type} header; key, headers and value are
     * checked, and {@code ce_subject}, when present, must equal the key.
     *
     * @return violations, empty when valid
     */
    public List<String> validateRecord(String topic, String key, Map<String, String> headers, String value) {
        String ceType = headers.get("ce_type");
        if (channel(topic) == null) {
            return List.of("topic " + topic + " is not in the contract (topics: " + topics() + ")");
        }
        if (message(topic, ceType).isEmpty()) {
            return List.of(unknownMessage(topic, ceType));
        }
        List<String> out = new ArrayList<>();
        out.addAll(validateKey(topic, ceType, key));
        out.addAll(validateHeaders(topic, ceType, headers));
        String subject = headers.get("ce_subject");
        if (subject != null && !subject.equals(key)) {
            out.add("headers: ce_subject '" + subject + "' differs from the record key '" + key + "'");
        }
        out.addAll(validatePayload(topic, ceType, value));
        return out;
    }

    /** Byte headers (as Kafka holds them) to UTF-8 strings; the last value of a name wins. */
    public static Map<String, String> utf8Headers(Map<String, byte[]> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> out.put(k, v == null ? null : new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    /**
     * Asserts that a record is valid.
     *
     * @throws AssertionError listing every violation
     */
    public void assertValid(String topic, String key, Map<String, String> headers, String value) {
        fail(topic, headers.get("ce_type"), validateRecord(topic, key, headers, value));
    }

    /**
     * Asserts that a payload is valid for that topic and type.
     *
     * @throws AssertionError listing every violation
     */
    public void assertPayloadValid(String topic, String ceType, String value) {
        fail(topic, ceType, validatePayload(topic, ceType, value));
    }

    private static void fail(String topic, String ceType, List<String> violations) {
        if (!violations.isEmpty()) {
            throw new AssertionError("record on " + topic + " (ce_type " + ceType + ") breaks the AsyncAPI contract:\n  - "
                    + String.join("\n  - ", violations));
        }
    }

    private String unknownMessage(String topic, String ceType) {
        return channel(topic) == null
                ? "topic " + topic + " is not in the contract (topics: " + topics() + ")"
                : "ce_type " + ceType + " is not a message of " + topic + " (types: " + eventTypes(topic) + ")";
    }

    private JsonNode channel(String topic) {
        for (JsonNode c : document.path("channels")) {
            if (c.path("address").asText().equals(topic)) {
                return c;
            }
        }
        return null;
    }

    /** Follows local {@code $ref}s ({@code #/...}) until a node without one. */
    private JsonNode resolve(JsonNode node) {
        JsonNode n = node;
        for (int hops = 0; hops < 16 && n.has("$ref"); hops++) {
            String ref = n.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local $refs are supported: " + ref);
            }
            JsonNode target = document.at(ref.substring(1));
            if (target.isMissingNode()) {
                throw new IllegalArgumentException("dangling $ref " + ref);
            }
            n = target;
        }
        return n;
    }

    private JsonSchema schema(Message m, String part, JsonNode schemaNode) {
        return schemas.computeIfAbsent(m.topic() + "#" + m.id() + "#" + part, k -> {
            JsonNode resolved = schemaNode.has("$ref") && !schemaNode.get("$ref").asText().startsWith(SCHEMAS_PREFIX)
                    ? resolve(schemaNode) : schemaNode;
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("$schema", "http://json-schema.org/draft-07/schema#");
            root.set("definitions", definitions);
            root.putArray("allOf").add(rewriteRefs(resolved.deepCopy()));
            return factory.getSchema(root, config);
        });
    }

    /** Points {@code #/components/schemas/X} at {@code #/definitions/X} of the standalone schema. */
    private static JsonNode rewriteRefs(JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            JsonNode ref = o.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(SCHEMAS_PREFIX)) {
                o.put("$ref", "#/definitions/" + ref.asText().substring(SCHEMAS_PREFIX.length()));
            }
            o.forEach(AsyncApiContract::rewriteRefs);
        } else if (node.isArray()) {
            node.forEach(AsyncApiContract::rewriteRefs);
        }
        return node;
    }

    private static List<String> violations(String part, Set<ValidationMessage> messages) {
        List<String> out = new ArrayList<>();
        for (ValidationMessage v : messages) {
            out.add(part + ": " + v.getMessage());
        }
        out.sort(null);
        return out;
    }

    /**
     * One message of a channel.
     *
     * @param topic         the channel's address
     * @param id            the message's key in the channel's {@code messages}
     * @param name          the message's {@code name}
     * @param ceType        the {@code ce_type} it pins, or null
     * @param ceTypePattern the {@code ce_type} pattern when it pins none (a draft family of types), or null
     * @param node          the resolved message object
     */
    public record Message(String topic, String id, String name, String ceType, Pattern ceTypePattern, JsonNode node) {

        /** True when the payload schema is the tombstone ({@code type: 'null'}). */
        public boolean tombstone() {
            JsonNode p = node.path("payload");
            return p.path("$ref").asText().equals(SCHEMAS_PREFIX + "Tombstone") || "null".equals(p.path("type").asText());
        }
    }
}
