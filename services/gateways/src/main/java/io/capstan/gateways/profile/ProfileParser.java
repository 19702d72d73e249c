package io.capstan.gateways.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.gateways.ipam.AddressPool;
import io.capstan.gateways.ipam.PoolParser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the load-balancer keys of a profile's {@code gateways} section:
 * <pre>
 * "gateways": {
 *   "loadBalancerClass": "capstan.io/load-balancer",          // optional, Capstan's class
 *   "gatewayNamespaces": ["capstan-gateways"],                 // optional
 *   "pools": [{"name": "alpha", "addresses": ["192.0.2.64/26", "192.0.2.200-192.0.2.210"],
 *              "autoAssign": true, "avoidBuggyIPs": false, "fleetWide": false,
 *              "serviceAllocation": {"priority": 10, "namespaces": [], "namespaceSelectors": [], "serviceSelectors": []}}],
 *   "cloud": {"loadBalancerClass": null, "annotations": {}, "internal": false},
 *   "edge": { ... }                                            // read by the edge code, ignored here
 * }
 * </pre>
 * Unknown keys are refused, so a typo is an {@link InvalidProfileException} instead of a silently ignored setting.
 */
public final class ProfileParser {

    private static final Set<String> KEYS = Set.of("loadBalancerClass", "gatewayNamespaces", "pools", "cloud", "edge");
    private static final Set<String> POOL_KEYS = Set.of("name", "addresses", "autoAssign", "avoidBuggyIPs", "fleetWide",
            "serviceAllocation");
    /** A qualified name as Kubernetes validates loadBalancerClass: prefix/name. */
    private static final Pattern CLASS = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private ProfileParser() {
    }

    /**
     * @param section the {@code gateways} section (an empty object when the profile has none)
     * @throws InvalidProfileException naming the field and value
     */
    public static GatewaysProfile parse(JsonNode section) {
        if (section == null || section.isNull() || section.isMissingNode()) {
            return new GatewaysProfile(null, List.of(), List.of(), null);
        }
        if (!section.isObject()) {
            throw new InvalidProfileException("gateways must be an object");
        }
        section.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                throw new InvalidProfileException("gateways." + k + " is not a known key " + new java.util.TreeSet<>(KEYS));
            }
        });
        String cls = text(section, "loadBalancerClass", "gateways.loadBalancerClass");
        if (cls != null && !CLASS.matcher(cls).matches()) {
            throw new InvalidProfileException("gateways.loadBalancerClass '" + cls + "' is not a prefixed name like capstan.io/load-balancer");
        }
        List<String> nss = new ArrayList<>();
        JsonNode gn = section.path("gatewayNamespaces");
        if (!gn.isMissingNode() && !gn.isNull()) {
            if (!gn.isArray()) {
                throw new InvalidProfileException("gateways.gatewayNamespaces must be a list of namespace names");
            }
            for (JsonNode n : gn) {
                if (!n.isTextual() || !DNS_LABEL.matcher(n.asText()).matches()) {
                    throw new InvalidProfileException("gateways.gatewayNamespaces: '" + n.asText() + "' is not a namespace name");
                }
                nss.add(n.asText());
            }
        }
        List<AddressPool> pools = new ArrayList<>();
        JsonNode ps = section.path("pools");
        if (!ps.isMissingNode() && !ps.isNull()) {
            if (!ps.isArray()) {
                throw new InvalidProfileException("gateways.pools must be a list");
            }
            Set<String> names = new HashSet<>();
            int i = 0;
            for (JsonNode p : ps) {
                String where = "gateways.pools[" + i++ + "]";
                if (!p.isObject()) {
                    throw new InvalidProfileException(where + " must be an object");
                }
                p.fieldNames().forEachRemaining(k -> {
                    if (!POOL_KEYS.contains(k)) {
                        throw new InvalidProfileException(where + "." + k + " is not a known key " + new java.util.TreeSet<>(POOL_KEYS));
                    }
                });
                String name = p.path("name").asText("");
                if (!DNS_LABEL.matcher(name).matches()) {
                    throw new InvalidProfileException(where + ".name '" + name + "' is not a DNS-1123 label");
                }
                if (!names.add(name)) {
                    throw new InvalidProfileException(where + ".name '" + name + "' is used twice");
                }
                try {
                    pools.add(PoolParser.parse(name, AddressPool.Source.PROFILE, p));
                } catch (IllegalArgumentException e) {
                    throw new InvalidProfileException(where + " (" + name + "): " + e.getMessage().replace("spec.", ""));
                }
            }
            io.capstan.gateways.ipam.PoolSet set = io.capstan.gateways.ipam.PoolSet.of(pools, List.of(), List.of());
            if (!set.invalid().isEmpty()) {
                io.capstan.gateways.ipam.PoolSet.InvalidPool bad = set.invalid().get(0);
                throw new InvalidProfileException("gateways.pools (" + bad.name() + "): " + bad.message());
            }
        }
        GatewaysProfile.Cloud cloud = null;
        JsonNode c = section.path("cloud");
        if (!c.isMissingNode() && !c.isNull()) {
            if (!c.isObject()) {
                throw new InvalidProfileException("gateways.cloud must be an object");
            }
            String ccls = text(c, "loadBalancerClass", "gateways.cloud.loadBalancerClass");
            if (ccls != null && !CLASS.matcher(ccls).matches()) {
                throw new InvalidProfileException("gateways.cloud.loadBalancerClass '" + ccls + "' is not a prefixed name");
            }
            Map<String, String> ann = new LinkedHashMap<>();
            JsonNode an = c.path("annotations");
            if (!an.isMissingNode() && !an.isNull()) {
                if (!an.isObject()) {
                    throw new InvalidProfileException("gateways.cloud.annotations must be an object of strings");
                }
                an.fields().forEachRemaining(e -> {
                    if (!e.getValue().isTextual()) {
                        throw new InvalidProfileException("gateways.cloud.annotations." + e.getKey() + " must be a string");
                    }
                    ann.put(e.getKey(), e.getValue().asText());
                });
            }
            JsonNode in = c.path("internal");
            if (!in.isMissingNode() && !in.isNull() && !in.isBoolean()) {
                throw new InvalidProfileException("gateways.cloud.internal must be true or false");
            }
            cloud = new GatewaysProfile.Cloud(ccls, ann, in.asBoolean(false));
        }
        return new GatewaysProfile(cls, pools, nss, cloud);
    }

    private static String text(JsonNode n, String field, String path) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidProfileException(path + " must be a string");
        }
        return v.asText();
    }
}
