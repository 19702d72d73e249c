package io.capstan.dns.profile;

import io.capstan.dns.plan.Policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code dns} section of a profile, validated by {@link ProfileParser}. Format (every key optional unless said):
 * <pre>
 * "dns": {
 *   "zones": ["sandbox.capstan.test", "example.com"],   // required to publish anything: the zones Capstan writes
 *   "baseZone": "sandbox.capstan.test",                  // default: the first zone
 *   "extraDomains": ["example.com"],                     // further domains the cluster may use (with subdomains)
 *   "provider": {                                         // default {"type": "memory"}
 *     "type": "rfc2136",                                  // rfc2136 | pdns | memory
 *     "server": "127.0.0.1:53053",                        // rfc2136: host:port; pdns: http://host:port of the API
 *     "tsig": {"keyName": "capstan", "algorithm": "hmac-sha256",
 *              "secretRef": {"name": "capstan-dns-tsig", "key": "secret"}},   // rfc2136, required
 *     "apiKeySecretRef": {"name": "capstan-pdns", "key": "api-key"},         // pdns only
 *     "serverId": "localhost"                                               // pdns only
 *   },
 *   "ownerId": "alpha",            // default: the cluster name (ExternalDNS --txt-owner-id)
 *   "txtPrefix": "", "txtSuffix": "", "wildcardReplacement": "",   // ExternalDNS --txt-prefix/-suffix/--txt-wildcard-replacement
 *   "policy": "sync",              // sync | upsert-only | create-only
 *   "multiCluster": false,         // true: opt in to record sets shared with other clusters that opted in too
 *                                                                  // (targets merged, one ownership marker each)
 *   "defaultTtl": 300              // seconds, 1 to 2147483647; default 300
 * }
 * </pre>
 * Names are written lowercase, without trailing dot; IDN labels are stored in punycode. A cluster may use
 * {@code <cluster>.<baseZone>} and its subdomains, plus every {@code extraDomains} entry and its subdomains, and only
 * inside {@code zones}; a name outside is reported {@code Denied} and never written. Secrets are read from the
 * management namespace by the service and never appear in the profile, events, logs or status.
 *
 * @param zones               zones Capstan may write, most specific chosen per name; may be empty (nothing published)
 * @param baseZone            the zone of the clusters' own subdomains, null when {@code zones} is empty
 * @param extraDomains        further allowed domains
 * @param provider            the DNS server of the zones
 * @param ownerId             owner id, null for the cluster name
 * @param txtPrefix           prefix of the ownership TXT name, {@code ""} for none
 * @param txtSuffix           suffix of the ownership TXT name's first label, {@code ""} for none
 * @param wildcardReplacement what replaces {@code *} in ownership TXT names, {@code ""} for ExternalDNS's default
 * @param policy              what passes may do
 * @param multiCluster        true when this cluster shares record sets with other opted-in clusters
 * @param defaultTtl          TTL in seconds of records whose source sets none
 */
public record DnsProfile(List<String> zones, String baseZone, List<String> extraDomains, ProviderSpec provider,
                         String ownerId, String txtPrefix, String txtSuffix, String wildcardReplacement,
                         Policy policy, boolean multiCluster, long defaultTtl) {

    /** Default TTL when the profile sets none: 300 s. */
    public static final long DEFAULT_TTL = 300;

    /** The section of a profile without {@code dns}: no zone, nothing published. */
    public static final DnsProfile EMPTY = new DnsProfile(List.of(), null, List.of(), ProviderSpec.MEMORY, null, "", "",
            "", Policy.SYNC, false, DEFAULT_TTL);

    public DnsProfile {
        zones = List.copyOf(zones);
        extraDomains = List.copyOf(extraDomains);
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(policy, "policy");
    }

    /** The owner id of that cluster: {@link #ownerId()}, else the cluster name. */
    public String ownerFor(String cluster) {
        return ownerId == null ? cluster : ownerId;
    }

    /** The domains that cluster may use: {@code <cluster>.<baseZone>} first, then {@link #extraDomains()}. */
    public List<String> allowedDomainsFor(String cluster) {
        List<String> out = new ArrayList<>();
        if (baseZone != null) {
            out.add(cluster + "." + baseZone);
        }
        extraDomains.stream().filter(d -> !out.contains(d)).forEach(out::add);
        return out;
    }

    /**
     * True when the cluster may use that name: it equals or lies below one of {@link #allowedDomainsFor}.
     *
     * @param name normalized (lowercase, ASCII, no trailing dot); a leading {@code *.} label counts as below
     */
    public boolean allows(String cluster, String name) {
        return allowedDomainsFor(cluster).stream().anyMatch(d -> within(name, d));
    }

    /** True when {@code name} equals {@code domain} or ends with {@code .domain}. */
    public static boolean within(String name, String domain) {
        return name.equals(domain) || name.endsWith("." + domain);
    }
}
