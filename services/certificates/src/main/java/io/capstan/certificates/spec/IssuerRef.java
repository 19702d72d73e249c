package io.capstan.certificates.spec;

/**
 * cert-manager's {@code spec.issuerRef} with defaults applied: kind {@code Issuer}, group {@code cert-manager.io}.
 *
 * @param name  the Issuer or ClusterIssuer name (or a fleet issuer name, resolved by the service)
 * @param kind  {@code Issuer} or {@code ClusterIssuer} for group cert-manager.io; anything for external groups
 * @param group API group of the issuer
 */
public record IssuerRef(String name, String kind, String group) {

    /** The group of cert-manager's own issuers. */
    public static final String CERT_MANAGER_GROUP = "cert-manager.io";

    /**
     * @param name issuer name
     * @return a ClusterIssuer reference
     */
    public static IssuerRef clusterIssuer(String name) {
        return new IssuerRef(name, "ClusterIssuer", CERT_MANAGER_GROUP);
    }

    /**
     * @param name issuer name
     * @return a namespaced Issuer reference
     */
    public static IssuerRef issuer(String name) {
        return new IssuerRef(name, "Issuer", CERT_MANAGER_GROUP);
    }
}
