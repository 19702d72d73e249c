package io.capstan.certificates.report;

import io.capstan.certificates.spec.IssuerRef;
import io.capstan.model.status.Condition;

import java.time.Instant;
import java.util.List;

/**
 * What a pass found out about one Certificate, to report on {@code capstan.status} and in the Certificate's status.
 *
 * @param apiVersion   {@code cert-manager.io/v1} (or {@code certmanager.k8s.io/v1alpha1} for a refused old one)
 * @param namespace    namespace
 * @param name         name
 * @param generation   metadata.generation
 * @param ready        the Ready condition (cert-manager reasons: {@code Ready}, {@code DoesNotExist},
 *                     {@code Denied}, {@code IssuerNotFound}, ...)
 * @param issuing      the Issuing condition, null when not issuing (cert-manager removes it once issued)
 * @param secretName   spec.secretName, may be null for an unparseable object
 * @param dnsNames     DNS SANs as issued (normalised)
 * @param ipAddresses  IP SANs
 * @param commonName   CN, may be null
 * @param issuer       the issuerRef, may be null
 * @param issuerType   CA, SelfSigned, ACME, or the reason it is not available
 * @param notBefore    of the certificate in the Secret, null when none
 * @param notAfter     of the certificate in the Secret, null when none
 * @param renewalTime  when it will be renewed, null when none
 * @param revision     status.revision (issuances so far), 0 before the first
 * @param serialNumber hex serial of the certificate in the Secret, null when none
 */
public record CertificateView(String apiVersion, String namespace, String name, long generation, Condition ready,
                              Condition issuing, String secretName, List<String> dnsNames, List<String> ipAddresses,
                              String commonName, IssuerRef issuer, String issuerType, Instant notBefore,
                              Instant notAfter, Instant renewalTime, int revision, String serialNumber) {

    public CertificateView {
        dnsNames = dnsNames == null ? List.of() : List.copyOf(dnsNames);
        ipAddresses = ipAddresses == null ? List.of() : List.copyOf(ipAddresses);
    }
}
