package io.capstan.certificates.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.certificates.pki.KeyAlgorithm;
import io.capstan.certificates.pki.KeyEncoding;
import io.capstan.certificates.pki.KeySpec;
import io.capstan.certificates.pki.SubjectSpec;
import io.capstan.certificates.pki.Usage;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a cert-manager.io/v1 Certificate object (JSON as on {@code capstan.resources}) into a
 * {@link ParsedCertificate}, applying cert-manager's defaults and the validation rules of its webhook
 * ({@code internal/apis/certmanager/validation/certificate.go}) with the same messages, plus Capstan's name rules
 * ({@link DnsNames}, {@link IpAddresses}). Every error is collected, each naming its field. Pure and thread-safe.
 */
public final class CertificateParser {

    /** The only Certificate API version served. */
    public static final String API_VERSION = "cert-manager.io/v1";
    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@<>()\",;:\\[\\]]+@[^\\s@<>()\",;:\\[\\]]+");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

    private CertificateParser() {
    }

    /**
     * Parses a whole Certificate object.
     *
     * @param object the object JSON ({@code apiVersion}, {@code kind}, {@code metadata}, {@code spec})
     * @return the validated certificate
     * @throws InvalidCertificateException reason {@code UnsupportedApiVersion} for another apiVersion (the
     *                                     {@code certmanager.k8s.io/v1alpha1} of old manifests, or cert-manager.io
     *                                     v1alpha2/v1alpha3/v1beta1, removed in cert-manager 1.7), else
     *                                     {@code InvalidSpec} with every field error
     */
    public static ParsedCertificate parse(JsonNode object) {
        if (object == null || !object.isObject()) {
            throw invalid(new FieldError("<object>", "must be a JSON object"));
        }
        String apiVersion = object.path("apiVersion").asText("");
        if (!API_VERSION.equals(apiVersion)) {
            throw new InvalidCertificateException(InvalidCertificateException.UNSUPPORTED_API_VERSION,
                    List.of(new FieldError("apiVersion", unsupportedApiVersion(apiVersion))));
        }
        String kind = object.path("kind").asText("");
        if (!"Certificate".equals(kind)) {
            throw invalid(new FieldError("kind", "must be Certificate, got \"" + kind + "\""));
        }
        JsonNode metadata = object.path("metadata");
        String name = metadata.path("name").asText("");
        String namespace = metadata.path("namespace").asText("");
        List<FieldError> errors = new ArrayList<>();
        if (name.isEmpty()) {
            errors.add(new FieldError("metadata.name", "Required value"));
        }
        List<String> warnings = new ArrayList<>();
        CertificateSpec spec = null;
        try {
            spec = parseSpec(object.path("spec"), warnings);
        } catch (InvalidCertificateException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new InvalidCertificateException(InvalidCertificateException.INVALID_SPEC, errors);
        }
        String uid = metadata.hasNonNull("uid") ? metadata.get("uid").asText() : null;
        return new ParsedCertificate(namespace, name, uid, metadata.path("generation").asLong(0), spec, warnings);
    }

    /**
     * The refusal message of an apiVersion.
     *
     * @param apiVersion what the object says
     * @return a sentence saying what to do
     */
    public static String unsupportedApiVersion(String apiVersion) {
        if (apiVersion.startsWith("certmanager.k8s.io/")) {
            return "apiVersion " + apiVersion + " (cert-manager before v0.11) is not supported: convert the manifest to "
                    + API_VERSION + " (group renamed to cert-manager.io; e.g. `cmctl convert`)";
        }
        if (apiVersion.startsWith("cert-manager.io/")) {
            return "apiVersion " + apiVersion + " was removed in cert-manager 1.7 and is not supported: use " + API_VERSION;
        }
        return "apiVersion \"" + apiVersion + "\" is not a Certificate API Capstan serves: use " + API_VERSION;
    }

    /**
     * Parses and validates a spec alone (also used by the ingress/gateway shim on the spec it builds).
     *
     * @param spec     the {@code spec} JSON object
     * @param warnings receives warnings (normalised names, ignored fields)
     * @return the spec with defaults applied
     * @throws InvalidCertificateException reason {@code InvalidSpec} listing every error, paths under {@code spec.}
     */
    public static CertificateSpec parseSpec(JsonNode spec, List<String> warnings) {
        List<FieldError> errors = new ArrayList<>();
        if (spec == null || !spec.isObject()) {
            throw invalid(new FieldError("spec", "Required value"));
        }
        Reader r = new Reader(errors);

        String secretName = r.string(spec, "secretName", "spec.secretName");
        if (secretName == null || secretName.isEmpty()) {
            errors.add(new FieldError("spec.secretName", "Required value: must be specified"));
        } else if (secretName.length() > 253 || !DNS1123_SUBDOMAIN.matcher(secretName).matches()) {
            errors.add(new FieldError("spec.secretName", "Invalid value: \"" + secretName + "\": a lowercase RFC 1123 "
                    + "subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end "
                    + "with an alphanumeric character"));
        }

        IssuerRef issuerRef = issuerRef(spec.path("issuerRef"), r, errors);

        // unsupported alpha fields: cert-manager itself refuses them unless a feature gate is on
        for (String gated : List.of("literalSubject", "otherNames", "nameConstraints")) {
            if (present(spec, gated)) {
                errors.add(new FieldError("spec." + gated, "Forbidden: " + gated
                        + " is an alpha cert-manager field behind a feature gate and is not supported by Capstan"));
            }
        }
        for (String ignored : List.of("keystores", "signatureAlgorithm", "encodeUsagesInRequest", "renewal")) {
            if (present(spec, ignored)) {
                warnings.add("spec." + ignored + " is not supported by Capstan and is ignored"
                        + (ignored.equals("keystores") ? " (no keystore.p12/keystore.jks is written to the Secret)" : ""));
            }
        }

        String commonName = r.string(spec, "commonName", "spec.commonName");
        if (commonName != null && commonName.isEmpty()) {
            commonName = null;
        }
        if (commonName != null && commonName.getBytes(StandardCharsets.UTF_8).length > 64) {
            errors.add(new FieldError("spec.commonName", "Too long: may not be more than 64 bytes, has "
                    + commonName.getBytes(StandardCharsets.UTF_8).length));
        } else if (commonName != null && DnsNames.isHostName(commonName)) {
            String n = DnsNames.normalize(commonName);
            if (!n.equals(commonName)) {
                warnings.add("spec.commonName: \"" + commonName + "\" is used as \"" + n
                        + "\" (a host name in a certificate is lower case, A-label form)");
                commonName = n;
            }
        }

        List<String> dnsNames = new ArrayList<>();
        List<String> rawDns = r.strings(spec, "dnsNames", "spec.dnsNames");
        for (int i = 0; i < rawDns.size(); i++) {
            String raw = rawDns.get(i);
            try {
                String n = DnsNames.normalize(raw);
                if (!n.equals(raw)) {
                    warnings.add("spec.dnsNames[" + i + "]: \"" + raw + "\" is issued as \"" + n + "\"");
                }
                if (!dnsNames.contains(n)) {
                    dnsNames.add(n);
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("spec.dnsNames[" + i + "]", "Invalid value: \"" + raw + "\": " + e.getMessage()));
            }
        }
        List<String> ips = new ArrayList<>();
        List<String> rawIps = r.strings(spec, "ipAddresses", "spec.ipAddresses");
        for (int i = 0; i < rawIps.size(); i++) {
            try {
                String n = IpAddresses.normalize(rawIps.get(i));
                if (!ips.contains(n)) {
                    ips.add(n);
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("spec.ipAddresses[" + i + "]", "Invalid value: \"" + rawIps.get(i) + "\": invalid IP address"));
            }
        }
        List<String> uris = new ArrayList<>();
        List<String> rawUris = r.strings(spec, "uris", "spec.uris");
        for (int i = 0; i < rawUris.size(); i++) {
            String u = rawUris.get(i);
            try {
                URI parsed = new URI(u);
                if (parsed.getScheme() == null) {
                    errors.add(new FieldError("spec.uris[" + i + "]", "Invalid value: \"" + u + "\": must be an absolute URI with a scheme"));
                } else if (!uris.contains(u)) {
                    uris.add(u);
                }
            } catch (URISyntaxException e) {
                errors.add(new FieldError("spec.uris[" + i + "]", "Invalid value: \"" + u + "\": " + e.getMessage()));
            }
        }
        List<String> emails = new ArrayList<>();
        List<String> rawEmails = r.strings(spec, "emailAddresses", "spec.emailAddresses");
        for (int i = 0; i < rawEmails.size(); i++) {
            String m = rawEmails.get(i);
            if (!EMAIL.matcher(m).matches()) {
                errors.add(new FieldError("spec.emailAddresses[" + i + "]", "Invalid value: \"" + m
                        + "\": invalid email address: make sure the supplied value only contains the email address itself"));
            } else if (!emails.contains(m)) {
                emails.add(m);
            }
        }

        SubjectSpec subject = subject(spec.path("subject"), commonName, r);

        if (commonName == null && dnsNames.isEmpty() && rawDns.isEmpty() && uris.isEmpty() && rawUris.isEmpty()
                && emails.isEmpty() && rawEmails.isEmpty() && ips.isEmpty() && rawIps.isEmpty()) {
            errors.add(new FieldError("spec", "Invalid value: \"\": at least one of commonName, dnsNames, emailAddresses, "
                    + "ipAddresses or uris must be set"));
        }

        PrivateKeySpec privateKey = privateKey(spec.path("privateKey"), r, errors);

        // durations (cert-manager ValidateDuration)
        Duration duration = r.duration(spec, "duration", "spec.duration");
        Duration renewBefore = r.duration(spec, "renewBefore", "spec.renewBefore");
        Integer pct = r.integer(spec, "renewBeforePercentage", "spec.renewBeforePercentage");
        Duration effective = duration == null ? CertificateSpec.DEFAULT_DURATION : duration;
        if (effective.compareTo(CertificateSpec.MINIMUM_DURATION) < 0) {
            errors.add(new FieldError("spec.duration", "Invalid value: \"" + GoDuration.format(effective)
                    + "\": certificate duration must be greater than " + GoDuration.format(CertificateSpec.MINIMUM_DURATION)));
        }
        if (renewBefore != null && pct != null) {
            errors.add(new FieldError("spec.renewBefore", "Invalid value: \"" + GoDuration.format(renewBefore)
                    + "\": renewBefore and renewBeforePercentage are mutually exclusive and cannot both be set"));
            errors.add(new FieldError("spec.renewBeforePercentage", "Invalid value: " + pct
                    + ": renewBefore and renewBeforePercentage are mutually exclusive and cannot both be set"));
        }
        if (renewBefore != null && renewBefore.compareTo(CertificateSpec.MINIMUM_RENEW_BEFORE) < 0) {
            errors.add(new FieldError("spec.renewBefore", "Invalid value: \"" + GoDuration.format(renewBefore)
                    + "\": certificate renewBefore must be greater than " + GoDuration.format(CertificateSpec.MINIMUM_RENEW_BEFORE)));
        }
        if (renewBefore != null && renewBefore.compareTo(effective) >= 0) {
            errors.add(new FieldError("spec.renewBefore", "Invalid value: \"" + GoDuration.format(renewBefore)
                    + "\": certificate duration " + GoDuration.format(effective) + (duration == null ? " (the default)" : "")
                    + " must be greater than renewBefore " + GoDuration.format(renewBefore)));
        }
        if (pct != null) {
            if (pct <= 0 || pct >= 100) {
                errors.add(new FieldError("spec.renewBeforePercentage", "Invalid value: " + pct
                        + ": must be between 1 and 99"));
            } else {
                Duration rb = effective.multipliedBy(pct).dividedBy(100);
                if (rb.compareTo(CertificateSpec.MINIMUM_RENEW_BEFORE) < 0) {
                    errors.add(new FieldError("spec.renewBeforePercentage", "Invalid value: " + pct
                            + ": certificate renewBeforePercentage must result in a renewBefore greater than "
                            + GoDuration.format(CertificateSpec.MINIMUM_RENEW_BEFORE)));
                }
            }
        }

        boolean isCA = r.bool(spec, "isCA", "spec.isCA");
        List<Usage> usages = new ArrayList<>();
        List<String> rawUsages = r.strings(spec, "usages", "spec.usages");
        for (int i = 0; i < rawUsages.size(); i++) {
            String u = rawUsages.get(i);
            var usage = Usage.fromSpecName(u);
            if (usage.isEmpty()) {
                errors.add(new FieldError("spec.usages[" + i + "]", "Invalid value: \"" + u + "\": unknown keyusage"));
            } else if (!usages.contains(usage.get())) {
                usages.add(usage.get());
            }
        }

        Integer revisionHistoryLimit = r.integer(spec, "revisionHistoryLimit", "spec.revisionHistoryLimit");
        if (revisionHistoryLimit != null && revisionHistoryLimit < 1) {
            errors.add(new FieldError("spec.revisionHistoryLimit", "Invalid value: " + revisionHistoryLimit + ": must not be less than 1"));
        }

        SecretTemplate template = secretTemplate(spec.path("secretTemplate"), r, errors);

        List<String> formats = new ArrayList<>();
        JsonNode aof = spec.path("additionalOutputFormats");
        if (present(spec, "additionalOutputFormats")) {
            if (!aof.isArray()) {
                errors.add(new FieldError("spec.additionalOutputFormats", "must be a list"));
            } else {
                for (int i = 0; i < aof.size(); i++) {
                    String t = aof.get(i).path("type").asText("");
                    if (!t.equals("CombinedPEM") && !t.equals("DER")) {
                        errors.add(new FieldError("spec.additionalOutputFormats[" + i + "].type",
                                "Unsupported value: \"" + t + "\": supported values: \"CombinedPEM\", \"DER\""));
                    } else if (!formats.contains(t)) {
                        formats.add(t);
                    }
                }
            }
        }

        if (!errors.isEmpty()) {
            throw new InvalidCertificateException(InvalidCertificateException.INVALID_SPEC, errors);
        }
        return new CertificateSpec(secretName, subject, dnsNames, ips, uris, emails, effective, renewBefore, pct,
                privateKey, usages, isCA, issuerRef, template, revisionHistoryLimit, formats);
    }

    private static IssuerRef issuerRef(JsonNode n, Reader r, List<FieldError> errors) {
        if (!n.isObject()) {
            errors.add(new FieldError("spec.issuerRef.name", "Required value: must be specified"));
            return null;
        }
        String name = r.string(n, "name", "spec.issuerRef.name");
        String kind = r.string(n, "kind", "spec.issuerRef.kind");
        String group = r.string(n, "group", "spec.issuerRef.group");
        if (name == null || name.isEmpty()) {
            errors.add(new FieldError("spec.issuerRef.name", "Required value: must be specified"));
        }
        boolean builtin = group == null || group.isEmpty() || group.equals(IssuerRef.CERT_MANAGER_GROUP);
        if (builtin && kind != null && !kind.isEmpty() && !kind.equals("Issuer") && !kind.equals("ClusterIssuer")) {
            errors.add(new FieldError("spec.issuerRef.kind", "Invalid value: \"" + kind + "\": must be one of Issuer or ClusterIssuer"
                    + (group == null || group.isEmpty() ? " (did you forget to set spec.issuerRef.group?)" : "")));
        }
        return new IssuerRef(name, kind == null || kind.isEmpty() ? "Issuer" : kind,
                group == null || group.isEmpty() ? IssuerRef.CERT_MANAGER_GROUP : group);
    }

    private static SubjectSpec subject(JsonNode n, String commonName, Reader r) {
        if (!n.isObject()) {
            return SubjectSpec.ofCommonName(commonName);
        }
        return new SubjectSpec(commonName, r.strings(n, "organizations", "spec.subject.organizations"),
                r.strings(n, "countries", "spec.subject.countries"),
                r.strings(n, "organizationalUnits", "spec.subject.organizationalUnits"),
                r.strings(n, "localities", "spec.subject.localities"),
                r.strings(n, "provinces", "spec.subject.provinces"),
                r.strings(n, "streetAddresses", "spec.subject.streetAddresses"),
                r.strings(n, "postalCodes", "spec.subject.postalCodes"),
                r.string(n, "serialNumber", "spec.subject.serialNumber"));
    }

    private static PrivateKeySpec privateKey(JsonNode n, Reader r, List<FieldError> errors) {
        if (!n.isObject()) {
            return PrivateKeySpec.DEFAULT;
        }
        String alg = r.string(n, "algorithm", "spec.privateKey.algorithm");
        Integer size = r.integer(n, "size", "spec.privateKey.size");
        String enc = r.string(n, "encoding", "spec.privateKey.encoding");
        String rot = r.string(n, "rotationPolicy", "spec.privateKey.rotationPolicy");
        KeyAlgorithm algorithm = KeyAlgorithm.RSA;
        if (alg != null && !alg.isEmpty()) {
            var a = KeyAlgorithm.fromSpecName(alg);
            if (a.isEmpty()) {
                errors.add(new FieldError("spec.privateKey.algorithm", "Invalid value: \"" + alg
                        + "\": must be either empty or one of rsa, ecdsa or ed25519"));
            } else {
                algorithm = a.get();
            }
        }
        int bits = size == null ? 0 : size;
        KeySpec key = KeySpec.of(algorithm, 0);
        if (bits != 0) {
            if (algorithm == KeyAlgorithm.RSA && (bits < 2048 || bits > 8192)) {
                errors.add(new FieldError("spec.privateKey.size", "Invalid value: " + bits + ": must be between 2048 and 8192 for rsa keyAlgorithm"));
            } else if (algorithm == KeyAlgorithm.ECDSA && bits != 256 && bits != 384 && bits != 521) {
                errors.add(new FieldError("spec.privateKey.size", "Unsupported value: " + bits + ": supported values: \"256\", \"384\", \"521\""));
            } else {
                key = KeySpec.of(algorithm, bits);
            }
        }
        KeyEncoding encoding = KeyEncoding.PKCS1;
        if (enc != null && !enc.isEmpty()) {
            var e = KeyEncoding.fromSpecName(enc);
            if (e.isEmpty()) {
                errors.add(new FieldError("spec.privateKey.encoding", "Unsupported value: \"" + enc + "\": supported values: \"PKCS1\", \"PKCS8\""));
            } else {
                encoding = e.get();
            }
        }
        RotationPolicy rotation = RotationPolicy.ALWAYS;
        if (rot != null && !rot.isEmpty()) {
            var p = RotationPolicy.fromSpecName(rot);
            if (p.isEmpty()) {
                errors.add(new FieldError("spec.privateKey.rotationPolicy", "Unsupported value: \"" + rot + "\": supported values: \"Never\", \"Always\""));
            } else {
                rotation = p.get();
            }
        }
        return new PrivateKeySpec(key, encoding, rotation);
    }

    private static SecretTemplate secretTemplate(JsonNode n, Reader r, List<FieldError> errors) {
        if (!n.isObject()) {
            return SecretTemplate.EMPTY;
        }
        Map<String, String> labels = r.stringMap(n, "labels", "spec.secretTemplate.labels");
        Map<String, String> annotations = r.stringMap(n, "annotations", "spec.secretTemplate.annotations");
        labels.forEach((k, v) -> {
            if (!validQualifiedName(k)) {
                errors.add(new FieldError("spec.secretTemplate.labels", "Invalid value: \"" + k
                        + "\": a label key must be a qualified name ([prefix/]name, name at most 63 characters)"));
            }
            if (v.length() > 63 || !LABEL_VALUE.matcher(v).matches()) {
                errors.add(new FieldError("spec.secretTemplate.labels", "Invalid value: \"" + v
                        + "\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
                        + "and must start and end with an alphanumeric character (at most 63 characters)"));
            }
        });
        annotations.keySet().forEach(k -> {
            if (k.startsWith("cert-manager.io/") && !k.equals("cert-manager.io/allow-direct-injection")) {
                errors.add(new FieldError("spec.secretTemplate.annotations", "Invalid value: \"" + k
                        + "\": cert-manager.io/* annotations are not allowed"));
            } else if (!validQualifiedName(k)) {
                errors.add(new FieldError("spec.secretTemplate.annotations", "Invalid value: \"" + k
                        + "\": an annotation key must be a qualified name ([prefix/]name)"));
            }
        });
        return new SecretTemplate(labels, annotations);
    }

    private static boolean validQualifiedName(String k) {
        String name = k;
        int slash = k.indexOf('/');
        if (slash >= 0) {
            String prefix = k.substring(0, slash);
            name = k.substring(slash + 1);
            if (prefix.isEmpty() || prefix.length() > 253 || !DNS1123_SUBDOMAIN.matcher(prefix).matches()) {
                return false;
            }
        }
        return !name.isEmpty() && name.length() <= 63 && QUALIFIED_NAME.matcher(name).matches();
    }

    private static boolean present(JsonNode n, String field) {
        return n.has(field) && !n.get(field).isNull();
    }

    private static InvalidCertificateException invalid(FieldError e) {
        return new InvalidCertificateException(InvalidCertificateException.INVALID_SPEC, List.of(e));
    }

    /** Typed field access that records type errors instead of throwing. */
    private record Reader(List<FieldError> errors) {

        String string(JsonNode n, String field, String path) {
            if (!present(n, field)) {
                return null;
            }
            JsonNode v = n.get(field);
            if (!v.isTextual()) {
                errors.add(new FieldError(path, "must be a string"));
                return null;
            }
            return v.asText();
        }

        List<String> strings(JsonNode n, String field, String path) {
            List<String> out = new ArrayList<>();
            if (!present(n, field)) {
                return out;
            }
            JsonNode v = n.get(field);
            if (!v.isArray()) {
                errors.add(new FieldError(path, "must be a list of strings"));
                return out;
            }
            for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isTextual()) {
                    errors.add(new FieldError(path + "[" + i + "]", "must be a string"));
                } else {
                    out.add(v.get(i).asText());
                }
            }
            return out;
        }

        Map<String, String> stringMap(JsonNode n, String field, String path) {
            Map<String, String> out = new LinkedHashMap<>();
            if (!present(n, field)) {
                return out;
            }
            JsonNode v = n.get(field);
            if (!v.isObject()) {
                errors.add(new FieldError(path, "must be a map of strings"));
                return out;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    errors.add(new FieldError(path + "[" + e.getKey() + "]", "must be a string"));
                } else {
                    out.put(e.getKey(), e.getValue().asText());
                }
            }
            return out;
        }

        Integer integer(JsonNode n, String field, String path) {
            if (!present(n, field)) {
                return null;
            }
            JsonNode v = n.get(field);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                errors.add(new FieldError(path, "must be an integer"));
                return null;
            }
            return v.asInt();
        }

        boolean bool(JsonNode n, String field, String path) {
            if (!present(n, field)) {
                return false;
            }
            JsonNode v = n.get(field);
            if (!v.isBoolean()) {
                errors.add(new FieldError(path, "must be a boolean"));
                return false;
            }
            return v.asBoolean();
        }

        Duration duration(JsonNode n, String field, String path) {
            String s = string(n, field, path);
            if (s == null) {
                return null;
            }
            try {
                return GoDuration.parse(s);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(path, "Invalid value: \"" + s + "\": " + e.getMessage()));
                return null;
            }
        }
    }
}
