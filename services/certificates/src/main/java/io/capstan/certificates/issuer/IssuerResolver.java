package io.capstan.certificates.issuer;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.certificates.pki.PkiException;
import io.capstan.certificates.pki.SigningAuthority;
import io.capstan.certificates.profile.CertificatesProfile;
import io.capstan.certificates.profile.FleetIssuer;
import io.capstan.certificates.spec.IssuerRef;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a Certificate's issuerRef, as cert-manager does plus the fleet:
 * <ol>
 *   <li>an issuerRef of another group than {@code cert-manager.io} (an external issuer) is {@code IssuerNotSupported};</li>
 *   <li>a {@code ClusterIssuer} name resolves first to the profile's fleet issuer of that name (CA from a management
 *   Secret, SelfSigned, ACME): its keys never enter the workload cluster;</li>
 *   <li>else the workload cluster's own {@code ClusterIssuer} (its CA Secret read in the cluster resource namespace,
 *   cert-manager's {@code --cluster-resource-namespace}, default {@code cert-manager}) or {@code Issuer} of the
 *   Certificate's namespace (its CA Secret in that namespace), kinds {@code ca} and {@code selfSigned};</li>
 *   <li>an in-cluster issuer of another kind (acme, vault, venafi) is {@code IssuerNotSupported}: an ACME account
 *   key belongs in the management plane, so ACME is offered as a fleet issuer only;</li>
 *   <li>nothing of that name: {@code IssuerNotFound}; a CA Secret missing or unusable: {@code IssuerNotReady}.</li>
 * </ol>
 * Parsed CA Secrets are cached by (cluster or {@code management}, namespace, name, resourceVersion). Thread-safe.
 */
public final class IssuerResolver {

    private record CacheKey(String scope, String namespace, String name) {
    }

    private record Cached(String version, SigningAuthority authority) {
    }

    private final SecretReader management;
    private final String managementNamespace;
    private final String clusterResourceNamespace;
    private final Map<CacheKey, Cached> cache = new ConcurrentHashMap<>();

    /**
     * @param management               reads the management cluster's Secrets
     * @param managementNamespace      {@code capstan.management.namespace}
     * @param clusterResourceNamespace where a workload cluster's ClusterIssuers keep their Secrets
     */
    public IssuerResolver(SecretReader management, String managementNamespace, String clusterResourceNamespace) {
        this.management = Objects.requireNonNull(management);
        this.managementNamespace = Objects.requireNonNull(managementNamespace);
        this.clusterResourceNamespace = Objects.requireNonNull(clusterResourceNamespace);
    }

