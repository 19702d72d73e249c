package io.capstan.certificates.spec;

import io.capstan.certificates.pki.CsrSpec;
import io.capstan.certificates.pki.SubjectSpec;
import io.capstan.certificates.pki.Usage;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A validated, normalised and defaulted cert-manager.io/v1 Certificate spec (cert-manager's
 * {@code CertificateSpec}). DNS names are lower case A-labels, IP addresses in canonical text form, lists without
 * duplicates; two specs describing the same certificate are {@link #equals(Object)}.
 *
 * @param secretName              {@code spec.secretName}
 * @param subject                 {@code spec.commonName} + {@code spec.subject}
 * @param dnsNames                {@code spec.dnsNames}, normalised
 * @param ipAddresses             {@code spec.ipAddresses}, canonical
 * @param uris                    {@code spec.uris}
 * @param emailAddresses          {@code spec.emailAddresses}
 * @param duration                {@code spec.duration}, default 2160h, at least 1h
 * @param renewBefore             {@code spec.renewBefore} or null
 * @param renewBeforePercentage   {@code spec.renewBeforePercentage} or null
 * @param privateKey              {@code spec.privateKey} with defaults
 * @param usages                  {@code spec.usages} as written (empty: {@link Usage#DEFAULT} applies)
 * @param isCA                    {@code spec.isCA}
 * @param issuerRef               {@code spec.issuerRef} with defaults
 * @param secretTemplate          {@code spec.secretTemplate}
 * @param revisionHistoryLimit    {@code spec.revisionHistoryLimit} or null (keep all)
 * @param additionalOutputFormats {@code spec.additionalOutputFormats[].type}: {@code CombinedPEM}, {@code DER}
 */
public record CertificateSpec(String secretName, SubjectSpec subject, List<String> dnsNames, List<String> ipAddresses,
                              List<String> uris, List<String> emailAddresses, Duration duration, Duration renewBefore,
                              Integer renewBeforePercentage, PrivateKeySpec privateKey, List<Usage> usages, boolean isCA,
                              IssuerRef issuerRef, SecretTemplate secretTemplate, Integer revisionHistoryLimit,
                              List<String> additionalOutputFormats) {

    /** cert-manager's default certificate duration (90 days). */
    public static final Duration DEFAULT_DURATION = Duration.ofHours(2160);
    /** cert-manager's minimum certificate duration. */
    public static final Duration MINIMUM_DURATION = Duration.ofHours(1);
    /** cert-manager's minimum renewBefore. */
    public static final Duration MINIMUM_RENEW_BEFORE = Duration.ofMinutes(5);

    /** Copies the lists. */
    public CertificateSpec {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        uris = List.copyOf(uris);
        emailAddresses = List.copyOf(emailAddresses);
        usages = List.copyOf(usages);
        additionalOutputFormats = List.copyOf(additionalOutputFormats);
        secretTemplate = secretTemplate == null ? SecretTemplate.EMPTY : secretTemplate;
        subject = subject == null ? SubjectSpec.ofCommonName(null) : subject;
    }

    /** @return {@code spec.commonName}, or null */
    public String commonName() {
        return subject.commonName();
    }

    /** @return what the CSR asks for */
    public CsrSpec csrSpec() {
        return new CsrSpec(subject, dnsNames, ipAddresses, uris, emailAddresses, new LinkedHashSet<>(usages), isCA);
    }
}
