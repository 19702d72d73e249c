package io.capstan.certificates.shim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.certificates.spec.CertificateParser;
import io.capstan.certificates.spec.CertificateSpec;
import io.capstan.certificates.spec.DnsNames;
import io.capstan.certificates.spec.FieldError;
import io.capstan.certificates.spec.InvalidCertificateException;
import io.capstan.certificates.spec.IssuerRef;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * cert-manager's ingress-shim and gateway-shim ({@code pkg/controller/certificate-shim}) as a pure planner: from the
 * Ingresses ({@code networking.k8s.io/v1}) and Gateways ({@code gateway.networking.k8s.io/v1}) carrying
 * {@code cert-manager.io/issuer} or {@code cert-manager.io/cluster-issuer}, the Certificates to exist, one per TLS
 * Secret name (Ingress {@code spec.tls[].secretName}; Gateway {@code spec.listeners[].tls.certificateRefs[]} of kind
 * Secret in the Gateway's namespace, listeners in mode Terminate), hosts (Ingress {@code tls[].hosts}, Gateway
 * listener {@code hostname}) as dnsNames, the Certificate named after the Secret.
 *
 * <p>Annotations honoured: {@code cert-manager.io/issuer}, {@code cluster-issuer}, {@code issuer-kind},
 * {@code issuer-group}, {@code common-name}, {@code duration}, {@code renew-before},
 * {@code renew-before-percentage}, {@code private-key-algorithm}, {@code private-key-size},
 * {@code private-key-encoding}, {@code private-key-rotation-policy}, {@code usages} (comma-separated),
 * {@code revision-history-limit}. Values are validated by {@link CertificateParser}; an error names the annotation.
 *
 * <p>Several claims on one Secret name (entries of one object: hosts merged in entry order, with a warning; several
 * objects: the claim of the object that already owns the shim Certificate wins, else the oldest object (creation
 * timestamp, then kind and name), and every other claimant gets a warning naming the duplicate) give at most one
 * Certificate, the same one on every pass whatever the input order, so host sets never alternate. A Secret name
 * already used by a Certificate that the shim did not make is left to that Certificate (warning).
 */
public final class ShimPlanner {

    /** Annotation on a shim Certificate naming its source: {@code Ingress/<name>} or {@code Gateway/<name>}. */
    public static final String SOURCE_ANNOTATION = "capstan.io/shim-source";
    /** Label on every object Capstan creates in a workload cluster. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** Value of {@link #MANAGED_BY}. */
    public static final String CAPSTAN = "capstan";

    static final String A = "cert-manager.io/";
    static final List<String> TRIGGERS = List.of(A + "issuer", A + "cluster-issuer");

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ShimPlanner() {
    }

