package io.capstan.gateways.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.gateways.route.AttachmentChecker;
import io.capstan.gateways.route.Gateway;
import io.capstan.gateways.route.GatewayApiReader;
import io.capstan.gateways.route.GatewayStatus;
import io.capstan.gateways.route.HttpRoute;
import io.capstan.gateways.route.Inventory;
import io.capstan.gateways.route.Listener;
import io.capstan.gateways.route.ReferenceGrant;
import io.capstan.gateways.route.RouteStatus;
import io.capstan.model.event.Json;
import io.capstan.model.status.StatusEvent;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The edge pass of one cluster (adapter: fabric8 reads and writes around the pure {@link EdgePlanner},
 * {@link IngressTranslator}, {@link AttachmentChecker}, {@link RouteStatusMerge} and {@link EdgeReport}):
 * <ol>
 *   <li>observe GatewayClasses, Gateways, HTTPRoutes, ReferenceGrants (v1beta1), Namespaces, Services, Ingresses;</li>
 *   <li>translate opted-in Ingresses into HTTPRoutes (create / update / delete the owned ones);</li>
 *   <li>ensure the GatewayClass, platform Namespace, edge Gateway and its Service (create, or update with the
 *   resourceVersion read when Capstan owns it and its managed fields differ; an unowned one is never touched and
 *   is reported);</li>
 *   <li>check every HTTPRoute naming a Gateway whose GatewayClass has the profile's controllerName, read the
 *   referenced certificate Secrets (keys only), and write each route's {@code status.parents} entries under
 *   {@link RouteStatusMerge#CONTROLLER_NAME} through the status subresource with the resourceVersion read, only
 *   when they change (a 409 is left to the next pass: the change that caused it wakes the cluster again);</li>
 *   <li>return the status entries ({@link EdgeReport}).</li>
 * </ol>
 * Errors reading the cluster propagate as {@link KubernetesClientException} (the caller's retry decides).
 */
public final class EdgeReconciler {

    static final ResourceDefinitionContext GATEWAY_CLASSES = ctx("gateway.networking.k8s.io", "v1", "GatewayClass",
        "gatewayclasses", false);
    static final ResourceDefinitionContext GATEWAYS = ctx("gateway.networking.k8s.io", "v1", "Gateway", "gateways",
        true);
    static final ResourceDefinitionContext HTTP_ROUTES = ctx("gateway.networking.k8s.io", "v1", "HTTPRoute",
        "httproutes", true);
    static final ResourceDefinitionContext REFERENCE_GRANTS = ctx("gateway.networking.k8s.io", "v1beta1",
        "ReferenceGrant", "referencegrants", true);
    static final ResourceDefinitionContext SERVICES = ctx("", "v1", "Service", "services", true);
    static final ResourceDefinitionContext NAMESPACES = ctx("", "v1", "Namespace", "namespaces", false);
    static final ResourceDefinitionContext INGRESSES = ctx("networking.k8s.io", "v1", "Ingress", "ingresses", true);

    private static final Logger LOG = Logger.getLogger(EdgeReconciler.class);

    private final Clock clock;

    /** @param clock clock for route condition transition times */
    public EdgeReconciler(Clock clock) {
        this.clock = clock;
    }

    private static ResourceDefinitionContext ctx(String group, String version, String kind, String plural,
                                                 boolean namespaced) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
            .withPlural(plural).withNamespaced(namespaced).build();
    }

    /** What the pass read. */
    private record Observed(List<JsonNode> classes, List<JsonNode> gateways, List<JsonNode> routes,
                            List<JsonNode> grants, Map<String, Map<String, String>> namespaceLabels,
                            Map<String, Map<String, Integer>> servicePorts, List<JsonNode> ingresses) {
    }

    /**
     * One pass.
     *
     * @param c the cluster
     * @return the status entries of the edge: one per checked HTTPRoute, one for the edge Gateway (when enabled)
     * @throws KubernetesClientException when the cluster cannot be read or a write fails other than with a 409
     */
    public List<StatusEvent> reconcile(EdgeCluster c) {
        KubernetesClient client = c.client();
        EdgeProfile edge = c.edge();
        Observed seen;
        try {
            seen = observe(client);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
            // the Gateway API CRDs are not installed: nothing to check, and no edge can be made
            return edge.enabled() ? List.of(EdgeReport.gatewayApiMissing(c.cluster(), edge)) : List.of();
        }

        Map<String, String> translatedFrom = new HashMap<>();
        boolean routesChanged = translateIngresses(c, seen, translatedFrom);
        List<JsonNode> routeObjects = routesChanged ? list(client, HTTP_ROUTES) : seen.routes();
        List<HttpRoute> routes = new ArrayList<>();
        for (JsonNode r : routeObjects) {
            routes.add(GatewayApiReader.httpRoute(r, "default"));
            String from = r.path("metadata").path("annotations").path(Ownership.TRANSLATED_FROM).asText(null);
            if (from != null && Ownership.owned(r, c.cluster())) {
                translatedFrom.put(key(r), from);
            }
        }

        List<String> conflicts = new ArrayList<>();
        EdgePlanner.Plan plan = EdgePlanner.plan(c.cluster(), edge, c.lb(), routes);
        JsonNode edgeGateway = null;
        List<JsonNode> gateways = new ArrayList<>(seen.gateways());
        Set<String> ourClasses = new HashSet<>();
        for (JsonNode cls : seen.classes()) {
            if (edge.controllerName().equals(cls.path("spec").path("controllerName").asText())) {
                ourClasses.add(cls.path("metadata").path("name").asText());
            }
        }
        if (edge.enabled()) {
            JsonNode cls = ensure(client, GATEWAY_CLASSES, plan.gatewayClass(), seen.classes(), c.cluster(), conflicts,
                List.of("spec/description"), List.of());
            String clsController = cls == null ? null : cls.path("spec").path("controllerName").asText();
            if (edge.controllerName().equals(clsController)) {
                ourClasses.add(edge.className());
            } else if (cls != null && Ownership.owned(cls, c.cluster())) {
                conflicts.add("GatewayClass " + edge.className() + " has controllerName " + clsController
                    + " but the profile says " + edge.controllerName() + " (immutable: delete the class to change it)");
            }
            if (!seen.namespaceLabels().containsKey(edge.namespace())) {
                create(client, NAMESPACES, plan.namespace());
            }
            edgeGateway = ensure(client, GATEWAYS, plan.gateway(), seen.gateways(), c.cluster(), conflicts,
                List.of("spec"), List.of(EdgePlanner.CLUSTER_ISSUER));
            ensureService(client, plan.service(), c.cluster(), conflicts);
            if (edgeGateway != null) {
                String k = key(edgeGateway);
                gateways.removeIf(g -> key(g).equals(k));
                gateways.add(edgeGateway);
            }
        } else {
            removeEdge(client, edge, c.cluster());
        }

        List<Gateway> managed = new ArrayList<>();
        for (JsonNode g : gateways) {
            if (ourClasses.contains(g.path("spec").path("gatewayClassName").asText())) {
                managed.add(GatewayApiReader.gateway(g, "default"));
            }
        }
        List<ReferenceGrant> grants = seen.grants().stream().map(g -> GatewayApiReader.referenceGrant(g, "default"))
            .toList();
        Set<String> services = new HashSet<>();
        seen.servicePorts().keySet().forEach(services::add);
        services.add(edge.namespace() + "/" + edge.serviceName());
        Inventory inventory = new Inventory(managed, routes, grants, seen.namespaceLabels(), services,
            secrets(client, managed));
        AttachmentChecker.Report report = AttachmentChecker.check(inventory);

        writeRouteStatuses(client, routeObjects, report);

        List<StatusEvent> out = new ArrayList<>();
        for (RouteStatus rs : report.routes()) {
            out.add(EdgeReport.route(c.cluster(), rs,
                translatedFrom.get(rs.route().namespace() + "/" + rs.route().name())));
        }
        if (edge.enabled()) {
            GatewayStatus gs = report.gateways().stream()
                .filter(g -> g.gateway().namespace().equals(edge.namespace())
                    && g.gateway().name().equals(edge.gatewayName()))
                .findFirst().orElse(null);
            out.add(EdgeReport.gateway(c.cluster(), edge, plan, gs, edgeGateway, conflicts));
        }
        return out;
    }

    /**
     * Removes everything the edge created in the cluster (translated HTTPRoutes, edge Gateway, its Service, the
     * GatewayClass, the platform Namespace when Capstan created it) and Capstan's entries in HTTPRoutes'
     * status.parents. Only objects with this cluster's ownership marks are deleted.
     *
     * @param c the cluster
     * @return what was removed, e.g. {@code Gateway/capstan-gateways/edge}
     * @throws KubernetesClientException when the cluster cannot be reached
     */
    public List<String> cleanup(EdgeCluster c) {
        KubernetesClient client = c.client();
        List<String> removed = new ArrayList<>();
        for (JsonNode r : list(client, HTTP_ROUTES)) {
            if (Ownership.owned(r, c.cluster()) && r.path("metadata").path("annotations").has(Ownership.TRANSLATED_FROM)) {
                delete(client, HTTP_ROUTES, r);
                removed.add("HTTPRoute/" + key(r));
            }
        }
        for (JsonNode r : list(client, HTTP_ROUTES)) {
            boolean ours = false;
            for (JsonNode p : r.path("status").path("parents")) {
                ours |= RouteStatusMerge.CONTROLLER_NAME.equals(p.path("controllerName").asText());
            }
            if (ours) {
                updateStatus(client, r, RouteStatusMerge.merge(r.path("status"), List.of(), clock.instant()));
                removed.add("HTTPRoute/" + key(r) + "/status.parents[" + RouteStatusMerge.CONTROLLER_NAME + "]");
            }
        }
        removed.addAll(removeEdge(client, c.edge(), c.cluster()));
        JsonNode ns = get(client, NAMESPACES, null, c.edge().namespace());
        if (ns != null && Ownership.owned(ns, c.cluster())) {
            delete(client, NAMESPACES, ns);
            removed.add("Namespace/" + key(ns));
        }
        return removed;
    }

    private List<String> removeEdge(KubernetesClient client, EdgeProfile edge, String cluster) {
        List<String> removed = new ArrayList<>();
        for (var target : List.of(
            new Object[] {GATEWAYS, edge.namespace(), edge.gatewayName()},
            new Object[] {SERVICES, edge.namespace(), edge.serviceName()},
            new Object[] {GATEWAY_CLASSES, null, edge.className()})) {
            JsonNode o = get(client, (ResourceDefinitionContext) target[0], (String) target[1], (String) target[2]);
            if (o != null && Ownership.owned(o, cluster)) {
                delete(client, (ResourceDefinitionContext) target[0], o);
                removed.add(((ResourceDefinitionContext) target[0]).getKind() + "/" + key(o));
            }
        }
        return removed;
    }

    private Observed observe(KubernetesClient client) {
        List<JsonNode> classes = list(client, GATEWAY_CLASSES);
        List<JsonNode> gateways = list(client, GATEWAYS);
        List<JsonNode> routes = list(client, HTTP_ROUTES);
        List<JsonNode> grants;
        try {
            grants = list(client, REFERENCE_GRANTS);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
            grants = List.of();
        }
        Map<String, Map<String, String>> nsLabels = new HashMap<>();
        for (JsonNode ns : list(client, NAMESPACES)) {
            nsLabels.put(ns.path("metadata").path("name").asText(), GatewayApiReader.labels(ns));
        }
        Map<String, Map<String, Integer>> ports = new LinkedHashMap<>();
        for (JsonNode s : list(client, SERVICES)) {
            Map<String, Integer> byName = new HashMap<>();
            for (JsonNode p : s.path("spec").path("ports")) {
                if (p.hasNonNull("name")) {
                    byName.put(p.get("name").asText(), p.path("port").asInt());
                }
            }
            ports.put(key(s), byName);
        }
        List<JsonNode> ingresses;
        try {
            ingresses = list(client, INGRESSES);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
            ingresses = List.of();
        }
        return new Observed(classes, gateways, routes, grants, nsLabels, ports, ingresses);
    }

    /** @return whether an HTTPRoute was created, updated or deleted */
    private boolean translateIngresses(EdgeCluster c, Observed seen, Map<String, String> translatedFrom) {
        KubernetesClient client = c.client();
        Map<String, ObjectNode> desired = new LinkedHashMap<>();
        if (c.edge().enabled()) {
            for (JsonNode ing : seen.ingresses()) {
                if (!IngressTranslator.optedIn(ing)) {
                    continue;
                }
                String ns = ing.path("metadata").path("namespace").asText();
                Map<String, Map<String, Integer>> ports = new HashMap<>();
                seen.servicePorts().forEach((k, v) -> {
                    if (k.startsWith(ns + "/")) {
                        ports.put(k.substring(ns.length() + 1), v);
                    }
                });
                IngressTranslator.Translation t = IngressTranslator.translate(c.cluster(), c.edge(), ing, ports);
                if (!t.problems().isEmpty()) {
                    LOG.infof("cluster %s: Ingress %s/%s partly translated: %s", c.cluster(), ns,
                        ing.path("metadata").path("name").asText(), t.problems());
                }
                for (ObjectNode r : t.routes()) {
                    desired.put(key(r), r);
                }
            }
        }
        boolean changed = false;
        Map<String, JsonNode> existing = new HashMap<>();
        for (JsonNode r : seen.routes()) {
            existing.put(key(r), r);
        }
        for (Map.Entry<String, ObjectNode> d : desired.entrySet()) {
            JsonNode cur = existing.get(d.getKey());
            if (cur == null) {
                try {
                    create(client, HTTP_ROUTES, d.getValue());
                    changed = true;
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 422) {
                        throw e;
                    }
                    LOG.warnf("cluster %s: HTTPRoute %s translated from an Ingress is invalid for the API server "
                        + "(%s); not created", c.cluster(), d.getKey(), e.getMessage());
                }
            } else if (Ownership.owned(cur, c.cluster())) {
                if (!Json.MAPPER.convertValue(cur.path("spec"), Map.class)
                    .equals(Json.MAPPER.convertValue(d.getValue().path("spec"), Map.class))
                    || !sameMarks(cur, d.getValue())) {
                    ObjectNode upd = ((ObjectNode) cur).deepCopy();
                    upd.set("spec", d.getValue().get("spec"));
                    mergeMetadata(upd, d.getValue());
                    update(client, HTTP_ROUTES, upd);
                    changed = true;
                }
            } else {
                LOG.warnf("cluster %s: HTTPRoute %s exists without Capstan's marks; Ingress translation skips it",
                    c.cluster(), d.getKey());
            }
        }
        for (JsonNode r : seen.routes()) {
            if (Ownership.owned(r, c.cluster()) && r.path("metadata").path("annotations").has(Ownership.TRANSLATED_FROM)
                && !desired.containsKey(key(r))) {
                delete(client, HTTP_ROUTES, r);
                changed = true;
            }
        }
        return changed;
    }

    private static boolean sameMarks(JsonNode cur, JsonNode desired) {
        JsonNode meta = cur.path("metadata");
        for (String part : List.of("labels", "annotations")) {
            var it = desired.path("metadata").path(part).fields();
            while (it.hasNext()) {
                var e = it.next();
                if (!e.getValue().equals(meta.path(part).path(e.getKey()))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void mergeMetadata(ObjectNode target, JsonNode desired) {
        ObjectNode meta = Nodes.child(target, "metadata");
        for (String part : List.of("labels", "annotations")) {
            ObjectNode into = Nodes.child(meta, part);
            desired.path("metadata").path(part).fields().forEachRemaining(e -> into.set(e.getKey(), e.getValue()));
        }
    }

    /**
     * Creates the object when absent; when present and owned, updates the given managed paths when they differ;
     * when present and not owned, records a conflict.
     *
     * @return the object as it stands in the cluster after the call, or null when unowned
     */
    private JsonNode ensure(KubernetesClient client, ResourceDefinitionContext ctx, ObjectNode desired,
                            List<JsonNode> observed, String cluster, List<String> conflicts, List<String> managed,
                            List<String> managedAnnotations) {
        String k = key(desired);
        JsonNode cur = observed.stream().filter(o -> key(o).equals(k)).findFirst().orElse(null);
        if (cur == null) {
            return create(client, ctx, desired);
        }
        if (!Ownership.owned(cur, cluster)) {
            conflicts.add(ctx.getKind() + " " + k);
            return cur;
        }
        ObjectNode upd = ((ObjectNode) cur).deepCopy();
        boolean differs = !sameMarks(cur, desired);
        mergeMetadata(upd, desired);
        for (String annotation : managedAnnotations) {
            JsonNode want = desired.path("metadata").path("annotations").get(annotation);
            if (want == null && cur.path("metadata").path("annotations").has(annotation)) {
                Nodes.child(Nodes.child(upd, "metadata"), "annotations").remove(annotation);
                differs = true;
            }
        }
        for (String path : managed) {
            JsonNode want = at(desired, path);
            JsonNode have = at(cur, path);
            if (!semanticEquals(want, have)) {
                differs = true;
                put(upd, path, want);
            }
        }
        return differs ? update(client, ctx, upd) : cur;
    }

    private JsonNode ensureService(KubernetesClient client, ObjectNode desired, String cluster,
                                   List<String> conflicts) {
        String ns = desired.path("metadata").path("namespace").asText();
        String name = desired.path("metadata").path("name").asText();
        JsonNode cur = get(client, SERVICES, ns, name);
        if (cur == null) {
            return create(client, SERVICES, desired);
        }
        if (!Ownership.owned(cur, cluster)) {
            conflicts.add("Service " + ns + "/" + name);
            return null;
        }
        ObjectNode upd = ((ObjectNode) cur).deepCopy();
        boolean differs = !sameMarks(cur, desired);
        mergeMetadata(upd, desired);
        ObjectNode spec = Nodes.child(upd, "spec");
        for (String field : List.of("type", "selector")) {
            if (!semanticEquals(desired.path("spec").get(field), cur.path("spec").get(field))) {
                spec.set(field, desired.path("spec").get(field));
                differs = true;
            }
        }
        // ports: compare name/port/protocol only (the API server adds nodePort and may default targetPort)
        List<String> want = new ArrayList<>();
        desired.path("spec").path("ports").forEach(p -> want.add(p.path("name").asText() + "/" + p.path("port")
            .asInt() + "/" + p.path("protocol").asText("TCP")));
        List<String> have = new ArrayList<>();
        cur.path("spec").path("ports").forEach(p -> have.add(p.path("name").asText() + "/" + p.path("port").asInt()
            + "/" + p.path("protocol").asText("TCP")));
        if (!want.equals(have)) {
            spec.set("ports", desired.path("spec").get("ports"));
            differs = true;
        }
        return differs ? update(client, SERVICES, upd) : cur;
    }

    private Map<String, Boolean> secrets(KubernetesClient client, List<Gateway> gateways) {
        Map<String, Boolean> out = new HashMap<>();
        for (Gateway g : gateways) {
            for (Listener l : g.listeners()) {
                for (Listener.CertificateRef ref : l.certificateRefs()) {
                    String k = ref.namespace() + "/" + ref.name();
                    if (!ref.isSecret() || out.containsKey(k)) {
                        continue;
                    }
                    var secret = client.secrets().inNamespace(ref.namespace()).withName(ref.name()).get();
                    if (secret != null) {
                        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
                        out.put(k, data.containsKey("tls.crt") && data.containsKey("tls.key"));
                    }
                }
            }
        }
        return out;
    }

    private void writeRouteStatuses(KubernetesClient client, List<JsonNode> routeObjects,
                                     AttachmentChecker.Report report) {
        for (JsonNode r : routeObjects) {
            String ns = r.path("metadata").path("namespace").asText();
            String name = r.path("metadata").path("name").asText();
            RouteStatus rs = report.route(ns, name);
            boolean hasOurs = false;
            for (JsonNode p : r.path("status").path("parents")) {
                hasOurs |= RouteStatusMerge.CONTROLLER_NAME.equals(p.path("controllerName").asText());
            }
            if (rs == null && !hasOurs) {
                continue;
            }
            ObjectNode merged = RouteStatusMerge.merge(r.path("status"), rs == null ? List.of() : rs.parents(),
                clock.instant());
            if (!semanticEquals(merged, r.path("status"))) {
                updateStatus(client, r, merged);
            }
        }
    }

    private void updateStatus(KubernetesClient client, JsonNode route, ObjectNode status) {
        ObjectNode upd = ((ObjectNode) route).deepCopy();
        upd.set("status", status);
        try {
            client.genericKubernetesResources(HTTP_ROUTES).inNamespace(route.path("metadata").path("namespace").asText())
                .resource(toResource(upd)).updateStatus();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409 && !(e.getCode() == 422 && String.valueOf(e.getMessage()).contains("resourceVersion"))) {
                throw e;
            }
            LOG.debugf("HTTPRoute %s changed while its status was written (409); the next pass writes it", key(route));
        }
    }

    static boolean semanticEquals(JsonNode a, JsonNode b) {
        if (a == null || a.isMissingNode() || a.isNull()) {
            return b == null || b.isMissingNode() || b.isNull();
        }
        if (b == null) {
            return false;
        }
        try {
            return Objects.equals(Json.MAPPER.readValue(a.toString(), Object.class),
                Json.MAPPER.readValue(b.toString(), Object.class));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static JsonNode at(JsonNode n, String path) {
        JsonNode cur = n;
        for (String p : path.split("/")) {
            cur = cur == null ? null : cur.get(p);
        }
        return cur;
    }

    private static void put(ObjectNode target, String path, JsonNode value) {
        String[] parts = path.split("/");
        ObjectNode cur = target;
        for (int i = 0; i < parts.length - 1; i++) {
            cur = Nodes.child(cur, parts[i]);
        }
        if (value == null) {
            cur.remove(parts[parts.length - 1]);
        } else {
            cur.set(parts[parts.length - 1], value);
        }
    }

    private static List<JsonNode> list(KubernetesClient client, ResourceDefinitionContext ctx) {
        List<GenericKubernetesResource> items = ctx.isNamespaceScoped()
            ? client.genericKubernetesResources(ctx).inAnyNamespace().list().getItems()
            : client.genericKubernetesResources(ctx).list().getItems();
        List<JsonNode> out = new ArrayList<>(items.size());
        for (GenericKubernetesResource i : items) {
            out.add(Json.MAPPER.valueToTree(i));
        }
        return out;
    }

    private static JsonNode get(KubernetesClient client, ResourceDefinitionContext ctx, String ns, String name) {
        GenericKubernetesResource r = ns == null
            ? client.genericKubernetesResources(ctx).withName(name).get()
            : client.genericKubernetesResources(ctx).inNamespace(ns).withName(name).get();
        return r == null ? null : Json.MAPPER.valueToTree(r);
    }

    private static JsonNode create(KubernetesClient client, ResourceDefinitionContext ctx, ObjectNode o) {
        String ns = o.path("metadata").path("namespace").asText(null);
        GenericKubernetesResource r = toResource(o);
        GenericKubernetesResource created = ns == null ? client.genericKubernetesResources(ctx).resource(r).create()
            : client.genericKubernetesResources(ctx).inNamespace(ns).resource(r).create();
        LOG.infof("created %s %s", ctx.getKind(), key(o));
        return Json.MAPPER.valueToTree(created);
    }

    private static JsonNode update(KubernetesClient client, ResourceDefinitionContext ctx, ObjectNode o) {
        String ns = o.path("metadata").path("namespace").asText(null);
        GenericKubernetesResource r = toResource(o);
        GenericKubernetesResource updated = ns == null ? client.genericKubernetesResources(ctx).resource(r).update()
            : client.genericKubernetesResources(ctx).inNamespace(ns).resource(r).update();
        LOG.infof("updated %s %s", ctx.getKind(), key(o));
        return Json.MAPPER.valueToTree(updated);
    }

    private static void delete(KubernetesClient client, ResourceDefinitionContext ctx, JsonNode o) {
        String ns = o.path("metadata").path("namespace").asText(null);
        String name = o.path("metadata").path("name").asText();
        if (ns == null) {
            client.genericKubernetesResources(ctx).withName(name).delete();
        } else {
            client.genericKubernetesResources(ctx).inNamespace(ns).withName(name).delete();
        }
        LOG.infof("deleted %s %s", ctx.getKind(), key(o));
    }

    private static GenericKubernetesResource toResource(JsonNode o) {
        return Json.MAPPER.convertValue(o, GenericKubernetesResource.class);
    }

    private static String key(JsonNode o) {
        String ns = o.path("metadata").path("namespace").asText(null);
        String name = o.path("metadata").path("name").asText();
        return ns == null ? name : ns + "/" + name;
    }
}
