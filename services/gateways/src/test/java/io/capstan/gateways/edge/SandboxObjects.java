package io.capstan.gateways.edge;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.model.event.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;

/** Applies manifests (as parsed YAML documents) to a sandbox cluster with plain creates, as kubectl create would. */
final class SandboxObjects {

    private static final Map<String, ResourceDefinitionContext> KINDS = Map.of(
        "Namespace", EdgeReconciler.NAMESPACES,
        "Service", EdgeReconciler.SERVICES,
        "Gateway", EdgeReconciler.GATEWAYS,
        "GatewayClass", EdgeReconciler.GATEWAY_CLASSES,
        "HTTPRoute", EdgeReconciler.HTTP_ROUTES,
        "ReferenceGrant", EdgeReconciler.REFERENCE_GRANTS,
        "Ingress", EdgeReconciler.INGRESSES,
        "Secret", new ResourceDefinitionContext.Builder().withGroup("").withVersion("v1").withKind("Secret")
            .withPlural("secrets").withNamespaced(true).build());

    private SandboxObjects() {
    }

    /**
     * Creates every object of a kind listed above (others, e.g. Deployments, are skipped: no pod runs in the
     * sandbox); objects without a namespace go to {@code default}; an existing object (409) is kept.
     */
    static void apply(KubernetesClient client, List<JsonNode> docs) {
        for (JsonNode d : docs) {
            ResourceDefinitionContext ctx = KINDS.get(d.path("kind").asText());
            if (ctx == null) {
                continue;
            }
            GenericKubernetesResource r = Json.MAPPER.convertValue(d, GenericKubernetesResource.class);
            if ("ReferenceGrant".equals(r.getKind())) {
                // the sandbox serves ReferenceGrant as v1beta1 only (as Gateway API installs before v1.5 do); the
                // v1 and v1beta1 schemas are the same
                r.setApiVersion("gateway.networking.k8s.io/v1beta1");
            }
            if (ctx.isNamespaceScoped() && r.getMetadata().getNamespace() == null) {
                r.getMetadata().setNamespace("default");
            }
            try {
                if (ctx.isNamespaceScoped()) {
                    client.genericKubernetesResources(ctx).inNamespace(r.getMetadata().getNamespace()).resource(r)
                        .create();
                } else {
                    client.genericKubernetesResources(ctx).resource(r).create();
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }
    }

    /** @return the object as JSON, or null */
    static JsonNode get(KubernetesClient client, ResourceDefinitionContext ctx, String ns, String name) {
        GenericKubernetesResource r = ns == null ? client.genericKubernetesResources(ctx).withName(name).get()
            : client.genericKubernetesResources(ctx).inNamespace(ns).withName(name).get();
        return r == null ? null : Json.MAPPER.valueToTree(r);
    }

    /** @return Capstan's status.parents entry of a route for a Gateway, or null */
    static JsonNode capstanParent(KubernetesClient client, String ns, String route, String gwNs, String gw) {
        JsonNode r = get(client, EdgeReconciler.HTTP_ROUTES, ns, route);
        if (r == null) {
            return null;
        }
        for (JsonNode p : r.path("status").path("parents")) {
            if (RouteStatusMerge.CONTROLLER_NAME.equals(p.path("controllerName").asText())
                && gw.equals(p.at("/parentRef/name").asText()) && gwNs.equals(p.at("/parentRef/namespace").asText())) {
                return p;
            }
        }
        return null;
    }

    /** @return the reason of a condition in a status.parents entry */
    static String reason(JsonNode parent, String type) {
        for (JsonNode c : parent.path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c.path("reason").asText();
            }
        }
        return null;
    }
}