    /**
     * Resolves one reference.
     *
     * @param cluster        cluster name (cache scope)
     * @param namespace      the Certificate's namespace
     * @param ref            the issuerRef
     * @param profile        the cluster's certificates profile
     * @param issuers        the cluster's Issuers (every namespace), as served
     * @param clusterIssuers the cluster's ClusterIssuers, as served
     * @param workload       reads the workload cluster's Secrets
     * @return the resolution, never null
     * @throws RuntimeException when a Secret cannot be read (transient)
     */
    public ResolvedIssuer resolve(String cluster, String namespace, IssuerRef ref, CertificatesProfile profile,
                                  List<JsonNode> issuers, List<JsonNode> clusterIssuers, SecretReader workload) {
        if (ref.name() == null || ref.name().isEmpty()) {
            return new ResolvedIssuer.Unavailable(ref, "IssuerNotFound", "spec.issuerRef.name is required");
        }
        if (!IssuerRef.CERT_MANAGER_GROUP.equals(ref.group())) {
            return new ResolvedIssuer.Unavailable(ref, "IssuerNotSupported", "issuerRef.group " + ref.group()
                    + " is an external issuer; Capstan signs with cert-manager.io issuers (CA, SelfSigned) and fleet issuers");
        }
        if (!clusterScoped(ref) && !"Issuer".equals(ref.kind())) {
            return new ResolvedIssuer.Unavailable(ref, "IssuerNotFound", "issuerRef.kind must be Issuer or ClusterIssuer, got "
                    + ref.kind());
        }
        if (clusterScoped(ref)) {
            Optional<FleetIssuer> fleet = profile.issuer(ref.name());
            if (fleet.isPresent()) {
                return fleet(ref, fleet.get());
            }
        }
        List<JsonNode> candidates = clusterScoped(ref) ? clusterIssuers : issuers;
        JsonNode issuer = null;
        for (JsonNode i : candidates) {
            JsonNode md = i.path("metadata");
            if (ref.name().equals(md.path("name").asText())
                    && (clusterScoped(ref) || namespace.equals(md.path("namespace").asText()))) {
                issuer = i;
                break;
            }
        }
        if (issuer == null) {
            return new ResolvedIssuer.Unavailable(ref, "IssuerNotFound", ref.kind() + " " + ref.name()
                    + (clusterScoped(ref) ? " is neither a fleet issuer of the profile nor a ClusterIssuer of the cluster"
                    : " does not exist in namespace " + namespace));
        }
        JsonNode spec = issuer.path("spec");
        if (spec.has("selfSigned")) {
            return new ResolvedIssuer.SelfSigned(ref, false);
        }
        if (spec.has("ca")) {
            String secretName = spec.path("ca").path("secretName").asText("");
            if (secretName.isEmpty()) {
                return new ResolvedIssuer.Unavailable(ref, "IssuerNotReady", ref.kind() + " " + ref.name()
                        + ": spec.ca.secretName is required");
            }
            String ns = clusterScoped(ref) ? clusterResourceNamespace : namespace;
            return ca(ref, cluster, ns, secretName, workload, false);
        }
        String kind = spec.fieldNames().hasNext() ? spec.fieldNames().next() : "(empty spec)";
        return new ResolvedIssuer.Unavailable(ref, "IssuerNotSupported", ref.kind() + " " + ref.name() + " is of kind "
                + kind + ", which Capstan does not run inside a workload cluster"
                + ("acme".equals(kind) ? " (ACME accounts live in the management plane: define a fleet ACME issuer in the"
                + " profile's certificates.issuers and reference it as a ClusterIssuer)" : ""));
    }

    private ResolvedIssuer fleet(IssuerRef ref, FleetIssuer f) {
        if (f instanceof FleetIssuer.Ca ca) {
            return ca(ref, "management", managementNamespace, ca.secretName(), management, true);
        }
        if (f instanceof FleetIssuer.Acme acme) {
            return new ResolvedIssuer.Acme(ref, acme);
        }
        return new ResolvedIssuer.SelfSigned(ref, true);
    }

    private ResolvedIssuer ca(IssuerRef ref, String scope, String namespace, String secretName, SecretReader reader,
                              boolean fleet) {
        Optional<SecretReader.Content> content = reader.read(namespace, secretName);
        String where = fleet ? "management Secret " + secretName : "Secret " + namespace + "/" + secretName;
        if (content.isEmpty()) {
            return new ResolvedIssuer.Unavailable(ref, "IssuerNotReady", "the CA " + where + " of " + ref.kind() + " "
                    + ref.name() + " does not exist");
        }
        CacheKey key = new CacheKey(scope, namespace, secretName);
        Cached cached = cache.get(key);
        if (cached != null && cached.version != null && cached.version.equals(content.get().version())) {
            return new ResolvedIssuer.Ca(ref, cached.authority, fleet);
        }
        Map<String, byte[]> data = content.get().data();
        if (data.get("tls.crt") == null || data.get("tls.key") == null) {
            return new ResolvedIssuer.Unavailable(ref, "IssuerNotReady", "the CA " + where + " lacks tls.crt or tls.key");
        }
        try {
            SigningAuthority a = SigningAuthority.fromPem(text(data.get("tls.crt")), text(data.get("tls.key")),
                    data.get("ca.crt") == null ? null : text(data.get("ca.crt")));
            cache.put(key, new Cached(content.get().version(), a));
            return new ResolvedIssuer.Ca(ref, a, fleet);
        } catch (PkiException e) {
            return new ResolvedIssuer.Unavailable(ref, "IssuerNotReady", "the CA " + where + " is not usable: "
                    + e.reason() + ": " + e.getMessage());
        }
    }

    private static boolean clusterScoped(IssuerRef ref) {
        return "ClusterIssuer".equals(ref.kind());
    }

    /** Forgets what was parsed for a cluster. */
    public void forget(String cluster) {
        cache.keySet().removeIf(k -> k.scope.equals(cluster));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}
