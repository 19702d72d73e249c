package io.capstan.dns.source;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ExternalDNS annotations Capstan honours (upstream {@code source/annotations/annotations.go}), read under both
 * prefixes: the GA {@code external-dns.kubernetes.io/} (ExternalDNS 0.22+) and the older
 * {@code external-dns.alpha.kubernetes.io/}. When both carry a key, the GA one wins.
 * <ul>
 *   <li>{@code hostname}: comma-separated names ({@code a.example.com, b.example.com});</li>
 *   <li>{@code target}: comma-separated targets that replace the ones from the object's status;</li>
 *   <li>{@code ttl}: seconds ({@code 300}) or a Go duration ({@code 1m30s}, units h, m, s), 1 to 2147483647 s;</li>
 *   <li>{@code controller}: when set to anything but {@code dns-controller}, the object is not for ExternalDNS (nor
 *   for Capstan) and is skipped.</li>
 * </ul>
 */
public final class Annotations {

    /** The GA prefix. */
    public static final String PREFIX = "external-dns.kubernetes.io/";
    /** The alpha prefix, still what most manifests carry. */
    public static final String ALPHA_PREFIX = "external-dns.alpha.kubernetes.io/";

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(h|m|s)");

    private Annotations() {
    }

    /** The value of {@code key} under the GA prefix, else under the alpha prefix. */
    public static Optional<String> get(JsonNode object, String key) {
        JsonNode ann = object.path("metadata").path("annotations");
        for (String prefix : List.of(PREFIX, ALPHA_PREFIX)) {
            JsonNode v = ann.get(prefix + key);
            if (v != null && v.isTextual()) {
                return Optional.of(v.asText());
            }
        }
        return Optional.empty();
    }

    /** Comma-separated values of {@code key}, trimmed, empty ones dropped, order kept, duplicates removed. */
    public static List<String> list(JsonNode object, String key) {
        Set<String> out = new LinkedHashSet<>();
        get(object, key).ifPresent(v -> {
            for (String part : v.split(",")) {
                String t = part.trim();
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
        });
        return new ArrayList<>(out);
    }

    /** True when the object's {@code controller} annotation hands it to another controller. */
    public static boolean otherController(JsonNode object) {
        return get(object, "controller").map(v -> !v.trim().equals("dns-controller")).orElse(false);
    }

    /**
     * The {@code ttl} annotation in seconds.
     *
     * @return 0 when absent
     * @throws IllegalArgumentException when present but not a TTL between 1 and 2147483647 seconds
     */
    public static long ttl(JsonNode object) {
        Optional<String> raw = get(object, "ttl");
        if (raw.isEmpty()) {
            return 0;
        }
        return parseTtl(raw.get());
    }

    /**
     * Parses a TTL as ExternalDNS does: an integer number of seconds, or a Go duration made of hours, minutes and
     * seconds ({@code 1h}, {@code 2m30s}).
     *
     * @throws IllegalArgumentException when it is neither, or outside 1 to 2147483647 seconds
     */
    public static long parseTtl(String raw) {
        String s = raw.trim();
        long seconds;
        if (s.matches("\\d{1,12}")) {
            seconds = Long.parseLong(s);
        } else {
            Matcher m = DURATION_PART.matcher(s);
            int end = 0;
            seconds = 0;
            while (m.find() && m.start() == end) {
                long n = Long.parseLong(m.group(1).length() > 12 ? "999999999999" : m.group(1));
                seconds += switch (m.group(2)) {
                    case "h" -> n * 3600;
                    case "m" -> n * 60;
                    default -> n;
                };
                end = m.end();
            }
            if (end == 0 || end != s.length()) {
                throw new IllegalArgumentException("ttl '" + raw + "' is neither seconds nor a duration such as 5m");
            }
        }
        if (seconds < 1 || seconds > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ttl '" + raw + "' must be between 1 and 2147483647 seconds");
        }
        return seconds;
    }
}