    /**
     * Plans the shim Certificates of one cluster.
     *
     * @param sources              Ingress and Gateway objects (JSON as on {@code capstan.resources}); other kinds are
     *                             ignored
     * @param existingCertificates the cert-manager.io/v1 Certificates present in the cluster (to leave users' own
     *                             Certificates alone and keep the current owner of a shim Certificate)
     * @return Certificates, warnings and errors; deterministic for the same set of inputs in any order
     */
    public static ShimPlan plan(Collection<JsonNode> sources, Collection<JsonNode> existingCertificates) {
        List<ShimIssue> warnings = new ArrayList<>();
        List<ShimIssue> errors = new ArrayList<>();

        // what the users' own Certificates hold, and who owns each shim Certificate now
        Map<String, String> userByName = new HashMap<>();
        Map<String, String> userBySecret = new HashMap<>();
        Map<String, String> shimOwner = new HashMap<>();
        for (JsonNode c : existingCertificates) {
            JsonNode md = c.path("metadata");
            String key = md.path("namespace").asText("") + "/" + md.path("name").asText("");
            if (isShimCertificate(c)) {
                shimOwner.put(key, md.path("annotations").path(SOURCE_ANNOTATION).asText());
            } else {
                userByName.put(key, key);
                String secret = c.path("spec").path("secretName").asText("");
                if (!secret.isEmpty()) {
                    userBySecret.put(md.path("namespace").asText("") + "/" + secret, key);
                }
            }
        }

        // claims per namespace/secretName, from every valid source
        List<JsonNode> ordered = new ArrayList<>(sources);
        ordered.sort(Comparator.comparing((JsonNode n) -> n.path("metadata").path("creationTimestamp").asText("~"))
                .thenComparing(n -> n.path("kind").asText(""))
                .thenComparing(n -> n.path("metadata").path("namespace").asText(""))
                .thenComparing(n -> n.path("metadata").path("name").asText("")));
        Map<String, List<Claim>> claims = new TreeMap<>();
        for (JsonNode src : ordered) {
            SourceRef ref = ref(src);
            if (ref == null) {
                continue;
            }
            Map<String, String> ann = annotations(src);
            boolean triggered = TRIGGERS.stream().anyMatch(ann::containsKey);
            if (!triggered) {
                if ("true".equals(ann.get("kubernetes.io/tls-acme"))) {
                    warnings.add(new ShimIssue(ref, "metadata.annotations[kubernetes.io/tls-acme]", "needs a default "
                            + "issuer, which Capstan does not configure: name one with cert-manager.io/cluster-issuer "
                            + "or cert-manager.io/issuer; no Certificate is made"));
                }
                continue;
            }
            ObjectNode template = F.objectNode();
            List<ShimIssue> annErrors = template(ref, ann, template);
            if (!annErrors.isEmpty()) {
                errors.addAll(annErrors);
                continue;
            }
            Map<String, Claim> mine = new LinkedHashMap<>();
            if (ref.kind().equals("Ingress")) {
                ingressClaims(src, ref, template, mine, warnings, errors);
            } else {
                gatewayClaims(src, ref, template, mine, warnings, errors);
            }
            for (Claim c : mine.values()) {
                claims.computeIfAbsent(ref.namespace() + "/" + c.secretName, k -> new ArrayList<>()).add(c);
            }
        }

        List<DesiredCertificate> out = new ArrayList<>();
        for (Map.Entry<String, List<Claim>> e : claims.entrySet()) {
            List<Claim> list = e.getValue();
            String key = e.getKey();
            if (userByName.containsKey(key) || userBySecret.containsKey(key)) {
                String user = userByName.containsKey(key) ? userByName.get(key) : userBySecret.get(key);
                for (Claim c : list) {
                    warnings.add(new ShimIssue(c.source, c.field, "Secret " + c.secretName + " is already managed by "
                            + "Certificate " + user + ", which the shim did not make: it is left alone and no Certificate "
                            + "is made from " + c.source));
                }
                continue;
            }
            Claim winner = list.get(0);
            String owner = shimOwner.get(key);
            if (owner != null) {
                for (Claim c : list) {
                    if (c.source.sourceAnnotation().equals(owner)) {
                        winner = c;
                        break;
                    }
                }
            }
            for (Claim c : list) {
                if (c != winner) {
                    warnings.add(new ShimIssue(c.source, c.field, "duplicate: secretName " + c.secretName + " is already "
                            + "claimed by " + winner.source + " (" + winner.field + "); no Certificate is made from "
                            + c.source + " for it (its hosts " + c.hosts + " are not included)"));
                }
            }
            DesiredCertificate d = build(winner, errors);
            if (d != null) {
                out.add(d);
            }
        }
        out.sort(Comparator.comparing(DesiredCertificate::namespace).thenComparing(DesiredCertificate::name));
        return new ShimPlan(out, warnings, errors);
    }

    /**
     * @param certificate a Certificate object
     * @return true when the shim made it (label {@link #MANAGED_BY}={@link #CAPSTAN} and the
     *         {@link #SOURCE_ANNOTATION} annotation)
     */
    public static boolean isShimCertificate(JsonNode certificate) {
        JsonNode md = certificate.path("metadata");
        return CAPSTAN.equals(md.path("labels").path(MANAGED_BY).asText())
                && md.path("annotations").hasNonNull(SOURCE_ANNOTATION);
    }

