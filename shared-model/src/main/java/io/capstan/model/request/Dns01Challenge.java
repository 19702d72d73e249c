package io.capstan.model.request;

import java.util.Objects;

/**
 * Spec of a {@code DNS01Challenge} request, sent by the certificates service to the DNS service: publish (on
 * submitted) or remove (on withdrawn) one TXT value at the ACME DNS-01 validation name (RFC 8555 §8.4:
 * {@code _acme-challenge.<domain>}, value the base64url SHA-256 digest of the key authorization).
 *
 * <p>Several requests may put different values on one name (a wildcard and its base domain share one validation
 * name); the DNS service keeps every value of every live request and removes only the withdrawn one. It answers
 * with status component {@code dns}, subject kind {@code DNS01Challenge}, name = the request id: {@code Ready=True}
 * reason {@code Published} once the value is on the authoritative server; {@code Ready=False} with reason
 * {@code Pending} (not yet applied), {@code Denied} (the name is outside the zones the cluster may use; the
 * message says why) or {@code ProviderError} (the DNS provider refused or is unreachable; retried).
 *
 * @param fqdn  the validation name, for example {@code _acme-challenge.www.example.com} (no trailing dot needed)
 * @param value the TXT value, at most 255 octets
 * @param ttl   record TTL in seconds; 0 or negative means the DNS service's default (60)
 */
public record Dns01Challenge(String fqdn, String value, long ttl) {

    /** The request kind. */
    public static final String KIND = "DNS01Challenge";

    /** @throws IllegalArgumentException when fqdn or value is missing or the value is longer than 255 octets */
    public Dns01Challenge {
        Objects.requireNonNull(fqdn, "fqdn");
        Objects.requireNonNull(value, "value");
        if (fqdn.isBlank()) {
            throw new IllegalArgumentException("fqdn must not be empty");
        }
        if (value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException("a TXT character-string holds at most 255 octets");
        }
    }
}
