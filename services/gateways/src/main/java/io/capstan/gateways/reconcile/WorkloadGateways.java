package io.capstan.gateways.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Map;

/**
 * Port to one workload cluster: what the load-balancer pass reads and writes. Every write carries the
 * resourceVersion it read (valid on a real kube-apiserver; a 409 is {@link ApplyConflictException}).
 */
public interface WorkloadGateways {

    /**
     * One full read of the cluster.
     *
     * @param services        every core/v1 Service (JSON, as the API server gives it)
     * @param pools           every metallb.io/v1beta1 IPAddressPool (empty when the CRD is not installed)
     * @param namespaceLabels labels of every Namespace
     */
    record Observed(List<JsonNode> services, List<JsonNode> pools, Map<String, Map<String, String>> namespaceLabels) {
    }

    /**
     * Lists Services, IPAddressPools and Namespaces.
     *
     * @throws io.capstan.kit.cluster.ClusterUnreachableException when the API server cannot be read
     */
    Observed observe();

    /**
     * Replaces {@code status.loadBalancer.ingress} of the Service through the status subresource (PUT
     * {@code /api/v1/namespaces/{ns}/services/{name}/status} with the resourceVersion of {@code service}).
     *
     * @param service the Service as observed
     * @param ips     addresses to write ({@code [{ip}]} entries), empty to clear
     * @throws ApplyConflictException on a 409
     */
    void writeIngress(JsonNode service, List<String> ips);

    /**
     * Adds (or corrects) annotations on a Service (PUT with its resourceVersion); other annotations are kept.
     *
     * @throws ApplyConflictException on a 409
     */
    void ensureAnnotations(JsonNode service, Map<String, String> annotations);

    /** The cluster's client, for the edge pass (owned by the client cache). */
    KubernetesClient client();
}
