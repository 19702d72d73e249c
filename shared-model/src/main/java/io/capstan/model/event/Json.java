package io.capstan.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;

/**
 * The one JSON mapping of Capstan payloads: ISO-8601 instants, nulls left out, unknown properties ignored (a newer
 * producer may add fields to a {@code .v1} payload; removing or retyping one needs a new type version).
 */
public final class Json {

    /** Thread-safe, shared mapper. Do not reconfigure it. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private Json() {
    }

    /** Serializes a payload to JSON text. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * Parses a payload.
     *
     * @throws PoisonEventException with reason {@code MalformedPayload} when the text is not JSON of that shape
     */
    public static <T> T read(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new PoisonEventException("MalformedPayload", "empty body where a " + type.getSimpleName() + " was expected");
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new PoisonEventException("MalformedPayload",
                    "body is not a " + type.getSimpleName() + ": " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException jp ? jp.getOriginalMessage() : e.getMessage()), e);
        }
    }
}
