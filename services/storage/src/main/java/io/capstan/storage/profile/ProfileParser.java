package io.capstan.storage.profile;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses and validates the {@code storage} section of a profile (schema: {@link StorageProfile}). Pure: JSON in,
 * value out. Strict: an unknown key is an error, so a typo never silently falls back to a default.
 */
public final class ProfileParser {

    /** DNS-1123 subdomain (Kubernetes object names), at most 253 characters. */
    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** A provisioner (CSI driver) name as Kubernetes accepts it: at most 63 characters of this set. */
    private static final Pattern PROVISIONER = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9._/]*[A-Za-z0-9])?");

    private static final Set<String> TOP_KEYS = Set.of("ownsDefault", "defaultClass", "classes");
    private static final Set<String> CLASS_KEYS = Set.of("name", "provisioner", "parameters", "reclaimPolicy",
            "volumeBindingMode", "allowVolumeExpansion", "mountOptions", "allowedTopologies", "snapshot", "default");

    private ProfileParser() {
    }

    /**
     * Parses the section.
     *
     * @param section the profile's {@code storage} JSON (an empty object or null/missing means "all defaults")
     * @return the validated profile; the input is not changed
     * @throws InvalidProfileException naming the first bad field
     */
    public static StorageProfile parse(JsonNode section) {
        if (section == null || section.isNull() || section.isMissingNode()) {
            return StorageProfile.EMPTY;
        }
        if (!section.isObject()) {
            throw new InvalidProfileException("storage", "must be an object");
        }
        unknownKeys(section, TOP_KEYS, "storage");
        boolean ownsDefault = bool(section, "ownsDefault", false, "storage.ownsDefault");
        String defaultClass = null;
        if (present(section, "defaultClass")) {
            defaultClass = name(section.get("defaultClass"), "storage.defaultClass");
        }
        Optional<List<ClassSpec>> classes = Optional.empty();
        if (present(section, "classes")) {
            JsonNode arr = section.get("classes");
            if (!arr.isArray()) {
                throw new InvalidProfileException("storage.classes", "must be an array");
            }
            List<ClassSpec> list = new ArrayList<>();
            Set<String> names = new HashSet<>();
            String markedDefault = null;
            for (int i = 0; i < arr.size(); i++) {
                String path = "storage.classes[" + i + "]";
                ClassSpec c = classSpec(arr.get(i), path);
                if (!names.add(c.name())) {
                    throw new InvalidProfileException(path + ".name", "duplicate class name '" + c.name() + "'");
                }
                if (c.isDefault()) {
                    if (markedDefault != null) {
                        throw new InvalidProfileException(path + ".default",
                                "only one class may be the default; '" + markedDefault + "' already is");
                    }
                    markedDefault = c.name();
                }
                list.add(c);
            }
            if (defaultClass != null && markedDefault != null && !defaultClass.equals(markedDefault)) {
                throw new InvalidProfileException("storage.defaultClass", "names '" + defaultClass
                        + "' but class '" + markedDefault + "' is marked default");
            }
            classes = Optional.of(list);
        }
        return new StorageProfile(ownsDefault, defaultClass, classes);
    }

    private static ClassSpec classSpec(JsonNode n, String path) {
        if (n == null || !n.isObject()) {
            throw new InvalidProfileException(path, "must be an object");
        }
        unknownKeys(n, CLASS_KEYS, path);
        if (!present(n, "name")) {
            throw new InvalidProfileException(path + ".name", "is required");
        }
        String name = name(n.get("name"), path + ".name");
        if (!present(n, "provisioner")) {
            throw new InvalidProfileException(path + ".provisioner", "is required");
        }
        String provisioner = text(n.get("provisioner"), path + ".provisioner");
        if (provisioner.length() > 63 || !PROVISIONER.matcher(provisioner).matches()) {
            throw new InvalidProfileException(path + ".provisioner",
                    "must be a CSI driver name (at most 63 characters, letters, digits, '-', '.', '_', '/'), got '" + provisioner + "'");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (present(n, "parameters")) {
            JsonNode p = n.get("parameters");
            if (!p.isObject()) {
                throw new InvalidProfileException(path + ".parameters", "must be an object of strings");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    throw new InvalidProfileException(path + ".parameters." + e.getKey(),
                            "must be a string (Kubernetes StorageClass parameters are map[string]string)");
                }
                parameters.put(e.getKey(), e.getValue().asText());
            }
        }
        String reclaim = present(n, "reclaimPolicy") ? text(n.get("reclaimPolicy"), path + ".reclaimPolicy") : "Delete";
        if (!reclaim.equals("Delete") && !reclaim.equals("Retain")) {
            throw new InvalidProfileException(path + ".reclaimPolicy", "must be Delete or Retain, got '" + reclaim + "'");
        }
        String binding = present(n, "volumeBindingMode")
                ? text(n.get("volumeBindingMode"), path + ".volumeBindingMode") : ClassSpec.WAIT_FOR_FIRST_CONSUMER;
        if (!binding.equals("WaitForFirstConsumer") && !binding.equals("Immediate")) {
            throw new InvalidProfileException(path + ".volumeBindingMode",
                    "must be WaitForFirstConsumer or Immediate, got '" + binding + "'");
        }
        boolean expansion = bool(n, "allowVolumeExpansion", true, path + ".allowVolumeExpansion");
        List<String> mountOptions = strings(n, "mountOptions", path + ".mountOptions");
        List<TopologyTerm> topologies = topologies(n, path + ".allowedTopologies");
        boolean snapshot = bool(n, "snapshot", SnapshotCapableDrivers.supportsSnapshots(provisioner), path + ".snapshot");
        boolean isDefault = bool(n, "default", false, path + ".default");
        return new ClassSpec(name, provisioner, parameters, reclaim, binding, expansion, mountOptions, topologies,
                snapshot, isDefault);
    }

    private static List<TopologyTerm> topologies(JsonNode n, String path) {
        if (!present(n, "allowedTopologies")) {
            return List.of();
        }
        JsonNode arr = n.get("allowedTopologies");
        if (!arr.isArray()) {
            throw new InvalidProfileException(path, "must be an array of {matchLabelExpressions: [...]}");
        }
        List<TopologyTerm> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            String tp = path + "[" + i + "]";
            JsonNode term = arr.get(i);
            if (!term.isObject() || !term.path("matchLabelExpressions").isArray()) {
                throw new InvalidProfileException(tp + ".matchLabelExpressions", "is required and must be an array");
            }
            Map<String, List<String>> req = new LinkedHashMap<>();
            JsonNode exprs = term.get("matchLabelExpressions");
            for (int j = 0; j < exprs.size(); j++) {
                String ep = tp + ".matchLabelExpressions[" + j + "]";
                JsonNode e = exprs.get(j);
                if (!e.isObject() || !e.path("key").isTextual() || e.get("key").asText().isEmpty()) {
                    throw new InvalidProfileException(ep + ".key", "is required");
                }
                List<String> values = strings(e, "values", ep + ".values");
                if (values.isEmpty()) {
                    throw new InvalidProfileException(ep + ".values", "needs at least one value");
                }
                req.put(e.get("key").asText(), values);
            }
            out.add(new TopologyTerm(req));
        }
        return out;
    }

    private static void unknownKeys(JsonNode n, Set<String> allowed, String path) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new InvalidProfileException(path + "." + k, "unknown field (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    private static boolean present(JsonNode n, String key) {
        return n.has(key) && !n.get(key).isNull();
    }

    private static boolean bool(JsonNode n, String key, boolean dflt, String path) {
        if (!present(n, key)) {
            return dflt;
        }
        if (!n.get(key).isBoolean()) {
            throw new InvalidProfileException(path, "must be true or false");
        }
        return n.get(key).asBoolean();
    }

    private static String text(JsonNode v, String path) {
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw new InvalidProfileException(path, "must be a non-empty string");
        }
        return v.asText();
    }

    private static String name(JsonNode v, String path) {
        String s = text(v, path);
        if (s.length() > 253 || !DNS1123_SUBDOMAIN.matcher(s).matches()) {
            throw new InvalidProfileException(path, "must be a DNS-1123 subdomain (lowercase letters, digits, '-', '.'), got '" + s + "'");
        }
        return s;
    }

    private static List<String> strings(JsonNode n, String key, String path) {
        if (!present(n, key)) {
            return List.of();
        }
        JsonNode arr = n.get(key);
        if (!arr.isArray()) {
            throw new InvalidProfileException(path, "must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            if (!arr.get(i).isTextual()) {
                throw new InvalidProfileException(path + "[" + i + "]", "must be a string");
            }
            out.add(arr.get(i).asText());
        }
        return out;
    }
}
