package io.capstan.dns.source;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One record set an object claims, as the object says it (ExternalDNS {@code endpoint.Endpoint} before any domain
 * filter): the name is raw (case, trailing dot and Unicode labels are kept; the name rules are applied later by
 * {@code io.capstan.dns.name}), targets are trimmed, deduplicated and sorted.
 *
 * @param dnsName    the claimed name as written, for example {@code Web.Example.Test.} or {@code *.apps.example.test}
 * @param recordType {@code A}, {@code AAAA}, {@code CNAME} (inferred from the targets), or any upper-case type a
 *                   DNSEndpoint names ({@code TXT}, {@code MX}, {@code SRV}, ...)
 * @param targets    record data in presentation form: IPv4 dotted quad, IPv6 in RFC 5952 text form, a host name
 *                   without trailing dot, TXT text unquoted; never empty
 * @param ttl        TTL in seconds from the {@code ttl} annotation or {@code recordTTL}; 0 when not set (the profile's
 *                   {@code defaultTtl} applies)
 * @param labels     DNSEndpoint {@code spec.endpoints[].labels}, empty for other sources
 * @param source     the claiming object
 */
public record SourceEndpoint(String dnsName, String recordType, List<String> targets, long ttl,
                             Map<String, String> labels, SourceRef source) {

    public SourceEndpoint {
        Objects.requireNonNull(dnsName, "dnsName");
        Objects.requireNonNull(recordType, "recordType");
        Objects.requireNonNull(source, "source");
        targets = targets.stream().distinct().sorted().toList();
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
