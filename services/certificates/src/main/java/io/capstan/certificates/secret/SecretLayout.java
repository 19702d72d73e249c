package io.capstan.certificates.secret;

import io.capstan.certificates.pki.IssuedCertificate;
import io.capstan.certificates.pki.PrivateKeys;
import io.capstan.certificates.spec.CertificateSpec;
import io.capstan.certificates.spec.IpAddresses;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Secret layout of cert-manager (type {@code kubernetes.io/tls}; {@code tls.crt} = leaf then intermediates,
 * never the root; {@code tls.key}; {@code ca.crt} = the root; cert-manager's annotations; secretTemplate labels and
 * annotations) as a pure function. Annotation values are read from the issued certificate, as cert-manager does
 * ({@code pkg/controller/certificates/issuing/internal/secret.go}): {@code common-name} is its subject CN,
 * {@code alt-names}, {@code ip-sans}, {@code uri-sans} its SANs joined by commas.
 */
public final class SecretLayout {

    /** {@code kubernetes.io/tls}. */
    public static final String TLS_TYPE = "kubernetes.io/tls";
    /** Data keys. */
    public static final String TLS_CRT = "tls.crt";
    public static final String TLS_KEY = "tls.key";
    public static final String CA_CRT = "ca.crt";
    public static final String COMBINED_PEM = "tls-combined.pem";
    public static final String KEY_DER = "key.der";
    /** cert-manager's Secret annotations. */
    public static final String CERTIFICATE_NAME = "cert-manager.io/certificate-name";
    public static final String ISSUER_NAME = "cert-manager.io/issuer-name";
    public static final String ISSUER_KIND = "cert-manager.io/issuer-kind";
    public static final String ISSUER_GROUP = "cert-manager.io/issuer-group";
    public static final String COMMON_NAME = "cert-manager.io/common-name";
    public static final String ALT_NAMES = "cert-manager.io/alt-names";
    public static final String IP_SANS = "cert-manager.io/ip-sans";
    public static final String URI_SANS = "cert-manager.io/uri-sans";
    /** Every annotation key Capstan manages on the Secret. */
    public static final List<String> MANAGED_ANNOTATIONS = List.of(CERTIFICATE_NAME, ISSUER_NAME, ISSUER_KIND,
            ISSUER_GROUP, COMMON_NAME, ALT_NAMES, IP_SANS, URI_SANS);

    private SecretLayout() {
    }

    /**
     * Renders the Secret for a freshly issued (or adopted) certificate.
     *
     * @param certificateName the Certificate's {@code metadata.name}
     * @param spec            its validated spec (secretName, issuerRef, secretTemplate, additionalOutputFormats)
     * @param issued          the certificate with its {@code tls.crt} chain and {@code ca.crt}
     * @param key             the private key that goes with it
     * @param extraLabels     labels the service adds (e.g. its ownership label), may be empty
     * @return the Secret to write
     */
    public static DesiredSecret render(String certificateName, CertificateSpec spec, IssuedCertificate issued,
                                       PrivateKey key, Map<String, String> extraLabels) {
        String keyPem = PrivateKeys.toPem(key, spec.privateKey().encoding());
        String chainPem = issued.tlsCrtPem();
        Map<String, String> data = new LinkedHashMap<>();
        data.put(TLS_CRT, b64(chainPem));
        data.put(TLS_KEY, b64(keyPem));
        if (issued.ca() != null) {
            data.put(CA_CRT, b64(issued.caCrtPem()));
        }
        if (spec.additionalOutputFormats().contains("CombinedPEM")) {
            data.put(COMBINED_PEM, b64(keyPem + chainPem));
        }
        if (spec.additionalOutputFormats().contains("DER")) {
            data.put(KEY_DER, Base64.getEncoder().encodeToString(der(keyPem)));
        }
        Map<String, String> labels = new LinkedHashMap<>(spec.secretTemplate().labels());
        labels.putAll(extraLabels == null ? Map.of() : extraLabels);
        return new DesiredSecret(spec.secretName(), TLS_TYPE, labels,
                annotations(certificateName, spec, issued.certificate()), data);
    }

