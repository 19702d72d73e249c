package io.capstan.gateways.ipam;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads pools from JSON: the {@code spec} of a {@code metallb.io/v1beta1} IPAddressPool (fields of MetalLB's
 * IPAddressPoolSpec: {@code addresses}, {@code autoAssign} default true, {@code avoidBuggyIPs} default false,
 * {@code serviceAllocation {priority, namespaces, namespaceSelectors, serviceSelectors}}), and a profile pool (the same
 * fields plus {@code name} and Capstan's {@code fleetWide}, default false).
 */
public final class PoolParser {

    private PoolParser() {
    }

    /**
     * @param name   pool name
     * @param source where it is defined
     * @param spec   the spec object (profile pool or IPAddressPool.spec)
     * @throws IllegalArgumentException with a message naming the bad field and value
     */
    public static AddressPool parse(String name, AddressPool.Source source, JsonNode spec) {
        if (spec == null || !spec.isObject()) {
            throw new IllegalArgumentException("spec must be an object");
        }
        JsonNode addrs = spec.path("addresses");
        if (!addrs.isArray() || addrs.isEmpty()) {
            throw new IllegalArgumentException("spec.addresses must be a non-empty list of CIDRs or ranges");
        }
        List<AddressRange> ranges = new ArrayList<>();
        for (JsonNode a : addrs) {
            if (!a.isTextual()) {
                throw new IllegalArgumentException("spec.addresses entries must be strings, got " + a);
            }
            ranges.add(AddressRange.parse(a.asText()));
        }
        boolean autoAssign = bool(spec, "autoAssign", true);
        boolean avoid = bool(spec, "avoidBuggyIPs", false);
        boolean fleet = source == AddressPool.Source.PROFILE && bool(spec, "fleetWide", false);
        ServiceAllocation sa = null;
        JsonNode s = spec.get("serviceAllocation");
        if (s != null && !s.isNull()) {
            if (!s.isObject()) {
                throw new IllegalArgumentException("spec.serviceAllocation must be an object");
            }
            JsonNode pr = s.path("priority");
            if (!pr.isMissingNode() && !pr.isNull() && !pr.canConvertToInt()) {
                throw new IllegalArgumentException("spec.serviceAllocation.priority must be an integer, got " + pr);
            }
            sa = new ServiceAllocation(pr.asInt(0), strings(s.path("namespaces"), "spec.serviceAllocation.namespaces"),
                    selectors(s.path("namespaceSelectors"), "spec.serviceAllocation.namespaceSelectors"),
                    selectors(s.path("serviceSelectors"), "spec.serviceAllocation.serviceSelectors"));
        }
        return new AddressPool(name, source, ranges, autoAssign, avoid, sa, fleet);
    }

    private static boolean bool(JsonNode spec, String field, boolean dflt) {
        JsonNode n = spec.get(field);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isBoolean()) {
            throw new IllegalArgumentException("spec." + field + " must be true or false, got " + n);
        }
        return n.asBoolean();
    }

    private static List<String> strings(JsonNode n, String path) {
        List<String> out = new ArrayList<>();
        if (n.isMissingNode() || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw new IllegalArgumentException(path + " must be a list of strings");
        }
        n.forEach(x -> out.add(x.asText()));
        return out;
    }

    /**
     * Reads meta/v1 LabelSelectors.
     *
     * @throws IllegalArgumentException on an unknown operator or a malformed entry
     */
    public static List<LabelSelector> selectors(JsonNode n, String path) {
        List<LabelSelector> out = new ArrayList<>();
        if (n.isMissingNode() || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw new IllegalArgumentException(path + " must be a list of label selectors");
        }
        for (JsonNode sel : n) {
            Map<String, String> ml = new HashMap<>();
            sel.path("matchLabels").fields().forEachRemaining(e -> ml.put(e.getKey(), e.getValue().asText()));
            List<LabelSelector.Requirement> reqs = new ArrayList<>();
            for (JsonNode e : sel.path("matchExpressions")) {
                Set<String> vals = new HashSet<>();
                e.path("values").forEach(v -> vals.add(v.asText()));
                try {
                    reqs.add(new LabelSelector.Requirement(e.path("key").asText(), e.path("operator").asText(), vals));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(path + ": " + ex.getMessage());
                }
            }
            out.add(new LabelSelector(ml, reqs));
        }
        return out;
    }
}
