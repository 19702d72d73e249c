package io.capstan.certificates.profile;

import java.net.URI;
import java.util.Objects;

/**
 * One issuer of the fleet, defined in the profile's {@code certificates.issuers} and kept in the management plane: its
 * signing key (the CA key, the ACME account key) never enters a workload cluster. A {@code ClusterIssuer} reference
 * of a workload cluster's Certificate resolves first to the fleet issuer of that name.
 */
public sealed interface FleetIssuer permits FleetIssuer.Ca, FleetIssuer.SelfSigned, FleetIssuer.Acme {

    /** Issuer name (DNS-1123 subdomain), the name a Certificate's {@code issuerRef.name} uses. */
    String name();

    /** The kind word used in status details and logs: {@code CA}, {@code SelfSigned}, {@code ACME}. */
    String type();

    /**
     * An institutional CA: the certificate (an intermediate, optionally followed by its chain) and its private key
     * read from a Secret of the management namespace, keys {@code tls.crt}, {@code tls.key} and {@code ca.crt} (the
     * root), the layout cert-manager's CA issuer reads (cert-manager.io/v1 {@code CAIssuer.secretName}).
     *
     * @param name       issuer name
     * @param secretName the management Secret's name
     */
    record Ca(String name, String secretName) implements FleetIssuer {
        public Ca {
            Objects.requireNonNull(name);
            Objects.requireNonNull(secretName);
        }

        @Override
        public String type() {
            return "CA";
        }
    }

    /**
     * Self-signed certificates: each certificate is signed by its own key (cert-manager.io/v1 {@code SelfSignedIssuer}).
     *
     * @param name issuer name
     */
    record SelfSigned(String name) implements FleetIssuer {
        public SelfSigned {
            Objects.requireNonNull(name);
        }

        @Override
        public String type() {
            return "SelfSigned";
        }
    }

    /**
     * An ACME server (RFC 8555), solved with DNS-01 through the DNS service ({@code DNS01Challenge} requests on
     * {@code capstan.requests}).
     *
     * @param name                  issuer name
     * @param server                the directory URL (https)
     * @param email                 account contact, may be null
     * @param accountKeySecretName  management Secret holding the account key (key {@code tls.key}, PKCS#8 PEM);
     *                              created on first use
     * @param trustSecretName       management Secret whose {@code ca.crt} holds PEM certificates to trust for the
     *                              server's HTTPS in addition to the JVM's trust store, or null
     */
    record Acme(String name, URI server, String email, String accountKeySecretName, String trustSecretName)
            implements FleetIssuer {
        public Acme {
            Objects.requireNonNull(name);
            Objects.requireNonNull(server);
            Objects.requireNonNull(accountKeySecretName);
        }

        @Override
        public String type() {
            return "ACME";
        }
    }
}
