package io.capstan.dns.plan;

/**
 * Who holds a name when a claimant gets {@link OutcomeState#Conflict}: the marker's owner id (the cluster, by default)
 * and its {@code external-dns/resource} label ({@code service/default/web}); both from the marker, or for a claim
 * lost inside one owner, this owner's id and the winning resource.
 *
 * @param owner    owner id
 * @param resource {@code <kind>/<namespace>/<name>} as ExternalDNS writes it, empty when the marker has none
 */
public record Holder(String owner, String resource) {
}
