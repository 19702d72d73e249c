package io.capstan.gateways.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.gateways.reconcile.ApplyConflictException;
import io.capstan.gateways.reconcile.WorkloadGateways;
import io.capstan.kit.cluster.ClusterUnreachableException;
import io.capstan.model.event.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link WorkloadGateways} over fabric8: plain lists (no paging, no set-based selectors) and updates carrying the
 * resourceVersion read, so it behaves the same on a real kube-apiserver and on the sandbox's mock server.
 */
public final class Fabric8WorkloadGateways implements WorkloadGateways {

    /** metallb.io/v1beta1 IPAddressPool. */
    public static final ResourceDefinitionContext IP_ADDRESS_POOL = new ResourceDefinitionContext.Builder()
            .withGroup("metallb.io").withVersion("v1beta1").withKind("IPAddressPool").withPlural("ipaddresspools")
            .withNamespaced(true).build();

    private final String cluster;
    private final KubernetesClient client;

    /**
     * @param cluster cluster name (messages)
     * @param client  the cluster's client (owned by the caller)
     */
    public Fabric8WorkloadGateways(String cluster, KubernetesClient client) {
        this.cluster = cluster;
        this.client = client;
    }

    @Override
    public Observed observe() {
        try {
            List<JsonNode> services = new ArrayList<>();
            for (Service s : client.services().inAnyNamespace().list().getItems()) {
                services.add(Json.MAPPER.valueToTree(s));
            }
            List<JsonNode> pools = new ArrayList<>();
            try {
                for (GenericKubernetesResource p : client.genericKubernetesResources(IP_ADDRESS_POOL).inAnyNamespace().list().getItems()) {
                    pools.add(Json.MAPPER.valueToTree(p));
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
                // MetalLB's CRD is not installed: the profile's pools only
            }
            Map<String, Map<String, String>> ns = new HashMap<>();
            for (Namespace n : client.namespaces().list().getItems()) {
                ns.put(n.getMetadata().getName(), n.getMetadata().getLabels() == null ? Map.of() : Map.copyOf(n.getMetadata().getLabels()));
            }
            return new Observed(services, pools, ns);
        } catch (KubernetesClientException e) {
            throw new ClusterUnreachableException("cluster " + cluster + ": cannot list Services/IPAddressPools/Namespaces: "
                    + e.getCode() + " " + brief(e), e);
        }
    }

    @Override
    public void writeIngress(JsonNode service, List<String> ips) {
        Service s = Json.MAPPER.convertValue(service, Service.class);
        List<LoadBalancerIngress> ingress = new ArrayList<>();
        for (String ip : ips) {
            LoadBalancerIngress in = new LoadBalancerIngress();
            in.setIp(ip);
            ingress.add(in);
        }
        if (s.getStatus() == null) {
            s.setStatus(new ServiceStatus());
        }
        s.getStatus().setLoadBalancer(new LoadBalancerStatus(ingress));
        try {
            client.services().inNamespace(s.getMetadata().getNamespace()).resource(s).updateStatus();
        } catch (KubernetesClientException e) {
            throw classify(e, "status of Service " + s.getMetadata().getNamespace() + "/" + s.getMetadata().getName());
        }
    }

    @Override
    public void ensureAnnotations(JsonNode service, Map<String, String> annotations) {
        Service s = Json.MAPPER.convertValue(service, Service.class);
        Map<String, String> a = new LinkedHashMap<>(s.getMetadata().getAnnotations() == null ? Map.of() : s.getMetadata().getAnnotations());
        a.putAll(annotations);
        s.getMetadata().setAnnotations(a);
        try {
            client.services().inNamespace(s.getMetadata().getNamespace()).resource(s).update();
        } catch (KubernetesClientException e) {
            throw classify(e, "annotations of Service " + s.getMetadata().getNamespace() + "/" + s.getMetadata().getName());
        }
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    /** 409 (and the mock's 422 Invalid on a stale resourceVersion) re-plan; others are transient cluster errors. */
    private RuntimeException classify(KubernetesClientException e, String what) {
        if (e.getCode() == 409 || (e.getCode() == 422 && String.valueOf(e.getMessage()).contains("resourceVersion"))) {
            return new ApplyConflictException(what + " changed since it was read (" + e.getCode() + ")");
        }
        if (e.getCode() == 404) {
            return new ApplyConflictException(what + ": the Service is gone (404)");
        }
        return new ClusterUnreachableException("cluster " + cluster + ": cannot write " + what + ": " + e.getCode() + " " + brief(e), e);
    }

    private static String brief(KubernetesClientException e) {
        String m = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        return m == null ? "" : (m.length() > 200 ? m.substring(0, 200) : m);
    }
}