    /** One object's claim on a Secret name. */
    private static final class Claim {
        final SourceRef source;
        final String secretName;
        final String field;
        final ObjectNode template;
        final List<String> hosts = new ArrayList<>();
        final List<String> hostFields = new ArrayList<>();

        Claim(SourceRef source, String secretName, String field, ObjectNode template) {
            this.source = source;
            this.secretName = secretName;
            this.field = field;
            this.template = template;
        }

        void add(String host, String hostField) {
            String n;
            try {
                n = DnsNames.normalize(host);
            } catch (IllegalArgumentException e) {
                n = host; // the parser reports it, naming hostField
            }
            for (String h : hosts) {
                if (h.equals(n) || h.equalsIgnoreCase(host)) {
                    return;
                }
            }
            hosts.add(host);
            hostFields.add(hostField);
        }
    }

    private static void ingressClaims(JsonNode src, SourceRef ref, ObjectNode template, Map<String, Claim> mine,
                                      List<ShimIssue> warnings, List<ShimIssue> errors) {
        JsonNode tls = src.path("spec").path("tls");
        for (int i = 0; i < tls.size(); i++) {
            JsonNode t = tls.get(i);
            String field = "spec.tls[" + i + "]";
            String secret = t.path("secretName").asText("");
            if (secret.isEmpty()) {
                errors.add(new ShimIssue(ref, field + ".secretName", "secret name for TLS entry " + i + " may not be empty"));
                continue;
            }
            JsonNode hosts = t.path("hosts");
            if (hosts.size() == 0) {
                errors.add(new ShimIssue(ref, field + ".hosts", "TLS entry " + i + " for Secret " + secret
                        + " must specify at least one host"));
                continue;
            }
            Claim c = mine.get(secret);
            if (c == null) {
                c = new Claim(ref, secret, field + ".secretName", template);
                mine.put(secret, c);
            } else {
                warnings.add(new ShimIssue(ref, field + ".secretName", "duplicate: secretName " + secret + " is also used by "
                        + c.field + " of the same Ingress; their hosts are merged into one Certificate"));
            }
            for (int h = 0; h < hosts.size(); h++) {
                c.add(hosts.get(h).asText(""), field + ".hosts[" + h + "]");
            }
        }
    }

    private static void gatewayClaims(JsonNode src, SourceRef ref, ObjectNode template, Map<String, Claim> mine,
                                      List<ShimIssue> warnings, List<ShimIssue> errors) {
        JsonNode listeners = src.path("spec").path("listeners");
        for (int i = 0; i < listeners.size(); i++) {
            JsonNode l = listeners.get(i);
            String field = "spec.listeners[" + i + "]";
            JsonNode tls = l.path("tls");
            if (tls.isMissingNode() || tls.isNull()) {
                continue;
            }
            String mode = tls.path("mode").asText("Terminate");
            if (!mode.equals("Terminate")) {
                continue; // Passthrough: no certificate at the Gateway
            }
            JsonNode refs = tls.path("certificateRefs");
            String hostname = l.path("hostname").asText("");
            for (int r = 0; r < refs.size(); r++) {
                JsonNode cr = refs.get(r);
                String crField = field + ".tls.certificateRefs[" + r + "]";
                String group = cr.path("group").asText("");
                String kind = cr.path("kind").asText("Secret");
                String ns = cr.path("namespace").asText(ref.namespace());
                if (!(group.isEmpty() || group.equals("core")) || !kind.equals("Secret")) {
                    warnings.add(new ShimIssue(ref, crField, "refers to " + (group.isEmpty() ? "" : group + "/") + kind
                            + ", not a Secret: no Certificate is made for it"));
                    continue;
                }
                if (!ns.equals(ref.namespace())) {
                    warnings.add(new ShimIssue(ref, crField, "refers to a Secret in namespace " + ns
                            + ": the shim makes Certificates only in the Gateway's namespace " + ref.namespace()));
                    continue;
                }
                String secret = cr.path("name").asText("");
                if (secret.isEmpty()) {
                    errors.add(new ShimIssue(ref, crField + ".name", "a certificateRef needs a name"));
                    continue;
                }
                if (hostname.isEmpty()) {
                    errors.add(new ShimIssue(ref, field + ".hostname", "listener " + l.path("name").asText(String.valueOf(i))
                            + " has no hostname: the Certificate for Secret " + secret + " would have no name"));
                    continue;
                }
                Claim c = mine.get(secret);
                if (c == null) {
                    c = new Claim(ref, secret, crField, template);
                    mine.put(secret, c);
                }
                c.add(hostname, field + ".hostname");
            }
        }
    }

