package io.capstan.dns.request;

import java.util.Objects;

/**
 * One live DNS-01 challenge a component asked this service to publish ({@code DNS01Challenge} request, spec
 * {@link io.capstan.model.request.Dns01Challenge}).
 *
 * @param id      request id (the answer's subject name)
 * @param cluster the cluster it is asked for
 * @param from    asking component, for example {@code certificates}
 * @param fqdn    validation name as asked ({@code _acme-challenge.www.example.com}), trailing dot removed, lowercase
 * @param value   the TXT value, at most 255 octets
 * @param ttl     TTL in seconds, 0 for the service's default ({@code capstan.dns.challenge-ttl})
 */
public record Challenge(String id, String cluster, String from, String fqdn, String value, long ttl) {

    public Challenge {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(fqdn, "fqdn");
        Objects.requireNonNull(value, "value");
        from = from == null ? "" : from;
        ttl = Math.max(0, ttl);
    }
}
