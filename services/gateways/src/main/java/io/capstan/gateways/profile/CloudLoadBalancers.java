package io.capstan.gateways.profile;

import io.capstan.model.cluster.Infrastructure;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Default load balancer settings per cloud infrastructure, for the Services Capstan manages there (no allocation on
 * a cloud: the cloud controller assigns the address and Capstan reads it back from status.loadBalancer.ingress).
 * Sources:
 * <ul>
 *   <li>openstack: cloud-provider-openstack's Octavia annotations ({@code docs/openstack-cloud-controller-manager/
 *   expose-applications-using-loadbalancer-type-service.md}): {@code service.beta.kubernetes.io/openstack-internal-load-balancer};
 *   no class (the in-tree/OCCM controller serves unset classes);</li>
 *   <li>eks: AWS Load Balancer Controller NLB: class {@code service.k8s.aws/nlb},
 *   {@code service.beta.kubernetes.io/aws-load-balancer-type: external},
 *   {@code ...-nlb-target-type: ip}, {@code ...-scheme: internet-facing|internal};</li>
 *   <li>aks: Azure cloud provider: {@code service.beta.kubernetes.io/azure-load-balancer-internal: "true"|"false"};</li>
 *   <li>gke: {@code cloud.google.com/l4-rbs: enabled} (backend-service based external passthrough NLB) or
 *   {@code networking.gke.io/load-balancer-type: Internal}.</li>
 * </ul>
 * The profile's {@code gateways.cloud.loadBalancerClass} replaces the class, {@code gateways.cloud.annotations} are
 * laid over the defaults, {@code gateways.cloud.internal} picks the internal variant.
 */
public final class CloudLoadBalancers {

    private CloudLoadBalancers() {
    }

    /** True for the infrastructures where a cloud controller assigns addresses (openstack, eks, aks, gke). */
    public static boolean isCloud(Infrastructure infra) {
        return infra == Infrastructure.OPENSTACK || infra == Infrastructure.EKS || infra == Infrastructure.AKS
                || infra == Infrastructure.GKE;
    }

    /**
     * The defaults of an infrastructure.
     *
     * @param infra    the cluster's infrastructure
     * @param internal true for a load balancer reachable only inside the cloud network
     * @return class and annotations; for standalone and private: no annotations, Capstan's class is applied by
     * {@link #settings}
     */
    public static LoadBalancerSettings defaults(Infrastructure infra, boolean internal) {
        Map<String, String> a = new LinkedHashMap<>();
        String cls = null;
        switch (infra) {
            case OPENSTACK -> a.put("service.beta.kubernetes.io/openstack-internal-load-balancer", Boolean.toString(internal));
            case EKS -> {
                cls = "service.k8s.aws/nlb";
                a.put("service.beta.kubernetes.io/aws-load-balancer-type", "external");
                a.put("service.beta.kubernetes.io/aws-load-balancer-nlb-target-type", "ip");
                a.put("service.beta.kubernetes.io/aws-load-balancer-scheme", internal ? "internal" : "internet-facing");
            }
            case AKS -> a.put("service.beta.kubernetes.io/azure-load-balancer-internal", Boolean.toString(internal));
            case GKE -> {
                if (internal) {
                    a.put("networking.gke.io/load-balancer-type", "Internal");
                } else {
                    a.put("cloud.google.com/l4-rbs", "enabled");
                }
            }
            default -> {
            }
        }
        return new LoadBalancerSettings(cls, a);
    }

    /**
     * The settings for the Services Capstan manages in a cluster: on a cloud the defaults with the profile's
     * overrides; on standalone and private clusters Capstan's own class (so that no other controller takes them).
     */
    public static LoadBalancerSettings settings(Infrastructure infra, GatewaysProfile p) {
        if (!isCloud(infra)) {
            return new LoadBalancerSettings(p.loadBalancerClass(), p.cloud().annotations());
        }
        LoadBalancerSettings d = defaults(infra, p.cloud().internal());
        Map<String, String> a = new LinkedHashMap<>(d.annotations());
        a.putAll(p.cloud().annotations());
        String cls = p.cloud().loadBalancerClass() != null ? p.cloud().loadBalancerClass() : d.loadBalancerClass();
        return new LoadBalancerSettings(cls, a);
    }
}
