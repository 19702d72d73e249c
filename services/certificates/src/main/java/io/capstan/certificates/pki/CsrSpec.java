package io.capstan.certificates.pki;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a certificate signing request asks for (the content cert-manager derives from a Certificate spec). Names are
 * expected already validated and normalised (see {@code io.capstan.certificates.spec}).
 *
 * @param subject        subject name (common name included)
 * @param dnsNames       DNS SANs (lower case, A-labels)
 * @param ipAddresses    IP SANs as address literals
 * @param uris           URI SANs
 * @param emailAddresses rfc822Name SANs
 * @param usages         key usages and extended key usages; empty means {@link Usage#DEFAULT} ({@link Usage#DEFAULT_CA}
 *                       for a CA)
 * @param isCA           basicConstraints cA=true and the {@code cert sign} key usage
 */
public record CsrSpec(SubjectSpec subject, List<String> dnsNames, List<String> ipAddresses, List<String> uris,
                      List<String> emailAddresses, Set<Usage> usages, boolean isCA) {

    /** Copies collections; nulls become empty; empty usages become the default of a leaf or a CA. */
    public CsrSpec {
        subject = subject == null ? SubjectSpec.ofCommonName(null) : subject;
        dnsNames = dnsNames == null ? List.of() : List.copyOf(dnsNames);
        ipAddresses = ipAddresses == null ? List.of() : List.copyOf(ipAddresses);
        uris = uris == null ? List.of() : List.copyOf(uris);
        emailAddresses = emailAddresses == null ? List.of() : List.copyOf(emailAddresses);
        usages = usages == null || usages.isEmpty() ? new LinkedHashSet<>(isCA ? Usage.DEFAULT_CA : Usage.DEFAULT)
                : new LinkedHashSet<>(usages);
        usages = java.util.Collections.unmodifiableSet((Set<Usage>) usages);
    }

    /**
     * @param commonName CN or null
     * @param dnsNames   DNS SANs
     * @return a server certificate request with default usages
     */
    public static CsrSpec ofDnsNames(String commonName, List<String> dnsNames) {
        return new CsrSpec(SubjectSpec.ofCommonName(commonName), dnsNames, List.of(), List.of(), List.of(), Set.of(), false);
    }
}
