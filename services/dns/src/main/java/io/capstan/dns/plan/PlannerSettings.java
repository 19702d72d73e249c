package io.capstan.dns.plan;

import io.capstan.dns.registry.MarkerNames;
import io.capstan.dns.zone.DomainFilter;

import java.util.Objects;

/**
 * The settings of one owner (one cluster) for a planning pass; in ExternalDNS terms {@code --txt-owner-id},
 * {@code --policy}, {@code --txt-prefix}, {@code --txt-suffix}, {@code --txt-wildcard-replacement},
 * {@code --domain-filter}/{@code --exclude-domains}, plus Capstan's multi-cluster opt-in and the default TTL.
 *
 * @param ownerId                the owner id written in markers ({@code external-dns/owner}); by default the cluster
 *                               name; no {@code , = + "} or whitespace
 * @param policy                 what a pass may do
 * @param txtPrefix              marker prefix, may hold {@code %{record_type}}; empty for none
 * @param txtSuffix              marker suffix, exclusive with the prefix; empty for none
 * @param txtWildcardReplacement replacement of a leftmost {@code *} in marker names; empty for
 *                               {@link MarkerNames#DEFAULT_WILDCARD_REPLACEMENT}
 * @param domainFilter           names this owner may publish
 * @param multiCluster           true when this owner opts in to record sets shared with other owners (targets merged,
 *                               one marker value per owner); see {@link Planner}
 * @param defaultTtl             TTL in seconds for endpoints with TTL 0 and for new markers, &gt; 0 (ExternalDNS: 300)
 */
public record PlannerSettings(String ownerId, Policy policy, String txtPrefix, String txtSuffix,
                              String txtWildcardReplacement, DomainFilter domainFilter, boolean multiCluster,
                              long defaultTtl) {

    /** ExternalDNS's default TTL when a record has none. */
    public static final long DEFAULT_TTL = 300;

    /** @throws IllegalArgumentException on an empty or unusable owner id, a TTL &lt;= 0, or bad affixes */
    public PlannerSettings {
        Objects.requireNonNull(ownerId, "ownerId");
        if (ownerId.isBlank() || ownerId.chars().anyMatch(c -> c == ',' || c == '=' || c == '+' || c == '"'
                || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("owner id \"" + ownerId
                    + "\" must be non-empty without ',', '=', '+', '\"' or spaces");
        }
        policy = policy == null ? Policy.SYNC : policy;
        txtPrefix = txtPrefix == null ? "" : txtPrefix;
        txtSuffix = txtSuffix == null ? "" : txtSuffix;
        txtWildcardReplacement = txtWildcardReplacement == null ? "" : txtWildcardReplacement;
        domainFilter = domainFilter == null ? DomainFilter.ALL : domainFilter;
        if (defaultTtl <= 0) {
            throw new IllegalArgumentException("default TTL must be positive seconds: " + defaultTtl);
        }
        new MarkerNames(txtPrefix, txtSuffix, txtWildcardReplacement); // validates
    }

    /** Policy sync, no prefix/suffix, default wildcard replacement, every domain, no multi-cluster, TTL 300. */
    public static PlannerSettings defaults(String ownerId) {
        return new PlannerSettings(ownerId, Policy.SYNC, "", "", "", DomainFilter.ALL, false, DEFAULT_TTL);
    }

    /** A copy with another policy. */
    public PlannerSettings withPolicy(Policy p) {
        return new PlannerSettings(ownerId, p, txtPrefix, txtSuffix, txtWildcardReplacement, domainFilter, multiCluster, defaultTtl);
    }

    /** A copy with another TXT prefix. */
    public PlannerSettings withTxtPrefix(String p) {
        return new PlannerSettings(ownerId, policy, p, txtSuffix, txtWildcardReplacement, domainFilter, multiCluster, defaultTtl);
    }

    /** A copy with another TXT suffix. */
    public PlannerSettings withTxtSuffix(String s) {
        return new PlannerSettings(ownerId, policy, txtPrefix, s, txtWildcardReplacement, domainFilter, multiCluster, defaultTtl);
    }

    /** A copy with another wildcard replacement. */
    public PlannerSettings withTxtWildcardReplacement(String w) {
        return new PlannerSettings(ownerId, policy, txtPrefix, txtSuffix, w, domainFilter, multiCluster, defaultTtl);
    }

    /** A copy with another domain filter. */
    public PlannerSettings withDomainFilter(DomainFilter f) {
        return new PlannerSettings(ownerId, policy, txtPrefix, txtSuffix, txtWildcardReplacement, f, multiCluster, defaultTtl);
    }

    /** A copy with another multi-cluster opt-in. */
    public PlannerSettings withMultiCluster(boolean m) {
        return new PlannerSettings(ownerId, policy, txtPrefix, txtSuffix, txtWildcardReplacement, domainFilter, m, defaultTtl);
    }

    /** A copy with another default TTL (seconds). */
    public PlannerSettings withDefaultTtl(long ttl) {
        return new PlannerSettings(ownerId, policy, txtPrefix, txtSuffix, txtWildcardReplacement, domainFilter, multiCluster, ttl);
    }

    /** The marker naming these settings give. */
    public MarkerNames markerNames() {
        return new MarkerNames(txtPrefix, txtSuffix, txtWildcardReplacement);
    }
}
