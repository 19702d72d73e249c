package io.capstan.certificates.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.certificates.shim.DesiredCertificate;
import io.capstan.certificates.shim.ShimIssue;
import io.capstan.certificates.shim.ShimPlan;
import io.capstan.certificates.shim.ShimPlanner;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies the ingress-shim and gateway-shim plan ({@link ShimPlanner}) to a workload cluster: each Certificate the
 * plan wants is created, or updated (spec, labels, annotations, ownerReferences; with the resourceVersion read) when
 * the shim made it and it differs; a shim Certificate no longer wanted is deleted (its Secret stays, as with
 * cert-manager). Certificates the shim did not make are never touched. Warnings (a duplicate secretName claim) and
 * errors (a bad annotation) are logged and returned for the component status.
 */
final class ShimSync {

    private static final Logger LOG = Logger.getLogger(ShimSync.class);

    /**
     * What the shim reported.
     *
     * @param warnings one line per warning, naming the object and the duplicate
     * @param errors   one line per refused entry, naming the object and the annotation or field
     * @param changed  true when a Certificate was created, updated or deleted
     */
    record Result(List<String> warnings, List<String> errors, boolean changed) {
    }

    /** True for a Certificate the shim created. */
    static boolean createdByShim(JsonNode cert) {
        return ShimPlanner.isShimCertificate(cert);
    }

    /** Ensures the shim Certificates of a cluster. */
    Result ensure(String cluster, WorkloadCertificates ws) {
        List<JsonNode> sources = new ArrayList<>(ws.list(WorkloadCertificates.Kind.INGRESS));
        sources.addAll(ws.list(WorkloadCertificates.Kind.GATEWAY));
        List<JsonNode> existing = ws.list(WorkloadCertificates.Kind.CERTIFICATE);
        if (sources.isEmpty() && existing.stream().noneMatch(ShimSync::createdByShim)) {
            return new Result(List.of(), List.of(), false);
        }
        ShimPlan plan = ShimPlanner.plan(sources, existing);
        Map<String, JsonNode> byKey = new HashMap<>();
        existing.forEach(c -> byKey.put(key(c), c));
        Set<String> wanted = new HashSet<>();
        boolean changed = false;
        for (DesiredCertificate d : plan.certificates()) {
            String k = d.namespace() + "/" + d.name();
            wanted.add(k);
            JsonNode current = byKey.get(k);
            if (current == null) {
                ws.create(WorkloadCertificates.Kind.CERTIFICATE, d.manifest());
                LOG.infof("cluster %s: shim Certificate %s created for %s", cluster, k, d.source());
                changed = true;
            } else if (createdByShim(current) && differs(current, d.manifest())) {
                ObjectNode next = current.deepCopy();
                next.set("spec", d.manifest().path("spec").deepCopy());
                ObjectNode md = (ObjectNode) next.path("metadata");
                ObjectNode labels = md.has("labels") ? (ObjectNode) md.get("labels") : md.putObject("labels");
                labels.setAll((ObjectNode) d.manifest().path("metadata").path("labels").deepCopy());
                ObjectNode ann = md.has("annotations") ? (ObjectNode) md.get("annotations") : md.putObject("annotations");
                ann.setAll((ObjectNode) d.manifest().path("metadata").path("annotations").deepCopy());
                if (d.manifest().path("metadata").has("ownerReferences")) {
                    md.set("ownerReferences", d.manifest().path("metadata").get("ownerReferences").deepCopy());
                }
                next.remove("status");
                ws.update(WorkloadCertificates.Kind.CERTIFICATE, next);
                LOG.infof("cluster %s: shim Certificate %s updated from %s", cluster, k, d.source());
                changed = true;
            }
        }
        for (JsonNode c : existing) {
            if (createdByShim(c) && !wanted.contains(key(c))) {
                ws.delete(WorkloadCertificates.Kind.CERTIFICATE, c.path("metadata").path("namespace").asText(),
                        c.path("metadata").path("name").asText());
                LOG.infof("cluster %s: shim Certificate %s deleted (no Ingress or Gateway asks for it; its Secret stays)",
                        cluster, key(c));
                changed = true;
            }
        }
        List<String> warnings = plan.warnings().stream().map(ShimIssue::toString).toList();
        List<String> errors = plan.errors().stream().map(ShimIssue::toString).toList();
        warnings.forEach(w -> LOG.warnf("cluster %s: shim: %s", cluster, w));
        errors.forEach(e -> LOG.warnf("cluster %s: shim refused: %s", cluster, e));
        return new Result(warnings, errors, changed);
    }

    private static boolean differs(JsonNode current, JsonNode manifest) {
        if (!current.path("spec").equals(manifest.path("spec"))) {
            return true;
        }
        JsonNode md = current.path("metadata");
        JsonNode want = manifest.path("metadata");
        return !contains(md.path("labels"), want.path("labels")) || !contains(md.path("annotations"), want.path("annotations"));
    }

    private static boolean contains(JsonNode have, JsonNode want) {
        for (var it = want.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().equals(have.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static String key(JsonNode c) {
        return c.path("metadata").path("namespace").asText() + "/" + c.path("metadata").path("name").asText();
    }
}
