package io.capstan.dns.registry;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The text of one ownership marker, in the ExternalDNS TXT registry format ({@code registry/labels.go},
 * {@code endpoint/labels.go}): {@code heritage=external-dns,external-dns/owner=<id>,external-dns/resource=<kind>/<ns>/<name>},
 * labels after the heritage sorted by key. The record data is this text unquoted (the quotes ExternalDNS shows are
 * the presentation form; {@link #parse} accepts both).
 *
 * <p>Multi-cluster extension (Capstan): an owner that opted in to multi-cluster record sets adds
 * {@code capstan/targets=<t1>+<t2>...} (its own targets, sorted, {@code +}-separated) as the last token of its own
 * value. One marker record set then holds one value per owner, and each owner adds or removes only the targets its
 * own value lists. ExternalDNS ignores the token (its parser keeps only {@code external-dns/} keys).
 *
 * @param owner    the owner id ({@code external-dns/owner}), never empty
 * @param resource the {@code external-dns/resource} label, empty when absent
 * @param targets  the owner's own targets in a shared record set, or null when the value has no
 *                 {@code capstan/targets} token (single-owner marker)
 * @param labels   the other {@code external-dns/} labels read (key without prefix), kept for information
 */
public record MarkerValue(String owner, String resource, Set<String> targets, Map<String, String> labels) {

    /** The heritage every ExternalDNS marker carries. */
    public static final String HERITAGE = "heritage=external-dns";
    /** The token key of the multi-cluster extension. */
    public static final String TARGETS_KEY = "capstan/targets";
    private static final String PREFIX = "external-dns/";

    public MarkerValue {
        Objects.requireNonNull(owner, "owner");
        resource = resource == null ? "" : resource;
        targets = targets == null ? null : Set.copyOf(new TreeSet<>(targets));
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** A single-owner marker value. */
    public static MarkerValue of(String owner, String resource) {
        return new MarkerValue(owner, resource, null, Map.of());
    }

    /** A multi-cluster marker value listing the owner's own targets. */
    public static MarkerValue shared(String owner, String resource, Set<String> targets) {
        return new MarkerValue(owner, resource, targets, Map.of());
    }

    /**
     * Reads a TXT string as ExternalDNS does: surrounding quotes dropped, tokens split at {@code ,}, a token that is not
     * exactly one {@code key=value} ignored.
     *
     * @return the value, or empty when the text has no {@code heritage=external-dns} (not a marker), has another
     * heritage, or names no owner
     */
    public static Optional<MarkerValue> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1);
        }
        boolean heritage = false;
        String owner = null;
        String resource = "";
        Set<String> targets = null;
        Map<String, String> labels = new LinkedHashMap<>();
        for (String token : t.split(",")) {
            String[] kv = token.split("=", -1);
            if (kv.length != 2) {
                continue;
            }
            String k = kv[0].strip();
            String v = kv[1].strip();
            if (k.equals("heritage")) {
                if (!v.equals("external-dns")) {
                    return Optional.empty();
                }
                heritage = true;
            } else if (k.equals(TARGETS_KEY)) {
                targets = new TreeSet<>();
                if (!v.isEmpty()) {
                    targets.addAll(Arrays.asList(v.split("\\+")));
                }
            } else if (k.startsWith(PREFIX)) {
                String key = k.substring(PREFIX.length());
                if (key.equals("owner")) {
                    owner = v;
                } else if (key.equals("resource")) {
                    resource = v;
                } else {
                    labels.put(key, v);
                }
            }
        }
        if (!heritage || owner == null || owner.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MarkerValue(owner, resource, targets, labels));
    }

    /** True when the text is an ExternalDNS marker (any owner). */
    public static boolean isMarker(String text) {
        return parse(text).isPresent();
    }

    /**
     * The record data to write: {@code heritage=external-dns,external-dns/owner=<id>,external-dns/resource=<r>} and,
     * for a shared value, {@code ,capstan/targets=<t1>+<t2>}. Other labels are not written.
     */
    public String format() {
        StringBuilder b = new StringBuilder(HERITAGE).append(',').append(PREFIX).append("owner=").append(owner);
        if (!resource.isEmpty()) {
            b.append(',').append(PREFIX).append("resource=").append(resource);
        }
        if (targets != null) {
            b.append(',').append(TARGETS_KEY).append('=').append(String.join("+", new TreeSet<>(targets)));
        }
        return b.toString();
    }

    /** True when this value is a multi-cluster (shared) value. */
    public boolean isShared() {
        return targets != null;
    }

    /** Same owner, resource and targets (labels and spelling ignored): no rewrite needed. */
    public boolean sameAs(MarkerValue o) {
        return o != null && owner.equals(o.owner) && resource.equals(o.resource) && Objects.equals(targets, o.targets);
    }

    /** True when a target can be listed in {@code capstan/targets} (no {@code , = + "} or whitespace). */
    public static boolean listable(String target) {
        return !target.isEmpty() && target.chars().noneMatch(c -> c == ',' || c == '=' || c == '+' || c == '"'
                || Character.isWhitespace(c));
    }

    /** The owner ids of a list of values, in order. */
    public static List<String> owners(List<MarkerValue> values) {
        return values.stream().map(MarkerValue::owner).toList();
    }
}
