package io.capstan.dns.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One desired record set of one cluster, as ExternalDNS's {@code endpoint.Endpoint}: a name, a type and its targets,
 * from one Kubernetes object. Values are kept as the source gave them; the planner normalises and validates them, so
 * that a bad name or target becomes an {@code Error} outcome for that name while the rest of the batch is planned.
 * A dual-stack source gives two endpoints, one {@code A} and one {@code AAAA}.
 *
 * @param dnsName    the host name as given ({@code Web.Example.Test.}, {@code *.apps.example.test}, {@code bücher.example})
 * @param recordType the record type mnemonic ({@code A}, {@code AAAA}, {@code CNAME}, {@code TXT}, {@code MX},
 *                   {@code SRV}, {@code NS}, ...; any case)
 * @param targets    the record data in presentation form (an IPv4/IPv6 address, a host name, the TXT text,
 *                   {@code 10 mail.example.test} for MX); an empty list means the source claims the name but has no
 *                   target yet (a LoadBalancer without address): the name stays claimed and nothing is changed
 * @param ttl        TTL in seconds; 0 means the configured default
 * @param source     the Kubernetes object that asks for it
 * @param createdAt  the object's {@code metadata.creationTimestamp}, for claim ordering (null sorts last)
 */
public record Endpoint(String dnsName, String recordType, List<String> targets, long ttl, SourceRef source,
                       Instant createdAt) {

    public Endpoint {
        Objects.requireNonNull(dnsName, "dnsName");
        Objects.requireNonNull(recordType, "recordType");
        Objects.requireNonNull(source, "source");
        targets = targets == null ? List.of() : List.copyOf(targets);
        if (ttl < 0) {
            throw new IllegalArgumentException("ttl must not be negative: " + ttl);
        }
    }
}
