package io.capstan.certificates.issuer;

import io.capstan.certificates.pki.SigningAuthority;
import io.capstan.certificates.profile.FleetIssuer;
import io.capstan.certificates.spec.IssuerRef;

/**
 * What a Certificate's issuerRef resolved to ({@link IssuerResolver}).
 */
public sealed interface ResolvedIssuer {

    /** The reference as the Certificate wrote it. */
    IssuerRef ref();

    /**
     * A CA that signs here: the fleet CA (key read from the management plane) or a workload cluster's CA Issuer (key
     * read from that cluster's Secret, as cert-manager does).
     *
     * @param ref       the reference
     * @param authority the CA certificate, key and chain (key material: never logged)
     * @param fleet     true for a fleet issuer of the profile
     */
    record Ca(IssuerRef ref, SigningAuthority authority, boolean fleet) implements ResolvedIssuer {
        @Override
        public String toString() {
            return "CA issuer " + ref.name() + (fleet ? " (fleet)" : "");
        }
    }

    /**
     * Self-signed: each certificate is signed by its own key.
     *
     * @param ref   the reference
     * @param fleet true for a fleet issuer of the profile
     */
    record SelfSigned(IssuerRef ref, boolean fleet) implements ResolvedIssuer {
    }

    /**
     * A fleet ACME issuer.
     *
     * @param ref    the reference
     * @param issuer the profile's definition
     */
    record Acme(IssuerRef ref, FleetIssuer.Acme issuer) implements ResolvedIssuer {
    }

    /**
     * Nothing can sign: the issuer does not exist, is of a kind Capstan does not run, or its Secret is missing or
     * unusable. Reported as the Certificate's {@code Ready=False} with the reason; no issuance is tried until an
     * input changes (the issuer, its Secret, the Certificate, the profile).
     *
     * @param ref     the reference
     * @param reason  CamelCase: {@code IssuerNotFound}, {@code IssuerNotSupported}, {@code IssuerNotReady}
     * @param message what is wrong, never key material
     */
    record Unavailable(IssuerRef ref, String reason, String message) implements ResolvedIssuer {
    }

    /** The issuer type word for status details and metrics: CA, SelfSigned, ACME, or the reason. */
    default String type() {
        if (this instanceof Ca) {
            return "CA";
        }
        if (this instanceof SelfSigned) {
            return "SelfSigned";
        }
        if (this instanceof Acme) {
            return "ACME";
        }
        return ((Unavailable) this).reason();
    }
}
