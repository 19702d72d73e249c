package io.capstan.certificates.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.certificates.reconcile.ApplyConflictException;
import io.capstan.certificates.reconcile.ClusterReadException;
import io.capstan.certificates.reconcile.WorkloadCertificates;
import io.capstan.model.event.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link WorkloadCertificates} over a fabric8 client of one workload cluster: generic resources for the
 * cert-manager, networking and Gateway API kinds, typed Secrets. Writes are create or update-with-resourceVersion
 * (PUT) and status-subresource PUTs; 409 becomes {@link ApplyConflictException}, any other failure
 * {@link ClusterReadException} with the HTTP code only (never a body that could quote secret data).
 */
public final class Fabric8WorkloadCertificates implements WorkloadCertificates {

    private static final Map<Kind, ResourceDefinitionContext> CONTEXTS = Map.of(
            Kind.CERTIFICATE, ctx("cert-manager.io", "v1", "Certificate", "certificates", true),
            Kind.ISSUER, ctx("cert-manager.io", "v1", "Issuer", "issuers", true),
            Kind.CLUSTER_ISSUER, ctx("cert-manager.io", "v1", "ClusterIssuer", "clusterissuers", false),
            Kind.CERTIFICATE_REQUEST, ctx("cert-manager.io", "v1", "CertificateRequest", "certificaterequests", true),
            Kind.INGRESS, ctx("networking.k8s.io", "v1", "Ingress", "ingresses", true),
            Kind.GATEWAY, ctx("gateway.networking.k8s.io", "v1", "Gateway", "gateways", true),
            Kind.LEGACY_CERTIFICATE, ctx("certmanager.k8s.io", "v1alpha1", "Certificate", "certificates", true));

    private final String cluster;
    private final KubernetesClient client;

    /**
     * @param cluster cluster name (messages only)
     * @param client  the cluster's client, owned by the caller
     */
    public Fabric8WorkloadCertificates(String cluster, KubernetesClient client) {
        this.cluster = cluster;
        this.client = client;
    }

