package io.capstan.certificates.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.kit.status.StatusEntry;
import io.capstan.model.event.Json;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.Conditions;
import io.capstan.model.status.StatusEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The status entries of the certificates component (COMMON.md "Status shapes"; schema {@code CertificatesDetails} and
 * {@code CertificateDetails} in docs/asyncapi.yaml):
 * <ul>
 *   <li>per Certificate: subject {@code {cert-manager.io/v1, Certificate, ns, name}}, conditions {@code Ready} and
 *   (while issuing or when issuance failed) {@code Issuing}, details {@code {secretName, dnsNames[], ipAddresses[],
 *   commonName, issuer: {name, kind, group, type}, notBefore, notAfter, renewalTime, revision, serialNumber}}
 *   (timestamps RFC 3339 UTC, null when unknown);</li>
 *   <li>the component (subject null): {@code Ready} (reason {@code Reconciled}, {@code InvalidProfile}, or a pass
 *   failure), details {@code {certificates, ready, notReady, denied, issuers[], shimWarnings[], shimErrors[]}}; on deregistration
 *   {@code Finalized=True} reason {@code CleanedUp}, details {@code {removed[], kept}}.</li>
 * </ul>
 * Pure: values in, entries out.
 */
public final class CertificateReport {

    /** The component name (status key segment). */
    public static final String COMPONENT = "certificates";
    /** Subject apiVersion of a Certificate entry. */
    public static final String API_VERSION = "cert-manager.io/v1";

    private CertificateReport() {
    }

    /** The status subject of a Certificate. */
    public static StatusEvent.Subject subject(String apiVersion, String namespace, String name) {
        return new StatusEvent.Subject(apiVersion, "Certificate", namespace, name);
    }

    /** The entry of one Certificate. */
    public static StatusEntry entry(CertificateView v) {
        List<Condition> conds = new ArrayList<>();
        conds.add(v.ready());
        if (v.issuing() != null) {
            conds.add(v.issuing());
        }
        ObjectNode d = Json.MAPPER.createObjectNode();
        d.put("secretName", v.secretName());
        ArrayNode dns = d.putArray("dnsNames");
        v.dnsNames().forEach(dns::add);
        ArrayNode ips = d.putArray("ipAddresses");
        v.ipAddresses().forEach(ips::add);
        d.put("commonName", v.commonName());
        if (v.issuer() != null) {
            ObjectNode i = d.putObject("issuer");
            i.put("name", v.issuer().name());
            i.put("kind", v.issuer().kind());
            i.put("group", v.issuer().group());
            i.put("type", v.issuerType());
        } else {
            d.putNull("issuer");
        }
        d.put("notBefore", time(v.notBefore()));
        d.put("notAfter", time(v.notAfter()));
        d.put("renewalTime", time(v.renewalTime()));
        d.put("revision", v.revision());
        d.put("serialNumber", v.serialNumber());
        return new StatusEntry(subject(v.apiVersion(), v.namespace(), v.name()), conds, d, v.generation());
    }

    /**
     * The component entry of a pass that reconciled every Certificate.
     *
     * @param generation   the cluster generation
     * @param views        every Certificate of the pass
     * @param fleetIssuers the profile's fleet issuer names
     * @param shimWarnings the ingress/gateway shim's warnings (a duplicate secretName claim names the duplicate)
     * @param shimErrors   the shim's refused entries (a bad annotation names it)
     */
    public static StatusEntry component(long generation, List<CertificateView> views, List<String> fleetIssuers,
                                        List<String> shimWarnings, List<String> shimErrors) {
        int ready = 0;
        int denied = 0;
        for (CertificateView v : views) {
            if (v.ready().status() == ConditionStatus.True) {
                ready++;
            } else if ("Denied".equals(v.ready().reason())) {
                denied++;
            }
        }
        ObjectNode d = Json.MAPPER.createObjectNode();
        d.put("certificates", views.size());
        d.put("ready", ready);
        d.put("notReady", views.size() - ready);
        d.put("denied", denied);
        ArrayNode is = d.putArray("issuers");
        fleetIssuers.forEach(is::add);
        ArrayNode sw = d.putArray("shimWarnings");
        shimWarnings.forEach(sw::add);
        ArrayNode se = d.putArray("shimErrors");
        shimErrors.forEach(se::add);
        return new StatusEntry(null, List.of(Condition.of(Conditions.READY, ConditionStatus.True, "Reconciled",
                views.size() + " certificate(s), " + ready + " ready")), d, generation);
    }

    /** The component entry of a failed pass (keeps the last details). */
    public static StatusEntry failure(long generation, String reason, String message) {
        return new StatusEntry(null, List.of(Condition.of(Conditions.READY, ConditionStatus.False, reason, message)),
                null, generation);
    }

    /** The component entry once a deregistered cluster is cleaned up. */
    public static StatusEntry finalized(long generation, List<String> removed, int keptSecrets) {
        ObjectNode d = Json.MAPPER.createObjectNode();
        ArrayNode r = d.putArray("removed");
        removed.forEach(r::add);
        d.put("keptSecrets", keptSecrets);
        return new StatusEntry(null, List.of(
                Condition.of(Conditions.READY, ConditionStatus.False, "Deregistered", "the cluster is being deleted"),
                Condition.of(Conditions.FINALIZED, ConditionStatus.True, "CleanedUp", "removed " + removed.size()
                        + " object(s) Capstan created; " + keptSecrets + " certificate Secret(s) kept for the workloads")),
                d, generation);
    }

    /** RFC 3339 UTC, whole seconds; null stays null. */
    public static String time(Instant t) {
        return t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
