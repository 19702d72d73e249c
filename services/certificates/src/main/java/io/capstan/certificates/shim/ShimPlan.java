package io.capstan.certificates.shim;

import java.util.List;

/**
 * The outcome of one shim pass over a cluster's Ingresses and Gateways.
 *
 * @param certificates the Certificates to exist, sorted by namespace then name; at most one per namespace and
 *                     Secret name
 * @param warnings     duplicates and ignored entries (each naming the object and the duplicate); nothing is lost
 *                     silently
 * @param errors       entries that produce no Certificate because they are invalid (bad annotation value, TLS entry
 *                     without hosts...); report them on the source object
 */
public record ShimPlan(List<DesiredCertificate> certificates, List<ShimIssue> warnings, List<ShimIssue> errors) {

    /** Copies the lists. */
    public ShimPlan {
        certificates = List.copyOf(certificates);
        warnings = List.copyOf(warnings);
        errors = List.copyOf(errors);
    }
}
