package io.capstan.dns.source;

import io.capstan.dns.endpoint.SourceRef;

import io.capstan.dns.endpoint.Endpoint;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Endpoints of an {@code externaldns.k8s.io/v1alpha1} DNSEndpoint, as ExternalDNS's {@code source/crd.go}: one
 * endpoint per {@code spec.endpoints[]} entry with {@code dnsName}, {@code recordType}, {@code targets},
 * {@code recordTTL} (seconds, 0 or absent for the default); {@code labels} are not kept. Any record type is accepted
 * ({@code A}, {@code AAAA}, {@code CNAME}, {@code TXT}, {@code MX}, {@code SRV}, ...); without {@code recordType} the
 * type is inferred when every target is of one kind (IPv4 A, IPv6 AAAA, one host name CNAME). TXT targets lose one
 * pair of surrounding double quotes; CNAME, NS, PTR targets lose their trailing dot. {@code providerSpecific} and
 * {@code setIdentifier} are ignored. An entry without {@code dnsName} or targets, or with a type that cannot be
 * inferred, yields an {@code InvalidEndpoint} problem and the other entries still count.
 */
public final class DnsEndpointSource {

    /** The kind. */
    public static final String KIND = "DNSEndpoint";
    /** The group. */
    public static final String GROUP = "externaldns.k8s.io";

    private DnsEndpointSource() {
    }

    /**
     * @param dnsEndpoint the DNSEndpoint object JSON
     * @param problems    receives what is wrong with its entries
     * @return its endpoints
     */
    public static List<Endpoint> endpoints(JsonNode dnsEndpoint, List<SourceProblem> problems) {
        SourceRef ref = Endpoints.ref(KIND, dnsEndpoint);
        List<Endpoint> out = new ArrayList<>();
        java.time.Instant createdAt = Endpoints.createdAt(dnsEndpoint);
        int i = 0;
        for (JsonNode e : dnsEndpoint.path("spec").path("endpoints")) {
            String where = "spec.endpoints[" + i++ + "]";
            String name = e.path("dnsName").asText("").trim();
            if (name.isEmpty()) {
                problems.add(new SourceProblem(ref, null, "InvalidEndpoint", where + ".dnsName is missing"));
                continue;
            }
            List<String> raw = new ArrayList<>();
            Endpoints.addText(raw, e.path("targets"));
            if (raw.isEmpty()) {
                problems.add(new SourceProblem(ref, name, "InvalidEndpoint", where + ".targets is empty"));
                continue;
            }
            String type = e.path("recordType").asText("").trim().toUpperCase(Locale.ROOT);
            List<String> targets;
            if (type.isEmpty()) {
                Map<String, List<String>> typed = Targets.byType(raw);
                long kinds = raw.stream().map(t -> Targets.isIpv4(t) ? "A" : Targets.isIpv6(t) ? "AAAA" : "CNAME")
                        .distinct().count();
                if (kinds != 1 || ("CNAME".equals(typed.keySet().iterator().next()) && raw.size() > 1)) {
                    problems.add(new SourceProblem(ref, name, "InvalidEndpoint",
                            where + ".recordType is missing and the targets are not all of one type"));
                    continue;
                }
                type = typed.keySet().iterator().next();
                targets = typed.get(type);
            } else if (!type.matches("[A-Z][A-Z0-9]*")) {
                problems.add(new SourceProblem(ref, name, "InvalidEndpoint", where + ".recordType '" + type
                        + "' is not a record type"));
                continue;
            } else {
                String t0 = type;
                targets = raw.stream().map(t -> data(t0, t)).toList();
            }
            long ttl = e.path("recordTTL").asLong(0);
            if (ttl < 0 || ttl > Integer.MAX_VALUE) {
                problems.add(new SourceProblem(ref, name, "InvalidTtl", where + ".recordTTL " + ttl
                        + " is outside 0 to 2147483647; the default TTL applies"));
                ttl = 0;
            }
            out.add(new Endpoint(name, type, targets, ttl, ref, createdAt));
        }
        return out;
    }

    private static String data(String type, String target) {
        return switch (type) {
            case "AAAA" -> Targets.canonical(target);
            case "CNAME", "NS", "PTR" -> {
                String t = target.toLowerCase(Locale.ROOT);
                yield t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
            }
            case "TXT" -> target.length() >= 2 && target.startsWith("\"") && target.endsWith("\"")
                    ? target.substring(1, target.length() - 1) : target;
            default -> target;
        };
    }
}
