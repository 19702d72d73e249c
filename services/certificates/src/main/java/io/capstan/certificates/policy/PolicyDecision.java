package io.capstan.certificates.policy;

import java.util.List;

/**
 * Whether a cluster may obtain a certificate's names ({@link DomainPolicy#check}).
 */
public sealed interface PolicyDecision {

    /** Every name lies inside an allowed domain. */
    record Allowed() implements PolicyDecision {
    }

    /**
     * At least one name lies outside the allowed domains: report {@code Ready=False} reason {@link #REASON} with
     * {@link #message()}, issue nothing; the orchestrator records the denial in its audit trail.
     *
     * @param deniedNames    the names outside, in spec order
     * @param allowedDomains the domains the cluster may use
     * @param message        e.g. {@code cluster beta may obtain names only in beta.sandbox.capstan.test; denied: www.example.com}
     */
    record Denied(List<String> deniedNames, List<String> allowedDomains, String message) implements PolicyDecision {

        /** The condition reason. */
        public static final String REASON = "Denied";

        /** Copies the lists. */
        public Denied {
            deniedNames = List.copyOf(deniedNames);
            allowedDomains = List.copyOf(allowedDomains);
        }
    }
}
