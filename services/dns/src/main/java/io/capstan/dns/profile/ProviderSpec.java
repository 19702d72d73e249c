package io.capstan.dns.profile;

import java.util.Objects;

/**
 * Which DNS server a cluster's zones live on ({@code dns.provider}).
 *
 * @param type          {@link Type}
 * @param server        {@code host:port}: the RFC 2136 server (UDP/TCP), or the PowerDNS API ({@code http://host:port});
 *                      null for {@link Type#MEMORY}
 * @param tsigKeyName   RFC 8945 key name ({@code rfc2136} only, required there)
 * @param tsigAlgorithm {@code hmac-sha256} (default), {@code hmac-sha512}, {@code hmac-sha384}, {@code hmac-sha224},
 *                      {@code hmac-sha1}
 * @param secretRef     the TSIG secret (rfc2136) or the API key (pdns); null when none
 * @param serverId      PowerDNS server id (default {@code localhost}), null for other types
 */
public record ProviderSpec(Type type, String server, String tsigKeyName, String tsigAlgorithm, SecretRef secretRef,
                           String serverId) {

    /** Provider kinds. */
    public enum Type {
        /** RFC 2136 dynamic UPDATE with TSIG, zone read by AXFR (BIND 9, Knot, PowerDNS with dnsupdate). */
        RFC2136("rfc2136"),
        /** PowerDNS Authoritative HTTP API. */
        PDNS("pdns"),
        /** In-memory zones of this service (the sandbox, when no server is configured). */
        MEMORY("memory");

        private final String value;

        Type(String value) {
            this.value = value;
        }

        /** The value in the profile. */
        public String value() {
            return value;
        }
    }

    /** The in-memory provider. */
    public static final ProviderSpec MEMORY = new ProviderSpec(Type.MEMORY, null, null, null, null, null);

    public ProviderSpec {
        Objects.requireNonNull(type, "type");
    }

    /** A short description without credential: {@code rfc2136 127.0.0.1:53053 key capstan}. */
    @Override
    public String toString() {
        return type.value() + (server == null ? "" : " " + server) + (tsigKeyName == null ? "" : " key " + tsigKeyName);
    }
}
