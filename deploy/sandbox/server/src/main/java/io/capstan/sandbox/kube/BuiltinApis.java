package io.capstan.sandbox.kube;

import java.util.ArrayList;
import java.util.List;

/**
 * The built-in resources a Kubernetes 1.32 API server serves that the sandbox announces in discovery and accepts
 * in requests (the subset Capstan and its tests touch; from {@code kubectl api-resources} of a 1.32 server).
 */
public final class BuiltinApis {

    /** Every built-in resource, core group first. */
    public static final List<ApiResource> ALL = build();

    private BuiltinApis() {
    }

    private static List<ApiResource> build() {
        List<ApiResource> r = new ArrayList<>();
        // core v1
        ns(r, "", "v1", "bindings", "Binding");
        cl(r, "", "v1", "componentstatuses", "ComponentStatus", "cs");
        ns(r, "", "v1", "configmaps", "ConfigMap", "cm");
        ns(r, "", "v1", "endpoints", "Endpoints", "ep");
        ns(r, "", "v1", "events", "Event", "ev");
        ns(r, "", "v1", "limitranges", "LimitRange", "limits");
        cl(r, "", "v1", "namespaces", "Namespace", "ns");
        cl(r, "", "v1", "nodes", "Node", "no");
        ns(r, "", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", "pvc");
        cl(r, "", "v1", "persistentvolumes", "PersistentVolume", "pv");
        ns(r, "", "v1", "pods", "Pod", "po");
        ns(r, "", "v1", "podtemplates", "PodTemplate");
        ns(r, "", "v1", "replicationcontrollers", "ReplicationController", "rc");
        ns(r, "", "v1", "resourcequotas", "ResourceQuota", "quota");
        ns(r, "", "v1", "secrets", "Secret");
        ns(r, "", "v1", "serviceaccounts", "ServiceAccount", "sa");
        ns(r, "", "v1", "services", "Service", "svc");
        // apps/v1
        ns(r, "apps", "v1", "controllerrevisions", "ControllerRevision");
        ns(r, "apps", "v1", "daemonsets", "DaemonSet", "ds");
        ns(r, "apps", "v1", "deployments", "Deployment", "deploy");
        ns(r, "apps", "v1", "replicasets", "ReplicaSet", "rs");
        ns(r, "apps", "v1", "statefulsets", "StatefulSet", "sts");
        // batch/v1
        ns(r, "batch", "v1", "cronjobs", "CronJob", "cj");
        ns(r, "batch", "v1", "jobs", "Job");
        // autoscaling
        ns(r, "autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", "hpa");
        ns(r, "autoscaling", "v1", "horizontalpodautoscalers", "HorizontalPodAutoscaler", "hpa");
        // networking.k8s.io/v1
        cl(r, "networking.k8s.io", "v1", "ingressclasses", "IngressClass");
        ns(r, "networking.k8s.io", "v1", "ingresses", "Ingress", "ing");
        ns(r, "networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", "netpol");
        // storage.k8s.io/v1
        cl(r, "storage.k8s.io", "v1", "csidrivers", "CSIDriver");
        cl(r, "storage.k8s.io", "v1", "csinodes", "CSINode");
        ns(r, "storage.k8s.io", "v1", "csistoragecapacities", "CSIStorageCapacity");
        cl(r, "storage.k8s.io", "v1", "storageclasses", "StorageClass", "sc");
        cl(r, "storage.k8s.io", "v1", "volumeattachments", "VolumeAttachment");
        // policy/v1
        ns(r, "policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", "pdb");
        // rbac
        cl(r, "rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding");
        cl(r, "rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole");
        ns(r, "rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding");
        ns(r, "rbac.authorization.k8s.io", "v1", "roles", "Role");
        // coordination, discovery, events
        ns(r, "coordination.k8s.io", "v1", "leases", "Lease");
        ns(r, "discovery.k8s.io", "v1", "endpointslices", "EndpointSlice");
        ns(r, "events.k8s.io", "v1", "events", "Event", "ev");
        // admission, scheduling, node, certificates
        cl(r, "admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", "MutatingWebhookConfiguration");
        cl(r, "admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations",
            "ValidatingWebhookConfiguration");
        cl(r, "scheduling.k8s.io", "v1", "priorityclasses", "PriorityClass", "pc");
        cl(r, "node.k8s.io", "v1", "runtimeclasses", "RuntimeClass");
        cl(r, "certificates.k8s.io", "v1", "certificatesigningrequests", "CertificateSigningRequest", "csr");
        // apiextensions
        cl(r, "apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", "crd", "crds");
        return List.copyOf(r);
    }

    private static void ns(List<ApiResource> r, String g, String v, String plural, String kind, String... shorts) {
        r.add(new ApiResource(g, v, plural, kind.toLowerCase(java.util.Locale.ROOT), kind, true, List.of(shorts)));
    }

    private static void cl(List<ApiResource> r, String g, String v, String plural, String kind, String... shorts) {
        r.add(new ApiResource(g, v, plural, kind.toLowerCase(java.util.Locale.ROOT), kind, false, List.of(shorts)));
    }
}