    /**
     * The annotations for a Secret holding {@code certificate}: secretTemplate annotations, then cert-manager's.
     *
     * @param certificateName the Certificate's name
     * @param spec            its spec
     * @param certificate     the leaf in {@code tls.crt}
     * @return annotation map, sorted
     */
    public static Map<String, String> annotations(String certificateName, CertificateSpec spec, X509Certificate certificate) {
        Map<String, String> a = new java.util.TreeMap<>(spec.secretTemplate().annotations());
        a.put(CERTIFICATE_NAME, certificateName);
        a.put(ISSUER_NAME, spec.issuerRef().name());
        a.put(ISSUER_KIND, spec.issuerRef().kind());
        a.put(ISSUER_GROUP, spec.issuerRef().group());
        a.put(COMMON_NAME, commonName(certificate));
        a.put(ALT_NAMES, String.join(",", sans(certificate, 2)));
        a.put(IP_SANS, String.join(",", sans(certificate, 7)));
        a.put(URI_SANS, String.join(",", sans(certificate, 6)));
        return a;
    }

    /**
     * Whether an existing Secret already carries what Capstan manages (type, annotations, template labels),
     * ignoring anything else on it. When false and no re-issue is needed, update the metadata only (cert-manager's
     * SecretTemplateMismatch / SecretManagedMetadataMismatch).
     *
     * @param observed the Secret in the cluster
     * @param desired  the labels and annotations Capstan wants (e.g. from {@link #annotations})
     * @param labels   the labels Capstan wants
     * @return true when every wanted label and annotation is present with the wanted value
     */
    public static boolean metadataUpToDate(ObservedSecret observed, Map<String, String> desired, Map<String, String> labels) {
        return observed.annotations().entrySet().containsAll(desired.entrySet())
                && observed.labels().entrySet().containsAll(labels.entrySet());
    }

    /**
     * The metadata of an update: the observed maps with Capstan's keys set (others, e.g. set by users or tools,
     * are kept).
     *
     * @param observed existing map (may be empty)
     * @param wanted   Capstan's keys
     * @return merged map, sorted
     */
    public static Map<String, String> merge(Map<String, String> observed, Map<String, String> wanted) {
        Map<String, String> m = new java.util.TreeMap<>(observed);
        m.putAll(wanted);
        return m;
    }

    /**
     * @param certificate a certificate
     * @return its subject CN (the first), or empty string
     */
    public static String commonName(X509Certificate certificate) {
        X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] cns = name.getRDNs(BCStyle.CN);
        return cns.length == 0 ? "" : IETFUtils.valueToString(cns[0].getFirst().getValue());
    }

    /**
     * @param certificate a certificate
     * @param type        GeneralName tag: 2 dNSName, 7 iPAddress (Go text form), 6 URI, 1 rfc822Name
     * @return the SAN values of that type in certificate order
     */
    public static List<String> sans(X509Certificate certificate, int type) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> all = certificate.getSubjectAlternativeNames();
            if (all == null) {
                return out;
            }
            for (List<?> san : all) {
                if (((Integer) san.get(0)) == type) {
                    String v = String.valueOf(san.get(1));
                    out.add(type == 7 ? IpAddresses.format(InetAddress.getByName(v)) : v);
                }
            }
        } catch (CertificateParsingException | java.net.UnknownHostException e) {
            throw new IllegalArgumentException("the certificate's subjectAltName cannot be read: " + e.getMessage(), e);
        }
        return out;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] der(String pem) {
        try (var r = new org.bouncycastle.util.io.pem.PemReader(new java.io.StringReader(pem))) {
            return r.readPemObject().getContent();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
