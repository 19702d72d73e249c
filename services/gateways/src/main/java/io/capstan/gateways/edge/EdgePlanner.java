package io.capstan.gateways.edge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.gateways.profile.LoadBalancerSettings;
import io.capstan.gateways.route.HttpRoute;
import io.capstan.gateways.route.ParentRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Pure: the objects of a cluster's edge, from the profile and the HTTPRoutes that name the edge Gateway.
 * <ul>
 *   <li>GatewayClass {@code <className>} with the profile's {@code controllerName};</li>
 *   <li>Gateway {@code <namespace>/<gatewayName>}: listener {@code http} (HTTP/80, routes from all namespaces) and one
 *   {@code HTTPS/443} listener per hostname of the routes naming the edge Gateway, named {@code https-<host>}
 *   ({@code *} written {@code wildcard}), TLS Terminate with one certificateRef to Secret
 *   {@code <gatewayName>-<host>} in the Gateway's namespace; annotation {@code cert-manager.io/cluster-issuer}
 *   when the profile names a fleet issuer, so cert-manager's gateway-shim (and Capstan's certificates service, which
 *   honours it) issues one Certificate per certificateRef with the listener's hostname as dnsName;</li>
 *   <li>Service {@code <gatewayName>-<className>} of type LoadBalancer, labelled and selecting
 *   {@code gateway.networking.k8s.io/gateway-name=<gatewayName>} like Istio's automated deployment, ports 80 and
 *   443, with the profile's load-balancer class (set on create only) and annotations.</li>
 * </ul>
 * A Gateway holds at most 64 listeners (Gateway API validation): at most 63 hostnames get a listener, in sorted
 * order; the rest are reported as omitted. Every object carries the {@link Ownership} marks.
 */
public final class EdgePlanner {

    /** API version of the Gateway API objects written. */
    public static final String GATEWAY_API = "gateway.networking.k8s.io/v1";
    /** Label of the Service (and its pods) of a Gateway, as Istio's automated deployment sets it. */
    public static final String GATEWAY_NAME_LABEL = "gateway.networking.k8s.io/gateway-name";
    /** cert-manager's gateway-shim annotation. */
    public static final String CLUSTER_ISSUER = "cert-manager.io/cluster-issuer";
    /** Listeners per Gateway (Gateway API maxItems). */
    public static final int MAX_LISTENERS = 64;
    private static final Pattern HOSTNAME = Pattern.compile(
        "^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    private EdgePlanner() {
    }

    /**
     * The desired edge.
     *
     * @param gatewayClass GatewayClass object
     * @param namespace    Namespace object of the platform namespace
     * @param gateway      Gateway object
     * @param service      Service object
     * @param hostnames    hostnames with an HTTPS listener
     * @param omitted      hostnames left without a listener (over the listener limit or invalid)
     */
    public record Plan(ObjectNode gatewayClass, ObjectNode namespace, ObjectNode gateway, ObjectNode service,
                       List<String> hostnames, List<String> omitted) {
        public Plan {
            hostnames = List.copyOf(hostnames);
            omitted = List.copyOf(omitted);
        }
    }

