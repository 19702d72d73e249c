package io.capstan.certificates.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code certificates} section of a profile, validated ({@link ProfileParser}).
 *
 * <pre>{@code
 * "certificates": {
 *   "baseZone": "sandbox.capstan.test",              // optional: a cluster may obtain names under <cluster>.<baseZone>
 *   "allowedDomains": ["example.com", "{cluster}.apps.example.org"],  // optional: further domains (and subdomains)
 *   "issuers": [                                     // optional: the fleet issuers, by name
 *     {"name": "sandbox-ca", "ca": {"secretName": "sandbox-ca"}},
 *     {"name": "fleet-selfsigned", "selfSigned": {}},
 *     {"name": "pebble", "acme": {"server": "https://127.0.0.1:14000/dir", "email": "ops@example.com",
 *                                 "accountKeySecretName": "pebble-account", "trustSecretName": "pebble-ca"}}
 *   ]
 * }
 * }</pre>
 *
 * @param baseZone       DNS zone under which every cluster has its own subdomain, lowercase, or null
 * @param allowedDomains further allowed domains as written ({@code {cluster}} is replaced by the cluster name)
 * @param issuers        fleet issuers by name, in profile order
 */
public record CertificatesProfile(String baseZone, List<String> allowedDomains, Map<String, FleetIssuer> issuers) {

    /** The profile of an absent section: no base zone, no extra domain, no fleet issuer. */
    public static final CertificatesProfile EMPTY = new CertificatesProfile(null, List.of(), Map.of());

    public CertificatesProfile {
        allowedDomains = List.copyOf(allowedDomains);
        issuers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(issuers));
    }

    /** The fleet issuer of that name, if the profile defines it. */
    public Optional<FleetIssuer> issuer(String name) {
        return Optional.ofNullable(issuers.get(name));
    }

    /**
     * The domains a cluster may obtain names in (each domain allows itself and every subdomain): {@code
     * <cluster>.<baseZone>} when a base zone is set, then {@link #allowedDomains} with {@code {cluster}} replaced.
     * Lowercase, without trailing dot, duplicates removed.
     *
     * @param cluster cluster name
     */
    public List<String> allowedDomainsOf(String cluster) {
        List<String> out = new ArrayList<>();
        if (baseZone != null) {
            out.add(cluster + "." + baseZone);
        }
        for (String d : allowedDomains) {
            String s = d.replace("{cluster}", cluster).toLowerCase(Locale.ROOT);
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }
}
