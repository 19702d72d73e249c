package io.capstan.gateways.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.gateways.ipam.FamilyPolicy;
import io.capstan.gateways.ipam.IpAddress;
import io.capstan.gateways.ipam.IpFamily;
import io.capstan.gateways.ipam.Port;
import io.capstan.gateways.ipam.ServiceRequest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns a core/v1 Service (as JSON) into an allocator request, honouring MetalLB's annotations (both the current
 * {@code metallb.io/} and the older {@code metallb.universe.tf/} prefix; the current one wins when both are set
 * identically, and different values are an invalid request):
 * <ul>
 *   <li>{@code metallb.io/loadBalancerIPs}: comma-separated addresses, at most one per family; not together with
 *   {@code spec.loadBalancerIP} (deprecated in Kubernetes, still honoured);</li>
 *   <li>{@code metallb.io/address-pool}: the pool to take the address from;</li>
 *   <li>{@code metallb.io/allow-shared-ip}: the sharing key.</li>
 * </ul>
 * Only Services of {@code type: LoadBalancer} whose {@code spec.loadBalancerClass} is unset or Capstan's are served.
 */
public final class ServiceRequests {

    /** Annotation keys, current prefix. */
    public static final String IPS = "metallb.io/loadBalancerIPs";
    public static final String POOL = "metallb.io/address-pool";
    public static final String SHARE = "metallb.io/allow-shared-ip";
    private static final String LEGACY = "metallb.universe.tf/";

    private ServiceRequests() {
    }

    /** {@code namespace/name} of a Service JSON. */
    public static String key(JsonNode svc) {
        return svc.path("metadata").path("namespace").asText("default") + "/" + svc.path("metadata").path("name").asText();
    }

    /** True for {@code type: LoadBalancer} with Capstan's class or none. */
    public static boolean served(JsonNode svc, String capstanClass) {
        JsonNode spec = svc.path("spec");
        if (!"LoadBalancer".equals(spec.path("type").asText())) {
            return false;
        }
        JsonNode cls = spec.get("loadBalancerClass");
        return cls == null || cls.isNull() || cls.asText().isEmpty() || cls.asText().equals(capstanClass);
    }

    /**
     * Reads a served Service's request; a malformed annotation or field gives a request with {@code invalid} set (it
     * is refused with reason InvalidRequest) rather than an exception.
     *
     * @param svc             the Service
     * @param namespaceLabels labels of its Namespace
     * @return the request, empty when the Service is not served ({@link #served})
     */
    public static Optional<ServiceRequest> read(JsonNode svc, Map<String, String> namespaceLabels, String capstanClass) {
        if (!served(svc, capstanClass)) {
            return Optional.empty();
        }
        JsonNode md = svc.path("metadata");
        JsonNode spec = svc.path("spec");
        String ns = md.path("namespace").asText("default");
        Map<String, String> labels = map(md.path("labels"));
        Map<String, String> ann = map(md.path("annotations"));
        Instant created = null;
        try {
            if (md.hasNonNull("creationTimestamp")) {
                created = Instant.parse(md.path("creationTimestamp").asText());
            }
        } catch (DateTimeParseException e) {
            created = null;
        }
        List<String> problems = new ArrayList<>();
        List<IpFamily> fams = new ArrayList<>();
        for (JsonNode f : spec.path("ipFamilies")) {
            try {
                fams.add(IpFamily.parse(f.asText()));
            } catch (IllegalArgumentException e) {
                problems.add("spec.ipFamilies: " + e.getMessage());
            }
        }
        FamilyPolicy pol = FamilyPolicy.SingleStack;
        if (spec.hasNonNull("ipFamilyPolicy")) {
            try {
                pol = FamilyPolicy.valueOf(spec.path("ipFamilyPolicy").asText());
            } catch (IllegalArgumentException e) {
                problems.add("spec.ipFamilyPolicy '" + spec.path("ipFamilyPolicy").asText()
                        + "' is not SingleStack, PreferDualStack or RequireDualStack");
            }
        }
        List<IpAddress> ips = new ArrayList<>();
        String ipsText = annotation(ann, "loadBalancerIPs", problems);
        String specIp = spec.hasNonNull("loadBalancerIP") && !spec.path("loadBalancerIP").asText().isEmpty()
                ? spec.path("loadBalancerIP").asText() : null;
        if (ipsText != null && specIp != null) {
            problems.add("spec.loadBalancerIP and the " + IPS + " annotation must not both be set");
        } else if (ipsText != null || specIp != null) {
            String field = ipsText != null ? IPS : "spec.loadBalancerIP";
            for (String part : (ipsText != null ? ipsText : specIp).split(",")) {
                try {
                    ips.add(IpAddress.parse(part));
                } catch (IllegalArgumentException e) {
                    problems.add(field + ": " + e.getMessage());
                }
            }
        }
        String pool = annotation(ann, "address-pool", problems);
        String share = annotation(ann, "allow-shared-ip", problems);
        String backend = "";
        if ("Local".equals(spec.path("externalTrafficPolicy").asText())) {
            backend = String.join(",", new TreeMap<>(map(spec.path("selector"))).entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList());
        }
        List<Port> ports = new ArrayList<>();
        for (JsonNode p : spec.path("ports")) {
            ports.add(new Port(p.path("protocol").asText("TCP"), p.path("port").asInt()));
        }
        List<IpAddress> previous = new ArrayList<>();
        for (JsonNode in : svc.path("status").path("loadBalancer").path("ingress")) {
            if (in.hasNonNull("ip")) {
                try {
                    previous.add(IpAddress.parse(in.path("ip").asText()));
                } catch (IllegalArgumentException e) {
                    // an address Capstan did not write; it is replaced
                }
            }
        }
        return Optional.of(new ServiceRequest(key(svc), ns, labels, namespaceLabels, created, fams, pol, ips, pool, share,
                backend, ports, previous, problems.isEmpty() ? null : String.join("; ", problems)));
    }

    /** The value of a MetalLB annotation under either prefix. */
    private static String annotation(Map<String, String> ann, String name, List<String> problems) {
        String cur = ann.get("metallb.io/" + name);
        String old = ann.get(LEGACY + name);
        if (cur != null && old != null && !cur.trim().equals(old.trim())) {
            problems.add("metallb.io/" + name + " '" + cur + "' and " + LEGACY + name + " '" + old + "' disagree");
        }
        String v = cur != null ? cur : old;
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** A JSON object of strings as a map (empty when missing). */
    public static Map<String, String> map(JsonNode n) {
        Map<String, String> m = new TreeMap<>();
        if (n != null && n.isObject()) {
            n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        }
        return m;
    }
}