    /**
     * @param cluster  registered cluster name (ownership mark)
     * @param profile  edge settings
     * @param lb       load-balancer class and annotations for the Service
     * @param routes   every HTTPRoute of the cluster (only those naming the edge Gateway count)
     * @return the plan
     */
    public static Plan plan(String cluster, EdgeProfile profile, LoadBalancerSettings lb, List<HttpRoute> routes) {
        TreeSet<String> wanted = new TreeSet<>();
        List<String> omitted = new ArrayList<>();
        for (HttpRoute r : routes) {
            boolean names = false;
            for (ParentRef p : r.parentRefs()) {
                if (p.names(profile.namespace(), profile.gatewayName())
                    && (p.sectionName() == null || p.sectionName().startsWith("https-"))
                    && (p.port() == null || p.port() == 443)) {
                    names = true;
                }
            }
            if (names) {
                for (String h : r.hostnames()) {
                    if (HOSTNAME.matcher(h).matches() && h.length() <= 240 - profile.gatewayName().length()) {
                        wanted.add(h);
                    } else if (!omitted.contains(h)) {
                        omitted.add(h);
                    }
                }
            }
        }
        List<String> hostnames = new ArrayList<>();
        for (String h : wanted) {
            if (hostnames.size() < MAX_LISTENERS - 1) {
                hostnames.add(h);
            } else {
                omitted.add(h);
            }
        }

        ObjectNode cls = Nodes.object(GATEWAY_API, "GatewayClass", null, profile.className());
        Ownership.stamp(cls, cluster);
        ObjectNode clsSpec = cls.putObject("spec");
        clsSpec.put("controllerName", profile.controllerName());
        // GatewayClassSpec.description has maxLength 64
        clsSpec.put("description", "Capstan edge: the shared Gateway of this cluster");

        ObjectNode ns = Nodes.object("v1", "Namespace", null, profile.namespace());
        Ownership.stamp(ns, cluster);

        ObjectNode gw = Nodes.object(GATEWAY_API, "Gateway", profile.namespace(), profile.gatewayName());
        Ownership.stamp(gw, cluster);
        if (profile.clusterIssuer() != null) {
            Nodes.child(Nodes.child(gw, "metadata"), "annotations").put(CLUSTER_ISSUER, profile.clusterIssuer());
        }
        ObjectNode gwSpec = gw.putObject("spec");
        gwSpec.put("gatewayClassName", profile.className());
        ArrayNode listeners = gwSpec.putArray("listeners");
        ObjectNode http = listeners.addObject();
        http.put("name", "http");
        http.put("protocol", "HTTP");
        http.put("port", 80);
        allowAll(http);
        for (String h : hostnames) {
            ObjectNode l = listeners.addObject();
            l.put("name", listenerName(h));
            l.put("hostname", h);
            l.put("protocol", "HTTPS");
            l.put("port", 443);
            allowAll(l);
            ObjectNode tls = l.putObject("tls");
            tls.put("mode", "Terminate");
            ObjectNode ref = tls.putArray("certificateRefs").addObject();
            ref.put("group", "");
            ref.put("kind", "Secret");
            ref.put("name", secretName(profile, h));
        }

        ObjectNode svc = Nodes.object("v1", "Service", profile.namespace(), profile.serviceName());
        Ownership.stamp(svc, cluster);
        Nodes.child(Nodes.child(svc, "metadata"), "labels").put(GATEWAY_NAME_LABEL, profile.gatewayName());
        ObjectNode svcAnnotations = Nodes.child(Nodes.child(svc, "metadata"), "annotations");
        for (Map.Entry<String, String> a : lb.annotations().entrySet()) {
            svcAnnotations.put(a.getKey(), a.getValue());
        }
        ObjectNode svcSpec = svc.putObject("spec");
        svcSpec.put("type", "LoadBalancer");
        if (lb.loadBalancerClass() != null) {
            svcSpec.put("loadBalancerClass", lb.loadBalancerClass());
        }
        svcSpec.putObject("selector").put(GATEWAY_NAME_LABEL, profile.gatewayName());
        ArrayNode ports = svcSpec.putArray("ports");
        ports.addObject().put("name", "http").put("protocol", "TCP").put("port", 80).put("targetPort", 80);
        ports.addObject().put("name", "https").put("protocol", "TCP").put("port", 443).put("targetPort", 443);
        return new Plan(cls, ns, gw, svc, hostnames, omitted);
    }

    private static void allowAll(ObjectNode listener) {
        listener.putObject("allowedRoutes").putObject("namespaces").put("from", "All");
    }

    /**
     * @param hostname exact or wildcard hostname
     * @return the HTTPS listener name of that hostname ({@code https-<host>}, {@code *} written {@code wildcard})
     */
    public static String listenerName(String hostname) {
        return "https-" + hostname.replace("*", "wildcard");
    }

    /**
     * @param profile  edge settings
     * @param hostname exact or wildcard hostname
     * @return the Secret name of that hostname's certificate ({@code <gatewayName>-<host>}, {@code *} written
     *     {@code wildcard}), a DNS-1123 subdomain
     */
    public static String secretName(EdgeProfile profile, String hostname) {
        return profile.gatewayName() + "-" + hostname.replace("*", "wildcard");
    }
}