    private static DesiredCertificate build(Claim c, List<ShimIssue> errors) {
        ObjectNode spec = c.template.deepCopy();
        spec.put("secretName", c.secretName);
        ArrayNode dns = F.arrayNode();
        c.hosts.forEach(dns::add);
        // cert-manager.io/v1 field order: secretName, commonName, dnsNames, ..., issuerRef
        spec.set("dnsNames", dns);
        CertificateSpec parsed;
        try {
            parsed = CertificateParser.parseSpec(spec, new ArrayList<>());
        } catch (InvalidCertificateException e) {
            for (FieldError fe : e.errors()) {
                errors.add(new ShimIssue(c.source, sourceField(fe.field(), c), fe.message()));
            }
            return null;
        }
        // the manifest carries the normalised names, so the Certificate written is the one validated
        ArrayNode normalised = F.arrayNode();
        parsed.dnsNames().forEach(normalised::add);
        spec.set("dnsNames", normalised);
        if (parsed.commonName() != null) {
            spec.put("commonName", parsed.commonName());
        }
        ObjectNode manifest = F.objectNode();
        manifest.put("apiVersion", CertificateParser.API_VERSION);
        manifest.put("kind", "Certificate");
        ObjectNode md = manifest.putObject("metadata");
        md.put("name", c.secretName);
        md.put("namespace", c.source.namespace());
        md.putObject("labels").put(MANAGED_BY, CAPSTAN);
        md.putObject("annotations").put(SOURCE_ANNOTATION, c.source.sourceAnnotation());
        if (c.source.uid() != null) {
            md.putArray("ownerReferences").addObject()
                    .put("apiVersion", c.source.apiVersion())
                    .put("kind", c.source.kind())
                    .put("name", c.source.name())
                    .put("uid", c.source.uid())
                    .put("controller", true)
                    .put("blockOwnerDeletion", true);
        }
        manifest.set("spec", spec);
        return new DesiredCertificate(c.source.namespace(), c.secretName, c.source, parsed, manifest);
    }

    private static String sourceField(String specField, Claim c) {
        if (specField.startsWith("spec.dnsNames[")) {
            int i = Integer.parseInt(specField.substring("spec.dnsNames[".length(), specField.indexOf(']')));
            return i < c.hostFields.size() ? c.hostFields.get(i) : specField;
        }
        if (specField.equals("spec.secretName")) {
            return c.field;
        }
        String ann = switch (specField.replaceAll("\\[\\d+]$", "")) {
            case "spec.issuerRef.name", "spec.issuerRef.kind", "spec.issuerRef.group" -> "issuer";
            case "spec.commonName" -> "common-name";
            case "spec.duration" -> "duration";
            case "spec.renewBefore" -> "renew-before";
            case "spec.renewBeforePercentage" -> "renew-before-percentage";
            case "spec.privateKey.algorithm" -> "private-key-algorithm";
            case "spec.privateKey.size" -> "private-key-size";
            case "spec.privateKey.encoding" -> "private-key-encoding";
            case "spec.privateKey.rotationPolicy" -> "private-key-rotation-policy";
            case "spec.usages" -> "usages";
            case "spec.revisionHistoryLimit" -> "revision-history-limit";
            default -> null;
        };
        return ann == null ? specField : "metadata.annotations[" + A + ann + "]";
    }

