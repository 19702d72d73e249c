package io.capstan.certificates.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.certificates.acme.AcmeException;
import io.capstan.certificates.acme.AcmeOrders;
import io.capstan.certificates.issuer.IssuerResolver;
import io.capstan.certificates.issuer.ResolvedIssuer;
import io.capstan.certificates.issuer.SecretReader;
import io.capstan.certificates.pki.CertificateChain;
import io.capstan.certificates.pki.Csrs;
import io.capstan.certificates.pki.IssuedCertificate;
import io.capstan.certificates.pki.Pem;
import io.capstan.certificates.pki.PkiException;
import io.capstan.certificates.pki.PrivateKeys;
import io.capstan.certificates.pki.Signer;
import io.capstan.certificates.policy.DomainPolicy;
import io.capstan.certificates.policy.PolicyDecision;
import io.capstan.certificates.renewal.ReissueDecision;
import io.capstan.certificates.renewal.ReissuePolicy;
import io.capstan.certificates.renewal.RenewalTime;
import io.capstan.certificates.report.CertificateReport;
import io.capstan.certificates.secret.DesiredSecret;
import io.capstan.certificates.secret.ObservedSecret;
import io.capstan.certificates.secret.SecretLayout;
import io.capstan.certificates.report.CertificateView;
import io.capstan.certificates.spec.CertificateParser;
import io.capstan.certificates.spec.CertificateSpec;
import io.capstan.certificates.spec.InvalidCertificateException;
import io.capstan.certificates.spec.IssuerRef;
import io.capstan.certificates.spec.ParsedCertificate;
import io.capstan.model.event.Json;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.Conditions;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Synchronises one Certificate of a workload cluster with its Secret, as cert-manager's certificate controllers do
 * together (trigger, keymanager, requestmanager, issuing, readiness, revisionmanager), in one ordered pass:
 * <ol>
 *   <li>parse and validate the spec ({@link CertificateParser}): an invalid spec or an old apiVersion is
 *   {@code Ready=False} (reason {@code InvalidSpec} / {@code UnsupportedApiVersion}), nothing issued;</li>
 *   <li>the Secret name must be this Certificate's alone in the namespace ({@code DuplicateSecretName});</li>
 *   <li>every name must be inside the domains the profile allows the cluster ({@code Denied});</li>
 *   <li>resolve the issuer ({@link IssuerResolver}): {@code IssuerNotFound}, {@code IssuerNotSupported},
 *   {@code IssuerNotReady};</li>
 *   <li>decide from the Secret whether to issue ({@link ReissuePolicy});</li>
 *   <li>if so (and not inside the failure backoff kept in {@code status.lastFailureTime} /
 *   {@code status.failedIssuanceAttempts}): key (a new one, or the Secret's for {@code rotationPolicy: Never}), CSR,
 *   signature (CA, SelfSigned) or ACME order, Secret written (create, or update with the resourceVersion read),
 *   a CertificateRequest kept as the record of the revision (pruned to {@code revisionHistoryLimit});</li>
 *   <li>status through the status subresource, only when it changed: conditions Ready and Issuing with cert-manager's
 *   reasons, notBefore, notAfter, renewalTime, revision.</li>
 * </ol>
 * Every decision is recomputed from the cluster's state, so a restart neither loses a renewal nor issues twice. A
 * permanent problem is reported once and waits for an input to change; an issuance failure is retried with
 * exponential delay (never a loop).
 */
public final class CertificateSync {

    private static final Logger LOG = Logger.getLogger(CertificateSync.class);

    /** Label of every object Capstan creates in a workload cluster. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** Label value of {@link #MANAGED_BY}. */
    public static final String CAPSTAN = "capstan";
    /** cert-manager's annotation on a CertificateRequest: the Certificate it belongs to. */
    public static final String CERTIFICATE_NAME = "cert-manager.io/certificate-name";
    /** cert-manager's annotation on a CertificateRequest: the revision it issued. */
    public static final String REVISION = "cert-manager.io/certificate-revision";

    /**
     * What one Certificate's sync found and did.
     *
     * @param view    for status entries and metrics
     * @param issued  true when a new certificate was written
     * @param wakeAt  when to look again (renewal time, retry time), or null
     * @param written null when the pass wrote nothing for this Certificate (its outcome can be reused while nothing
     *                changes), else true
     */
    public record Outcome(CertificateView view, boolean issued, Instant wakeAt, Boolean written) {
        /** An outcome; {@code written} unknown. */
        public Outcome(CertificateView view, boolean issued, Instant wakeAt) {
            this(view, issued, wakeAt, Boolean.TRUE);
        }
    }

    private final Clock clock;
    private final IssuerResolver resolver;
    private final AcmeOrders acme;
    private final AccountKeys accountKeys;
    private final SecretReader management;
    private final Duration retryBase;
    private final Duration retryMax;
    private final String managementNamespace;
    /**
     * Up-to-date outcomes by {@code cluster/ns/name}, reused while the Certificate's and its Secret's resourceVersions
     * and the cluster generation are unchanged and the renewal time is ahead: a pass over many Certificates then
     * parses and compares only what changed. Memory only: a restart recomputes everything from the cluster.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Cached> upToDate = new java.util.concurrent.ConcurrentHashMap<>();

    private record Cached(String certificateVersion, String secretVersion, long generation, Outcome outcome) {
    }

    /**
     * @param clock       issuance and renewal clock
     * @param resolver    resolves issuerRefs
     * @param acme        runs ACME orders
     * @param accountKeys ACME account keys (management Secrets)
     * @param management  reads management Secrets (ACME trust)
     * @param retryBase   first delay after a failed issuance
     * @param retryMax    ceiling of that delay
     * @param managementNamespace where the ACME trust Secrets are
     */
    public CertificateSync(Clock clock, IssuerResolver resolver, AcmeOrders acme, AccountKeys accountKeys,
                           SecretReader management, Duration retryBase, Duration retryMax, String managementNamespace) {
        this.managementNamespace = managementNamespace;
        this.clock = Objects.requireNonNull(clock);
        this.resolver = Objects.requireNonNull(resolver);
        this.acme = acme;
        this.accountKeys = accountKeys;
        this.management = management;
        this.retryBase = retryBase;
        this.retryMax = retryMax;
    }

    /** The view of a certmanager.k8s.io/v1alpha1 Certificate: refused, with what to do. */
    public static CertificateView legacy(JsonNode cert) {
        String apiVersion = cert.path("apiVersion").asText();
        JsonNode md = cert.path("metadata");
        return new CertificateView(apiVersion, md.path("namespace").asText(null), md.path("name").asText(),
                md.path("generation").asLong(0), Condition.of(Conditions.READY, ConditionStatus.False,
                InvalidCertificateException.UNSUPPORTED_API_VERSION, CertificateParser.unsupportedApiVersion(apiVersion)),
                null, cert.path("spec").path("secretName").asText(null), List.of(), List.of(), null, null, null, null,
                null, null, 0, null);
    }

    /** The view of a Certificate whose sync failed unexpectedly: Ready=False with that reason. */
    public static CertificateView failedView(JsonNode cert, String reason, String message) {
        return view(cert, null, null, Condition.of(Conditions.READY, ConditionStatus.False, reason, message), null, null,
                null, cert.path("status").path("revision").asInt(0));
    }

    /** Forgets the reusable outcomes of a cluster. */
    public void forget(String cluster) {
        upToDate.keySet().removeIf(k -> k.startsWith(cluster + "/"));
    }

    /** True for a CertificateRequest Capstan created. */
    public static boolean createdByCapstan(JsonNode object) {
        return CAPSTAN.equals(object.path("metadata").path("labels").path(MANAGED_BY).asText());
    }

    /**
     * Synchronises one Certificate.
     *
     * @param snap the pass's snapshot of the cluster
     * @param cert the cert-manager.io/v1 Certificate as served
     * @return what was found and done
     * @throws ApplyConflictException  when a write met a 409 (the pass is retried)
     * @throws ClusterReadException    when the cluster does not answer
     */
    public Outcome sync(ClusterSnapshot snap, JsonNode cert) {
        JsonNode md = cert.path("metadata");
        String ns = md.path("namespace").asText();
        String name = md.path("name").asText();
        long generation = md.path("generation").asLong(0);
        JsonNode status = cert.path("status");
        int revision = status.path("revision").asInt(0);
        String cacheKey = snap.cluster() + "/" + ns + "/" + name;
        String certificateVersion = md.path("resourceVersion").asText("");
        String secretVersion = snap.secret(ns, cert.path("spec").path("secretName").asText(""))
                .map(WorkloadCertificates.SecretState::resourceVersion).orElse("");
        Cached cached = upToDate.get(cacheKey);
        if (cached != null && cached.certificateVersion.equals(certificateVersion) && cached.secretVersion.equals(secretVersion)
                && cached.generation == snap.generation() && clock.instant().isBefore(cached.outcome.wakeAt())) {
            return cached.outcome;
        }
        upToDate.remove(cacheKey);
        ParsedCertificate parsed;
        try {
            parsed = CertificateParser.parse(cert);
        } catch (InvalidCertificateException e) {
            return refuse(snap, cert, null, null, e.reason(), e.getMessage());
        }
        CertificateSpec spec = parsed.spec();
        String owner = snap.secretOwners().get(ns + "/" + spec.secretName());
        if (owner != null && !owner.equals(name)) {
            return refuse(snap, cert, spec, null, "DuplicateSecretName", "spec.secretName " + spec.secretName()
                    + " is already the Secret of Certificate " + ns + "/" + owner + "; two Certificates never share a Secret");
        }
        PolicyDecision policy = DomainPolicy.check(snap.cluster(), snap.profile().allowedDomainsOf(snap.cluster()), spec);
        if (policy instanceof PolicyDecision.Denied denied) {
            return refuse(snap, cert, spec, null, PolicyDecision.Denied.REASON, denied.message());
        }
        ResolvedIssuer issuer = resolver.resolve(snap.cluster(), ns, spec.issuerRef(), snap.profile(), snap.issuers(),
                snap.clusterIssuers(), snap.secrets());
        if (issuer instanceof ResolvedIssuer.Unavailable u) {
            return refuse(snap, cert, spec, issuer, u.reason(), u.message());
        }
        Optional<WorkloadCertificates.SecretState> secret = snap.secret(ns, spec.secretName());
        ObservedSecret observed = secret.map(CertificateSync::observed).orElse(null);
        X509Certificate current = currentCertificate(observed);
        Instant now = clock.instant();
        Instant issuerNotAfter = issuer instanceof ResolvedIssuer.Ca ca ? ca.authority().certificate().getNotAfter().toInstant() : null;
        ReissueDecision d = ReissuePolicy.decide(name, spec, observed, now, issuerNotAfter);
        if (d instanceof ReissueDecision.Blocked b) {
            return refuse(snap, cert, spec, issuer, b.reason(), b.message());
        }
        if (d instanceof ReissueDecision.UpToDate u) {
            Outcome o = upToDate(snap, cert, spec, issuer, secret.get(), observed, current, u, revision);
            if (o.written() == null) {
                upToDate.put(cacheKey, new Cached(certificateVersion, secretVersion, snap.generation(), o));
            }
            return o;
        }
        ReissueDecision.Issue issue = (ReissueDecision.Issue) d;
        // inside the backoff of a failed issuance of this generation: wait, report the failure as it stands
        Instant retryAt = retryAt(status, generation);
        if (retryAt != null && now.isBefore(retryAt)) {
            CertificateView v = view(cert, spec, issuer, Condition.of(Conditions.READY, ConditionStatus.False, d.reason(),
                    d.message()), issuingFailed(status), current, null, revision);
            return new Outcome(v, false, retryAt);
        }
        try {
            IssuedSecret out = issue(snap, cert, spec, issuer, secret.orElse(null), issue.reuseKey(), now);
            int next = revision + 1;
            snap.workload().writeSecret(out.secret);
            recordRequest(snap, cert, spec, out, next);
            Instant renewal = RenewalTime.of(out.issued.notBefore(), out.issued.notAfter(), spec.renewBefore(),
                    spec.renewBeforePercentage());
            CertificateView v = view(cert, spec, issuer, readyCondition(), null, out.issued.certificate(), renewal, next);
            writeStatus(snap, cert, v, status, true);
            LOG.infof("cluster %s: Certificate %s/%s issued (revision %d, %s, %s, not after %s, renewal %s)", snap.cluster(),
                    ns, name, next, issuer.type(), d.reason(), out.issued.notAfter(), renewal);
            return new Outcome(v, true, renewal);
        } catch (PkiException e) {
            return failed(snap, cert, spec, issuer, d, current, e.reason(), e.getMessage(), revision);
        } catch (AcmeException e) {
            if (e.permanent()) {
                return refuse(snap, cert, spec, issuer, e.reason(), e.getMessage());
            }
            return failed(snap, cert, spec, issuer, d, current, e.reason(), e.getMessage(), revision);
        }
    }

    private static ObservedSecret observed(WorkloadCertificates.SecretState s) {
        return new ObservedSecret(s.name(), s.type(), s.labels(), s.annotations(), text(s.data().get(SecretLayout.TLS_CRT)),
                text(s.data().get(SecretLayout.TLS_KEY)), text(s.data().get(SecretLayout.CA_CRT)));
    }

    private static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private static X509Certificate currentCertificate(ObservedSecret s) {
        if (s == null || s.tlsCrt() == null) {
            return null;
        }
        try {
            List<X509Certificate> l = Pem.parseCertificates(s.tlsCrt());
            return l.isEmpty() ? null : l.get(0);
        } catch (PkiException e) {
            return null;
        }
    }

    private record IssuedSecret(IssuedCertificate issued, WorkloadCertificates.SecretState secret, String csrPem) {
    }

    private IssuedSecret issue(ClusterSnapshot snap, JsonNode cert, CertificateSpec spec, ResolvedIssuer issuer,
                               WorkloadCertificates.SecretState existing, KeyPair reuseKey, Instant now) {
        KeyPair keys = reuseKey != null ? reuseKey : PrivateKeys.generate(spec.privateKey().key());
        PKCS10CertificationRequest csr = Csrs.build(spec.csrSpec(), keys);
        IssuedCertificate issued;
        if (issuer instanceof ResolvedIssuer.Ca ca) {
            issued = Signer.sign(csr, ca.authority(), spec.duration(), now);
        } else if (issuer instanceof ResolvedIssuer.SelfSigned) {
            issued = Signer.selfSign(csr, keys.getPrivate(), spec.duration(), now);
        } else {
            ResolvedIssuer.Acme a = (ResolvedIssuer.Acme) issuer;
            String trust = null;
            if (a.issuer().trustSecretName() != null) {
                trust = management.read(managementNamespace, a.issuer().trustSecretName())
                        .map(c -> c.data().get("ca.crt")).map(b -> new String(b, StandardCharsets.US_ASCII))
                        .orElseThrow(() -> new AcmeException("IssuerNotReady", "the trust Secret "
                                + a.issuer().trustSecretName() + " of ACME issuer " + a.issuer().name()
                                + " does not exist or has no ca.crt", true, null));
            }
            KeyPair account = accountKeys.get(a.issuer().accountKeySecretName());
            String id = cert.path("metadata").path("namespace").asText() + "." + cert.path("metadata").path("name").asText();
            List<X509Certificate> chain;
            try {
                chain = acme.order(a.issuer(), trust, account, snap.cluster(), id, spec.dnsNames(), csr.getEncoded());
            } catch (java.io.IOException e) {
                throw new PkiException("InvalidCSR", "cannot encode the CSR", e);
            }
            issued = fromAcme(chain);
        }
        DesiredSecret desired = SecretLayout.render(cert.path("metadata").path("name").asText(), spec, issued,
                keys.getPrivate(), Map.of());
        return new IssuedSecret(issued, toState(cert, desired, existing), Csrs.toPem(csr));
    }

    /**
     * An ACME chain (leaf first, the server's intermediates after) as a Secret's content: {@code tls.crt} without a
     * self-signed root; {@code ca.crt} the root only when the server sent it (RFC 8555 §7.4.2 chains usually stop
     * below it, and cert-manager leaves ca.crt out then).
     */
    private static IssuedCertificate fromAcme(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new PkiException("InvalidCertificate", "the ACME server returned no certificate");
        }
        X509Certificate leaf = chain.get(0);
        List<X509Certificate> tls = new ArrayList<>();
        X509Certificate root = null;
        for (X509Certificate c : chain) {
            if (CertificateChain.isSelfSigned(c)) {
                root = c;
            } else {
                tls.add(c);
            }
        }
        return new IssuedCertificate(leaf, tls, root, false);
    }

    private Outcome upToDate(ClusterSnapshot snap, JsonNode cert, CertificateSpec spec, ResolvedIssuer issuer,
                             WorkloadCertificates.SecretState secret, ObservedSecret observed, X509Certificate current,
                             ReissueDecision.UpToDate u, int revision) {
        // secretTemplate or cert-manager annotations changed without a re-issue: update the metadata only
        Map<String, String> annotations = SecretLayout.annotations(cert.path("metadata").path("name").asText(), spec, current);
        boolean wrote = false;
        if (!SecretLayout.metadataUpToDate(observed, annotations, spec.secretTemplate().labels())) {
            wrote = true;
            snap.workload().writeSecret(new WorkloadCertificates.SecretState(secret.namespace(), secret.name(),
                    secret.resourceVersion(), secret.type(), SecretLayout.merge(secret.labels(), spec.secretTemplate().labels()),
                    SecretLayout.merge(secret.annotations(), annotations), secret.data()));
        }
        CertificateView v = view(cert, spec, issuer, readyCondition(), null, current, u.renewalTime(), Math.max(revision, 1));
        wrote |= writeStatus(snap, cert, v, cert.path("status"), false);
        return new Outcome(v, false, u.renewalTime(), wrote ? Boolean.TRUE : null);
    }

    /** The Secret to write: the rendered one merged over what exists (other labels, annotations and keys kept). */
    private static WorkloadCertificates.SecretState toState(JsonNode cert, DesiredSecret desired,
                                                            WorkloadCertificates.SecretState existing) {
        Map<String, byte[]> data = new LinkedHashMap<>(existing == null ? Map.of() : existing.data());
        desired.data().forEach((k, v) -> data.put(k, java.util.Base64.getDecoder().decode(v)));
        if (!desired.data().containsKey(SecretLayout.CA_CRT)) {
            data.remove(SecretLayout.CA_CRT);
        }
        return new WorkloadCertificates.SecretState(cert.path("metadata").path("namespace").asText(), desired.name(),
                existing == null ? null : existing.resourceVersion(), desired.type(),
                SecretLayout.merge(existing == null ? Map.of() : existing.labels(), desired.labels()),
                SecretLayout.merge(existing == null ? Map.of() : existing.annotations(), desired.annotations()), data);
    }

    private Outcome refuse(ClusterSnapshot snap, JsonNode cert, CertificateSpec spec, ResolvedIssuer issuer,
                           String reason, String message) {
        JsonNode status = cert.path("status");
        X509Certificate current = null;
        if (spec != null) {
            current = snap.secret(cert.path("metadata").path("namespace").asText(), spec.secretName())
                    .map(s -> s.data().get("tls.crt")).map(b -> {
                        try {
                            List<X509Certificate> l = Pem.parseCertificates(new String(b, StandardCharsets.US_ASCII));
                            return l.isEmpty() ? null : l.get(0);
                        } catch (PkiException e) {
                            return null;
                        }
                    }).orElse(null);
        }
        CertificateView v = view(cert, spec, issuer, Condition.of(Conditions.READY, ConditionStatus.False, reason, message),
                null, current, null, status.path("revision").asInt(0));
        writeStatus(snap, cert, v, status, false);
        return new Outcome(v, false, null);
    }

    private Outcome failed(ClusterSnapshot snap, JsonNode cert, CertificateSpec spec, ResolvedIssuer issuer,
                           ReissueDecision d, X509Certificate current, String reason, String message, int revision) {
        JsonNode status = cert.path("status");
        long generation = cert.path("metadata").path("generation").asLong(0);
        int attempts = status.path("failedIssuanceAttempts").asInt(0);
        if (status.path("conditions").isArray() && generation != observedGeneration(status)) {
            attempts = 0;
        }
        attempts++;
        Instant now = clock.instant();
        Duration delay = retryDelay(attempts);
        Condition issuing = Condition.of("Issuing", ConditionStatus.False, "Failed",
                "The certificate request has failed to complete and will be retried: " + reason + ": " + message);
        CertificateView v = view(cert, spec, issuer, Condition.of(Conditions.READY, ConditionStatus.False, d.reason(),
                d.message() + " (issuance failed: " + reason + ")"), issuing, current, null, revision);
        ObjectNode st = statusNode(v, status);
        st.put("lastFailureTime", CertificateReport.time(now));
        st.put("failedIssuanceAttempts", attempts);
        putStatus(snap, cert, st);
        LOG.warnf("cluster %s: Certificate %s/%s: issuance failed (%s: %s); attempt %d, next in %s", snap.cluster(),
                v.namespace(), v.name(), reason, message, attempts, delay);
        return new Outcome(v, false, now.plus(delay));
    }

    private Duration retryDelay(int attempts) {
        Duration d = retryBase;
        for (int i = 1; i < attempts && d.compareTo(retryMax) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(retryMax) > 0 ? retryMax : d;
    }

    private Instant retryAt(JsonNode status, long generation) {
        if (!status.hasNonNull("lastFailureTime") || observedGeneration(status) != generation) {
            return null;
        }
        int attempts = Math.max(1, status.path("failedIssuanceAttempts").asInt(1));
        try {
            return Instant.parse(status.get("lastFailureTime").asText()).plus(retryDelay(attempts));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static long observedGeneration(JsonNode status) {
        for (JsonNode c : status.path("conditions")) {
            if (Conditions.READY.equals(c.path("type").asText())) {
                return c.path("observedGeneration").asLong(-1);
            }
        }
        return -1;
    }

    private static Condition issuingFailed(JsonNode status) {
        for (JsonNode c : status.path("conditions")) {
            if ("Issuing".equals(c.path("type").asText())) {
                return Condition.of("Issuing", ConditionStatus.valueOf(c.path("status").asText("False")),
                        c.path("reason").asText("Failed"), c.path("message").asText(""));
            }
        }
        return null;
    }

    private static Condition readyCondition() {
        return Condition.of(Conditions.READY, ConditionStatus.True, "Ready", "Certificate is up to date and has not expired");
    }

    private static CertificateView view(JsonNode cert, CertificateSpec spec, ResolvedIssuer issuer, Condition ready,
                                        Condition issuing, X509Certificate current, Instant renewal, int revision) {
        JsonNode md = cert.path("metadata");
        IssuerRef ref = spec != null ? spec.issuerRef() : rawIssuerRef(cert.path("spec").path("issuerRef"));
        return new CertificateView(CertificateReport.API_VERSION, md.path("namespace").asText(), md.path("name").asText(),
                md.path("generation").asLong(0), ready, issuing,
                spec != null ? spec.secretName() : cert.path("spec").path("secretName").asText(null),
                spec != null ? spec.dnsNames() : List.of(), spec != null ? spec.ipAddresses() : List.of(),
                spec != null ? spec.commonName() : null, ref, issuer == null ? null : issuer.type(),
                current == null ? null : current.getNotBefore().toInstant(),
                current == null ? null : current.getNotAfter().toInstant(), renewal, revision,
                current == null ? null : current.getSerialNumber().toString(16));
    }

    private static IssuerRef rawIssuerRef(JsonNode n) {
        if (n == null || n.isMissingNode() || !n.hasNonNull("name")) {
            return null;
        }
        String kind = n.path("kind").asText("");
        String group = n.path("group").asText("");
        return new IssuerRef(n.get("name").asText(), kind.isEmpty() ? "Issuer" : kind,
                group.isEmpty() ? IssuerRef.CERT_MANAGER_GROUP : group);
    }

    /** cert-manager's Certificate status for a view, conditions stamped against the current ones. */
    private ObjectNode statusNode(CertificateView v, JsonNode current) {
        ObjectNode st = Json.MAPPER.createObjectNode();
        List<Condition> conds = readConditions(current);
        conds = Conditions.set(conds, v.ready(), v.generation(), clock);
        if (v.issuing() != null) {
            conds = Conditions.set(conds, v.issuing(), v.generation(), clock);
        } else {
            conds = conds.stream().filter(c -> !"Issuing".equals(c.type())).toList();
        }
        ArrayNode arr = st.putArray("conditions");
        for (Condition c : conds) {
            ObjectNode o = arr.addObject();
            o.put("type", c.type());
            o.put("status", c.status().name());
            o.put("reason", c.reason());
            o.put("message", c.message());
            o.put("lastTransitionTime", CertificateReport.time(c.lastTransitionTime()));
            o.put("observedGeneration", c.observedGeneration());
        }
        if (v.notBefore() != null) {
            st.put("notBefore", CertificateReport.time(v.notBefore()));
            st.put("notAfter", CertificateReport.time(v.notAfter()));
        }
        if (v.renewalTime() != null) {
            st.put("renewalTime", CertificateReport.time(v.renewalTime()));
        }
        if (v.revision() > 0) {
            st.put("revision", v.revision());
        }
        return st;
    }

    private static List<Condition> readConditions(JsonNode status) {
        List<Condition> out = new ArrayList<>();
        for (JsonNode c : status.path("conditions")) {
            try {
                out.add(new Condition(c.path("type").asText(), ConditionStatus.valueOf(c.path("status").asText()),
                        c.path("reason").asText("Unknown"), c.path("message").asText(""),
                        c.hasNonNull("lastTransitionTime") ? Instant.parse(c.get("lastTransitionTime").asText()) : null,
                        c.path("observedGeneration").asLong(0)));
            } catch (RuntimeException ignored) {
                // a condition another writer left malformed is replaced
            }
        }
        return out;
    }

    /**
     * Writes the status when it differs from what the object holds (no churn): conditions compared without their
     * times, and the other fields as JSON. A fresh issuance always resets the failure counters.
     */
    private boolean writeStatus(ClusterSnapshot snap, JsonNode cert, CertificateView v, JsonNode current, boolean issued) {
        ObjectNode st = statusNode(v, current);
        if (!issued) {
            if (current.hasNonNull("lastFailureTime")) {
                st.set("lastFailureTime", current.get("lastFailureTime"));
            }
            if (current.hasNonNull("failedIssuanceAttempts")) {
                st.set("failedIssuanceAttempts", current.get("failedIssuanceAttempts"));
            }
            if (v.ready().status() == ConditionStatus.True) {
                st.remove("lastFailureTime");
                st.remove("failedIssuanceAttempts");
            }
        }
        if (sameStatus(current, st)) {
            return false;
        }
        putStatus(snap, cert, st);
        return true;
    }

    private static boolean sameStatus(JsonNode current, ObjectNode next) {
        if (current == null || current.isMissingNode() || current.isNull()) {
            return false;
        }
        ObjectNode a = current.deepCopy();
        ObjectNode b = next.deepCopy();
        stripTimes(a);
        stripTimes(b);
        return a.equals(b);
    }

    private static void stripTimes(ObjectNode st) {
        for (JsonNode c : st.path("conditions")) {
            ((ObjectNode) c).remove("lastTransitionTime");
        }
    }

    private static void putStatus(ClusterSnapshot snap, JsonNode cert, ObjectNode st) {
        ObjectNode copy = cert.deepCopy();
        copy.set("status", st);
        snap.workload().updateCertificateStatus(copy);
    }

    /**
     * Creates the CertificateRequest that records a revision (spec.request = the CSR, status.certificate, condition
     * Ready=True reason Issued, cert-manager's annotations), then deletes the oldest ones of this Certificate beyond
     * {@code revisionHistoryLimit} (cert-manager's revisionmanager; no limit keeps all).
     */
    private void recordRequest(ClusterSnapshot snap, JsonNode cert, CertificateSpec spec, IssuedSecret out, int revision) {
        String ns = cert.path("metadata").path("namespace").asText();
        String name = cert.path("metadata").path("name").asText();
        ObjectNode cr = Json.MAPPER.createObjectNode();
        cr.put("apiVersion", "cert-manager.io/v1");
        cr.put("kind", "CertificateRequest");
        ObjectNode md = cr.putObject("metadata");
        md.put("namespace", ns);
        md.put("name", requestName(name, revision));
        md.putObject("labels").put(MANAGED_BY, CAPSTAN);
        ObjectNode ann = md.putObject("annotations");
        ann.put(CERTIFICATE_NAME, name);
        ann.put(REVISION, Integer.toString(revision));
        ObjectNode crSpec = cr.putObject("spec");
        crSpec.put("request", java.util.Base64.getEncoder().encodeToString(out.csrPem.getBytes(StandardCharsets.US_ASCII)));
        ObjectNode ref = crSpec.putObject("issuerRef");
        ref.put("name", spec.issuerRef().name());
        ref.put("kind", spec.issuerRef().kind());
        ref.put("group", spec.issuerRef().group());
        crSpec.put("duration", spec.duration().toHours() + "h" + (spec.duration().toMinutesPart() > 0 ? spec.duration().toMinutesPart() + "m" : ""));
        crSpec.put("isCA", spec.isCA());
        ObjectNode crStatus = cr.putObject("status");
        crStatus.put("certificate", java.util.Base64.getEncoder().encodeToString(
                out.issued.tlsCrtPem().getBytes(StandardCharsets.US_ASCII)));
        if (out.issued.ca() != null) {
            crStatus.put("ca", java.util.Base64.getEncoder().encodeToString(out.issued.caCrtPem().getBytes(StandardCharsets.US_ASCII)));
        }
        ObjectNode cond = crStatus.putArray("conditions").addObject();
        cond.put("type", "Ready");
        cond.put("status", "True");
        cond.put("reason", "Issued");
        cond.put("message", "Certificate fetched from issuer successfully");
        cond.put("lastTransitionTime", CertificateReport.time(clock.instant()));
        try {
            snap.workload().create(WorkloadCertificates.Kind.CERTIFICATE_REQUEST, cr);
        } catch (ApplyConflictException e) {
            // a record of this revision exists already (a pass that failed after writing it): keep it
        }
        Integer limit = spec.revisionHistoryLimit();
        if (limit == null) {
            return;
        }
        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode r : snap.requests()) {
            JsonNode rmd = r.path("metadata");
            if (ns.equals(rmd.path("namespace").asText()) && name.equals(rmd.path("annotations").path(CERTIFICATE_NAME).asText())
                    && createdByCapstan(r)) {
                mine.add(r);
            }
        }
        mine.add(cr);
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        mine.forEach(r -> byName.put(r.path("metadata").path("name").asText(), r));
        List<JsonNode> sorted = new ArrayList<>(byName.values());
        sorted.sort(Comparator.comparingInt(r -> r.path("metadata").path("annotations").path(REVISION).asInt(0)));
        for (int i = 0; i < sorted.size() - limit; i++) {
            snap.workload().delete(WorkloadCertificates.Kind.CERTIFICATE_REQUEST, ns,
                    sorted.get(i).path("metadata").path("name").asText());
        }
    }

    /** {@code <certificate>-<revision>}, cut to stay a valid name. */
    static String requestName(String certificate, int revision) {
        String suffix = "-" + revision;
        String base = certificate.length() + suffix.length() > 253 ? certificate.substring(0, 253 - suffix.length()) : certificate;
        return base + suffix;
    }
}
