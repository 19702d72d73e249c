package io.capstan.certificates.renewal;

import io.capstan.certificates.pki.KeySpec;
import io.capstan.certificates.pki.Pem;
import io.capstan.certificates.pki.PkiException;
import io.capstan.certificates.pki.PrivateKeys;
import io.capstan.certificates.secret.ObservedSecret;
import io.capstan.certificates.secret.SecretLayout;
import io.capstan.certificates.spec.CertificateSpec;
import io.capstan.certificates.spec.IssuerRef;
import io.capstan.certificates.spec.RotationPolicy;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a Certificate needs a (re-)issue, comparing its Secret's current key and certificate with the spec,
 * as cert-manager's ordered trigger policy chain does ({@code internal/controller/certificates/policies}): Secret
 * missing, data missing, key unusable or not matching the spec, certificate unreadable or not matching the key,
 * issuer annotations absent (a Secret made by something else is re-issued, not adopted; Secrets written by
 * cert-manager carry them and are adopted) or naming another issuer, Secret of another Certificate, names or isCA changed, expired, renewal due.
 * Pure: the clock is an argument.
 */
public final class ReissuePolicy {

    private ReissuePolicy() {
    }

    /**
     * @param certificateName the Certificate's {@code metadata.name}
     * @param spec            the validated spec
     * @param secret          the Secret named by {@code spec.secretName}, or null when it does not exist
     * @param now             the current instant
     * @param issuerNotAfter  the notAfter of the issuer's signing certificate when known (CA issuers), else null;
     *                        a renewal is not attempted when the new certificate could not end later than the
     *                        current one
     * @return the decision
     */
    public static ReissueDecision decide(String certificateName, CertificateSpec spec, ObservedSecret secret, Instant now,
                                         Instant issuerNotAfter) {
        String secretName = spec.secretName();
        boolean never = spec.privateKey().rotationPolicy() == RotationPolicy.NEVER;
        if (secret == null) {
            return new ReissueDecision.Issue("DoesNotExist", "Issuing certificate as Secret " + secretName + " does not exist", null);
        }
        // the private key: unusable or not what the spec asks for
        KeyPair key = null;
        if (secret.tlsKey() != null) {
            try {
                key = PrivateKeys.parsePem(secret.tlsKey());
            } catch (PkiException e) {
                if (never) {
                    return new ReissueDecision.Blocked("InvalidKeyPair", "Secret " + secretName + " holds a private key that "
                            + "cannot be used (" + e.getMessage() + ") and spec.privateKey.rotationPolicy is Never: it is not "
                            + "replaced; fix the Secret or set rotationPolicy: Always");
                }
                return new ReissueDecision.Issue("InvalidKeyPair", "Issuing certificate as Secret " + secretName
                        + " contains an invalid private key: " + e.getMessage(), null);
            }
            KeySpec have = describe(key);
            KeySpec want = spec.privateKey().key();
            if (!want.equals(have)) {
                String what = "Secret " + secretName + " holds a " + (have == null ? "unsupported" : have) + " private key but "
                        + "spec.privateKey asks for " + want;
                if (never) {
                    return new ReissueDecision.Blocked("SecretMismatch", what + ", and spec.privateKey.rotationPolicy is Never: "
                            + "the existing key is not replaced and nothing is issued; set rotationPolicy: Always to issue "
                            + "with a new key, or make spec.privateKey match the existing key");
                }
                return new ReissueDecision.Issue("SecretMismatch", "Issuing certificate as " + what, null);
            }
        }
        KeyPair reuse = never ? key : null;
        if (secret.tlsKey() == null || secret.tlsCrt() == null) {
            return new ReissueDecision.Issue("MissingData", "Issuing certificate as Secret " + secretName
                    + " does not contain " + (secret.tlsKey() == null ? "a private key" : "a certificate"), reuse);
        }
        X509Certificate cert;
        try {
            List<X509Certificate> certs = Pem.parseCertificates(secret.tlsCrt());
            if (certs.isEmpty()) {
                return new ReissueDecision.Issue("InvalidCertificate", "Issuing certificate as Secret " + secretName
                        + " holds no certificate in tls.crt", reuse);
            }
            cert = certs.get(0);
        } catch (PkiException e) {
            return new ReissueDecision.Issue("InvalidCertificate", "Issuing certificate as Secret " + secretName
                    + " contains an invalid certificate: " + e.getMessage(), reuse);
        }
        if (!PrivateKeys.sameKey(cert.getPublicKey(), key.getPublic())) {
            return new ReissueDecision.Issue("InvalidKeyPair", "Issuing certificate as Secret " + secretName
                    + " contains a private key that does not match the certificate", reuse);
        }
        IssuerRef ref = spec.issuerRef();
        String annName = secret.annotations().get(SecretLayout.ISSUER_NAME);
        String annKind = secret.annotations().get(SecretLayout.ISSUER_KIND);
        String annGroup = secret.annotations().get(SecretLayout.ISSUER_GROUP);
        if (annName == null) {
            return new ReissueDecision.Issue("IncorrectIssuer", "Issuing certificate as the certificate in Secret "
                    + secretName + " was not issued through cert-manager or Capstan (no " + SecretLayout.ISSUER_NAME
                    + " annotation), so not by " + ref.kind() + "/" + ref.name(), reuse);
        }
        if ((!annName.equals(ref.name())) || (annKind != null && !annKind.equals(ref.kind()))
                || (annGroup != null && !annGroup.equals(ref.group()))) {
            return new ReissueDecision.Issue("IncorrectIssuer", "Issuing certificate as Secret " + secretName
                    + " was previously issued by " + annKind + "/" + annName + " (" + annGroup + "), the spec names "
                    + ref.kind() + "/" + ref.name() + " (" + ref.group() + ")", reuse);
        }
        String owner = secret.annotations().get(SecretLayout.CERTIFICATE_NAME);
        if (owner != null && !owner.equals(certificateName)) {
            return new ReissueDecision.Issue("IncorrectCertificate", "Issuing certificate as Secret " + secretName
                    + " was previously issued for Certificate " + owner, reuse);
        }
        List<String> diffs = nameDifferences(spec, cert);
        if (!diffs.isEmpty()) {
            return new ReissueDecision.Issue("SecretMismatch", "Issuing certificate as the certificate in Secret "
                    + secretName + " does not match the spec: " + String.join("; ", diffs), reuse);
        }
        Instant notBefore = cert.getNotBefore().toInstant();
        Instant notAfter = cert.getNotAfter().toInstant();
        Instant renewal = RenewalTime.of(notBefore, notAfter, spec.renewBefore(), spec.renewBeforePercentage());
        boolean issuerCannotOutlive = issuerNotAfter != null && !issuerNotAfter.isAfter(notAfter);
        if (!now.isBefore(notAfter)) {
            if (issuerCannotOutlive) {
                return new ReissueDecision.Blocked("Expired", "the certificate in Secret " + secretName + " expired at "
                        + notAfter + " and the issuer's own certificate ends at " + issuerNotAfter
                        + ": renew the issuer's certificate");
            }
            return new ReissueDecision.Issue("Expired", "Issuing certificate as the certificate in Secret " + secretName
                    + " expired at " + notAfter, reuse);
        }
        if (!now.isBefore(renewal)) {
            if (issuerCannotOutlive) {
                return new ReissueDecision.UpToDate(notBefore, notAfter, renewal, "IssuerExpiring", "renewal was due at "
                        + renewal + " but the issuer's certificate ends at " + issuerNotAfter + ", no later than this "
                        + "certificate (" + notAfter + "): a new certificate would not last longer; renew the issuer");
            }
            return new ReissueDecision.Issue("Renewing", "Renewing certificate as renewal was scheduled at " + renewal, reuse);
        }
        return new ReissueDecision.UpToDate(notBefore, notAfter, renewal, "UpToDate",
                "Certificate is up to date and has not expired");
    }

