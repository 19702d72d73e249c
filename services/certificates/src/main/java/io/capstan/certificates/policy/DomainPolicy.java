package io.capstan.certificates.policy;

import io.capstan.certificates.spec.CertificateSpec;
import io.capstan.certificates.spec.DnsNames;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which DNS names a cluster may obtain: only names inside the domains its profile allows (default
 * {@code <cluster>.<baseZone>}; see {@code CertificatesProfile.allowedDomainsOf}). A domain allows itself and every
 * name below it; a wildcard {@code *.d} is inside when {@code d} is. Checked: {@code spec.dnsNames}, the common
 * name when it is a host name, and the domain part of {@code spec.emailAddresses}. IP addresses and URIs are not
 * domain names and are not restricted here (an issuer's own policy still applies; ACME refuses them).
 */
public final class DomainPolicy {

    private DomainPolicy() {
    }

    /**
     * @param cluster        the cluster asking (for the message)
     * @param allowedDomains lower case domains without trailing dot; empty allows nothing
     * @param spec           the validated spec (names already normalised)
     * @return {@link PolicyDecision.Allowed} or {@link PolicyDecision.Denied} naming every name outside
     */
    public static PolicyDecision check(String cluster, List<String> allowedDomains, CertificateSpec spec) {
        List<String> names = new ArrayList<>(spec.dnsNames());
        String cn = spec.commonName();
        if (cn != null && DnsNames.isHostName(cn)) {
            String n = DnsNames.normalize(cn);
            if (!names.contains(n)) {
                names.add(n);
            }
        }
        for (String mail : spec.emailAddresses()) {
            String domain = mail.substring(mail.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            if (!names.contains(domain)) {
                names.add(domain);
            }
        }
        List<String> denied = new ArrayList<>();
        for (String n : names) {
            if (!inside(n, allowedDomains)) {
                denied.add(n);
            }
        }
        if (denied.isEmpty()) {
            return new PolicyDecision.Allowed();
        }
        String message = "cluster " + cluster + " may obtain names only in "
                + (allowedDomains.isEmpty() ? "no domain (its profile allows none)" : String.join(", ", allowedDomains))
                + "; denied: " + String.join(", ", denied);
        return new PolicyDecision.Denied(denied, allowedDomains, message);
    }

    /**
     * @param name           a normalised DNS name, possibly a wildcard
     * @param allowedDomains allowed domains
     * @return true when the name (without its {@code *.} label) equals or ends with {@code .domain} for one of them
     */
    public static boolean inside(String name, List<String> allowedDomains) {
        String n = name.startsWith("*.") ? name.substring(2) : name;
        n = n.toLowerCase(Locale.ROOT);
        for (String d : allowedDomains) {
            String domain = d.toLowerCase(Locale.ROOT);
            if (domain.endsWith(".")) {
                domain = domain.substring(0, domain.length() - 1);
            }
            if (n.equals(domain) || n.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }
}