    private static ResourceDefinitionContext ctx(String group, String version, String kind, String plural, boolean namespaced) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(namespaced).build();
    }

    @Override
    public List<JsonNode> list(Kind kind) {
        ResourceDefinitionContext c = CONTEXTS.get(kind);
        try {
            List<GenericKubernetesResource> items = c.isNamespaceScoped()
                    ? client.genericKubernetesResources(c).inAnyNamespace().list().getItems()
                    : client.genericKubernetesResources(c).list().getItems();
            List<JsonNode> out = new ArrayList<>(items.size());
            for (GenericKubernetesResource r : items) {
                ObjectNode n = Json.MAPPER.valueToTree(r);
                n.put("apiVersion", c.getGroup() + "/" + c.getVersion());
                n.put("kind", c.getKind());
                out.add(n);
            }
            return out;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            throw failure("listing " + c.getPlural(), e);
        }
    }

    @Override
    public Map<String, SecretState> secrets() {
        List<Secret> all;
        try {
            all = client.secrets().inAnyNamespace().list().getItems();
        } catch (KubernetesClientException e) {
            throw failure("listing Secrets", e);
        }
        Map<String, SecretState> out = new HashMap<>();
        for (Secret s : all) {
            SecretState st = state(s);
            out.put(st.namespace() + "/" + st.name(), st);
        }
        return out;
    }

    @Override
    public Optional<SecretState> secret(String namespace, String name) {
        Secret s;
        try {
            s = client.secrets().inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            throw failure("reading Secret " + namespace + "/" + name, e);
        }
        if (s == null) {
            return Optional.empty();
        }
        return Optional.of(state(s));
    }

    private static SecretState state(Secret s) {
        Map<String, byte[]> data = new HashMap<>();
        if (s.getData() != null) {
            s.getData().forEach((k, v) -> {
                try {
                    data.put(k, Base64.getDecoder().decode(v == null ? "" : v));
                } catch (IllegalArgumentException bad) {
                    data.put(k, new byte[0]);
                }
            });
        }
        if (s.getStringData() != null) {
            s.getStringData().forEach((k, v) -> data.put(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return new SecretState(s.getMetadata().getNamespace(), s.getMetadata().getName(), s.getMetadata().getResourceVersion(),
                s.getType(), s.getMetadata().getLabels(), s.getMetadata().getAnnotations(), data);
    }

    @Override
    public void writeSecret(SecretState st) {
        Map<String, String> data = new HashMap<>();
        st.data().forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v)));
        Secret s = new SecretBuilder().withNewMetadata().withNamespace(st.namespace()).withName(st.name())
                .withResourceVersion(st.resourceVersion()).withLabels(new HashMap<>(st.labels()))
                .withAnnotations(new HashMap<>(st.annotations())).endMetadata()
                .withType(st.type()).withData(data).build();
        try {
            if (st.resourceVersion() == null) {
                client.secrets().inNamespace(st.namespace()).resource(s).create();
            } else {
                client.secrets().inNamespace(st.namespace()).resource(s).update();
            }
        } catch (KubernetesClientException e) {
            throw conflictOr("writing Secret " + st.namespace() + "/" + st.name(), e);
        }
    }

    @Override
    public void deleteSecret(String namespace, String name) {
        try {
            client.secrets().inNamespace(namespace).withName(name).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw failure("deleting Secret " + namespace + "/" + name, e);
            }
        }
    }

    @Override
    public void updateCertificateStatus(JsonNode certificate) {
        GenericKubernetesResource r = Json.MAPPER.convertValue(certificate, GenericKubernetesResource.class);
        ResourceDefinitionContext c = CONTEXTS.get(Kind.CERTIFICATE);
        try {
            client.genericKubernetesResources(c).inNamespace(r.getMetadata().getNamespace()).resource(r).updateStatus();
        } catch (KubernetesClientException e) {
            throw conflictOr("updating the status of Certificate " + r.getMetadata().getNamespace() + "/"
                    + r.getMetadata().getName(), e);
        }
    }

    @Override
    public JsonNode create(Kind kind, JsonNode object) {
        ResourceDefinitionContext c = CONTEXTS.get(kind);
        GenericKubernetesResource r = Json.MAPPER.convertValue(object, GenericKubernetesResource.class);
        try {
            var op = c.isNamespaceScoped()
                    ? client.genericKubernetesResources(c).inNamespace(r.getMetadata().getNamespace())
                    : client.genericKubernetesResources(c);
            GenericKubernetesResource created = op.resource(r).create();
            if (kind == Kind.CERTIFICATE_REQUEST && r.getAdditionalProperties().get("status") != null) {
                created.setAdditionalProperty("status", r.getAdditionalProperties().get("status"));
                created = op.resource(created).updateStatus();
            }
            return Json.MAPPER.valueToTree(created);
        } catch (KubernetesClientException e) {
            throw conflictOr("creating " + c.getKind() + " " + r.getMetadata().getNamespace() + "/" + r.getMetadata().getName(), e);
        }
    }

    @Override
    public void update(Kind kind, JsonNode object) {
        ResourceDefinitionContext c = CONTEXTS.get(kind);
        GenericKubernetesResource r = Json.MAPPER.convertValue(object, GenericKubernetesResource.class);
        try {
            (c.isNamespaceScoped() ? client.genericKubernetesResources(c).inNamespace(r.getMetadata().getNamespace())
                    : client.genericKubernetesResources(c)).resource(r).update();
        } catch (KubernetesClientException e) {
            throw conflictOr("updating " + c.getKind() + " " + r.getMetadata().getNamespace() + "/" + r.getMetadata().getName(), e);
        }
    }

    @Override
    public void delete(Kind kind, String namespace, String name) {
        ResourceDefinitionContext c = CONTEXTS.get(kind);
        try {
            (c.isNamespaceScoped() ? client.genericKubernetesResources(c).inNamespace(namespace)
                    : client.genericKubernetesResources(c)).withName(name).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw failure("deleting " + c.getKind() + " " + namespace + "/" + name, e);
            }
        }
    }

    private RuntimeException conflictOr(String what, KubernetesClientException e) {
        if (e.getCode() == 409) {
            return new ApplyConflictException(what + ": 409 Conflict");
        }
        // the mock answers a stale resourceVersion with 422/Invalid on some paths: treat a rejected update as a conflict
        if (e.getCode() == 422 && e.getStatus() != null && "Invalid".equals(e.getStatus().getReason())
                && String.valueOf(e.getStatus().getMessage()).contains("resourceVersion")) {
            return new ApplyConflictException(what + ": stale resourceVersion");
        }
        return failure(what, e);
    }

    private ClusterReadException failure(String what, KubernetesClientException e) {
        return new ClusterReadException("cluster " + cluster + ": " + what + " failed with HTTP " + e.getCode(), null);
    }
}