    private static KeySpec describe(KeyPair key) {
        try {
            return PrivateKeys.describe(key.getPublic());
        } catch (PkiException e) {
            return null;
        }
    }

    /**
     * The differences between the names of a certificate and a spec: DNS names and emails as case-insensitive
     * sets, IP addresses as parsed addresses, URIs as sets, the common name case-insensitively (X.520 caseIgnoreMatch)
     * when the spec sets one, isCA.
     *
     * @param spec the spec
     * @param cert the certificate in the Secret
     * @return one entry per differing field, empty when equal
     */
    public static List<String> nameDifferences(CertificateSpec spec, X509Certificate cert) {
        List<String> out = new ArrayList<>();
        Set<String> haveDns = lower(SecretLayout.sans(cert, 2));
        Set<String> wantDns = lower(spec.dnsNames());
        if (!haveDns.equals(wantDns)) {
            out.add("dnsNames " + wantDns + " != " + haveDns);
        }
        Set<String> haveIps = new LinkedHashSet<>(SecretLayout.sans(cert, 7));
        if (!haveIps.equals(new LinkedHashSet<>(spec.ipAddresses()))) {
            out.add("ipAddresses " + spec.ipAddresses() + " != " + haveIps);
        }
        Set<String> haveUris = new LinkedHashSet<>(SecretLayout.sans(cert, 6));
        if (!haveUris.equals(new LinkedHashSet<>(spec.uris()))) {
            out.add("uris " + spec.uris() + " != " + haveUris);
        }
        Set<String> haveMails = lower(SecretLayout.sans(cert, 1));
        if (!haveMails.equals(lower(spec.emailAddresses()))) {
            out.add("emailAddresses " + spec.emailAddresses() + " != " + haveMails);
        }
        if (spec.commonName() != null && !spec.commonName().equalsIgnoreCase(SecretLayout.commonName(cert))) {
            out.add("commonName \"" + spec.commonName() + "\" != \"" + SecretLayout.commonName(cert) + "\"");
        }
        boolean certIsCa = cert.getBasicConstraints() >= 0;
        if (certIsCa != spec.isCA()) {
            out.add("isCA " + spec.isCA() + " != " + certIsCa);
        }
        return out;
    }

    private static Set<String> lower(List<String> l) {
        Set<String> s = new LinkedHashSet<>();
        l.forEach(v -> s.add(v.toLowerCase(Locale.ROOT)));
        return s;
    }
}