    /** Builds the spec fields coming from the annotations; returns the errors of values that are not even typed. */
    private static List<ShimIssue> template(SourceRef ref, Map<String, String> ann, ObjectNode spec) {
        List<ShimIssue> errors = new ArrayList<>();
        String issuer = ann.get(A + "issuer");
        String clusterIssuer = ann.get(A + "cluster-issuer");
        String kind = ann.get(A + "issuer-kind");
        String group = ann.get(A + "issuer-group");
        ObjectNode issuerRef = spec.putObject("issuerRef");
        if (issuer != null && clusterIssuer != null) {
            errors.add(new ShimIssue(ref, "metadata.annotations[" + A + "cluster-issuer]",
                    "both cert-manager.io/issuer and cert-manager.io/cluster-issuer may not be set"));
        } else if (clusterIssuer != null) {
            if (kind != null || group != null) {
                errors.add(new ShimIssue(ref, "metadata.annotations[" + A + (kind != null ? "issuer-kind" : "issuer-group") + "]",
                        "cert-manager.io/issuer-kind and issuer-group go with cert-manager.io/issuer, not cluster-issuer"));
            }
            issuerRef.put("name", clusterIssuer).put("kind", "ClusterIssuer").put("group", IssuerRef.CERT_MANAGER_GROUP);
        } else {
            issuerRef.put("name", issuer).put("kind", kind == null ? "Issuer" : kind)
                    .put("group", group == null ? IssuerRef.CERT_MANAGER_GROUP : group);
        }
        put(spec, "commonName", ann.get(A + "common-name"));
        put(spec, "duration", ann.get(A + "duration"));
        put(spec, "renewBefore", ann.get(A + "renew-before"));
        integer(ref, spec, "renewBeforePercentage", ann, "renew-before-percentage", errors);
        integer(ref, spec, "revisionHistoryLimit", ann, "revision-history-limit", errors);
        ObjectNode pk = F.objectNode();
        put(pk, "algorithm", ann.get(A + "private-key-algorithm"));
        integer(ref, pk, "size", ann, "private-key-size", errors);
        put(pk, "encoding", ann.get(A + "private-key-encoding"));
        put(pk, "rotationPolicy", ann.get(A + "private-key-rotation-policy"));
        if (!pk.isEmpty()) {
            spec.set("privateKey", pk);
        }
        String usages = ann.get(A + "usages");
        if (usages != null) {
            ArrayNode u = spec.putArray("usages");
            for (String s : usages.split(",")) {
                if (!s.isBlank()) {
                    u.add(s.strip());
                }
            }
        }
        return errors;
    }

    private static void put(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static void integer(SourceRef ref, ObjectNode n, String field, Map<String, String> ann, String key,
                                List<ShimIssue> errors) {
        String v = ann.get(A + key);
        if (v == null) {
            return;
        }
        try {
            n.put(field, Integer.parseInt(v.strip()));
        } catch (NumberFormatException e) {
            errors.add(new ShimIssue(ref, "metadata.annotations[" + A + key + "]", "Invalid value: \"" + v + "\": must be an integer"));
        }
    }

    private static Map<String, String> annotations(JsonNode src) {
        Map<String, String> out = new HashMap<>();
        src.path("metadata").path("annotations").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static SourceRef ref(JsonNode src) {
        String apiVersion = src.path("apiVersion").asText("");
        String kind = src.path("kind").asText("");
        boolean ingress = kind.equals("Ingress") && apiVersion.equals("networking.k8s.io/v1");
        boolean gateway = kind.equals("Gateway") && (apiVersion.equals("gateway.networking.k8s.io/v1")
                || apiVersion.equals("gateway.networking.k8s.io/v1beta1"));
        if (!ingress && !gateway) {
            return null;
        }
        JsonNode md = src.path("metadata");
        String uid = md.hasNonNull("uid") ? md.get("uid").asText() : null;
        String ns = md.path("namespace").asText("");
        return new SourceRef(apiVersion, kind, ns.isEmpty() ? "default" : ns, md.path("name").asText(""), uid);
    }
}
