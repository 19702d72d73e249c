package io.capstan.model.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The CloudEvents 1.0 Kafka protocol binding in binary content mode (cloudevents/spec {@code kafka-protocol-binding.md}
 * §3.2): attributes travel as {@code ce_*} headers, the JSON payload is the record value, and {@code content-type}
 * names its media type.
 *
 * <p>Services that publish through SmallRye Reactive Messaging let its CloudEvents support write these headers; this
 * class is for the plain Kafka clients (tests, benchmarks, the sandbox) and for reading headers back.
 *
 * @param id          {@code ce_id}, unique per source
 * @param source      {@code ce_source}, a URI reference such as {@code /capstan/storage}
 * @param type        {@code ce_type}, one of {@link EventTypes}
 * @param subject     {@code ce_subject}, the record key
 * @param time        {@code ce_time}, RFC 3339
 * @param contentType {@code content-type}, {@code application/json} or null for a tombstone
 */
public record CloudEventHeaders(String id, String source, String type, String subject, Instant time,
                                String contentType) {

    /** CloudEvents spec version written in {@code ce_specversion}. */
    public static final String SPEC_VERSION = "1.0";
    /** Media type of every Capstan payload. */
    public static final String JSON = "application/json";

    public CloudEventHeaders {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
    }

    /** A new event with a random id, stamped now. */
    public static CloudEventHeaders of(String source, String type, String subject, Instant now, boolean tombstone) {
        return new CloudEventHeaders(UUID.randomUUID().toString(), source, type, subject, now, tombstone ? null : JSON);
    }

    /** The headers as Kafka header name to UTF-8 bytes, in a stable order. */
    public Map<String, byte[]> toKafkaHeaders() {
        Map<String, byte[]> h = new LinkedHashMap<>();
        h.put("ce_specversion", bytes(SPEC_VERSION));
        h.put("ce_id", bytes(id));
        h.put("ce_source", bytes(source));
        h.put("ce_type", bytes(type));
        if (subject != null) {
            h.put("ce_subject", bytes(subject));
        }
        if (time != null) {
            h.put("ce_time", bytes(DateTimeFormatter.ISO_INSTANT.format(time)));
        }
        if (contentType != null) {
            h.put("content-type", bytes(contentType));
        }
        return h;
    }

    /**
     * Reads the attributes back from Kafka headers (last value of each name wins).
     *
     * @throws PoisonEventException if {@code ce_specversion} is not 1.0 or a required attribute is missing
     */
    public static CloudEventHeaders fromKafkaHeaders(Map<String, byte[]> headers) {
        String spec = string(headers.get("ce_specversion"));
        if (!SPEC_VERSION.equals(spec)) {
            throw new PoisonEventException("NotACloudEvent", "ce_specversion is " + (spec == null ? "missing" : "'" + spec + "'") + ", expected 1.0");
        }
        String id = string(headers.get("ce_id"));
        String source = string(headers.get("ce_source"));
        String type = string(headers.get("ce_type"));
        if (id == null || source == null || type == null) {
            throw new PoisonEventException("NotACloudEvent", "ce_id, ce_source and ce_type are required");
        }
        String time = string(headers.get("ce_time"));
        Instant at;
        try {
            at = time == null ? null : Instant.parse(time);
        } catch (RuntimeException e) {
            throw new PoisonEventException("NotACloudEvent", "ce_time is not RFC 3339: " + time);
        }
        return new CloudEventHeaders(id, source, type, string(headers.get("ce_subject")), at,
                string(headers.get("content-type")));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
