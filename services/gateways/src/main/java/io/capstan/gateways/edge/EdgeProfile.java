package io.capstan.gateways.edge;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.gateways.profile.InvalidProfileException;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code gateways.edge} object of a profile: the shared edge Gateway Capstan keeps in every cluster.
 *
 * <pre>
 * "edge": {
 *   "enabled": true,                                   // default true once the edge object is present
 *   "controllerName": "istio.io/gateway-controller",   // GatewayClass spec.controllerName (default shown)
 *   "className": "capstan-edge",                       // GatewayClass name (default shown)
 *   "namespace": "capstan-gateways",                   // platform namespace (default: first gatewayNamespaces entry)
 *   "gatewayName": "edge",                             // Gateway name (default shown)
 *   "clusterIssuer": "sandbox-ca"                      // cert-manager.io/cluster-issuer on the Gateway (default none)
 * }
 * </pre>
 *
 * <p>A profile without {@code gateways.edge} has no edge (opt-in: {@code "edge": {}} takes every default), so a
 * cluster whose pools are tight gets no LoadBalancer Service it did not ask for.
 *
 * @param enabled        whether Capstan keeps an edge in the cluster (false: it removes its own edge objects and
 *                       still checks routes of Gateways of {@code controllerName})
 * @param controllerName GatewayClass {@code spec.controllerName}: the in-cluster controller that serves the class
 *                       (Istio, Envoy Gateway ...); Gateways of classes with this controllerName are the ones whose
 *                       HTTPRoutes Capstan checks
 * @param className      name of the GatewayClass Capstan creates
 * @param namespace      namespace of the edge Gateway and its Service
 * @param gatewayName    name of the edge Gateway
 * @param clusterIssuer  the fleet issuer for cert-manager's gateway-shim annotation, or null for none
 */
public record EdgeProfile(boolean enabled, String controllerName, String className, String namespace,
                          String gatewayName, String clusterIssuer) {

    /** Default GatewayClass controller. */
    public static final String DEFAULT_CONTROLLER = "istio.io/gateway-controller";
    /** Default GatewayClass name. */
    public static final String DEFAULT_CLASS = "capstan-edge";
    /** Default Gateway name. */
    public static final String DEFAULT_GATEWAY = "edge";

    private static final Set<String> KEYS = Set.of("enabled", "controllerName", "className", "namespace",
        "gatewayName", "clusterIssuer");
    /** GatewayController: a domain-prefixed path (Gateway API {@code GatewayController} validation). */
    private static final Pattern CONTROLLER = Pattern.compile(
        "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+$");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile(
        "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    /**
     * Reads {@code gateways.edge}.
     *
     * @param edge             the object, or null / missing for no edge (enabled false, other keys defaulted)
     * @param defaultNamespace namespace when none is given (the profile's first gateway namespace)
     * @return the settings
     * @throws InvalidProfileException naming the key when a key is unknown or a value invalid
     */
    public static EdgeProfile parse(JsonNode edge, String defaultNamespace) {
        if (edge == null || edge.isMissingNode() || edge.isNull()) {
            return new EdgeProfile(false, DEFAULT_CONTROLLER, DEFAULT_CLASS, defaultNamespace, DEFAULT_GATEWAY, null);
        }
        if (!edge.isObject()) {
            throw new InvalidProfileException("gateways.edge must be an object");
        }
        for (Iterator<String> it = edge.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new InvalidProfileException("gateways.edge." + k + " is not a known key (known: "
                    + KEYS.stream().sorted().toList() + ")");
            }
        }
        boolean enabled = true;
        if (edge.has("enabled")) {
            if (!edge.get("enabled").isBoolean()) {
                throw new InvalidProfileException("gateways.edge.enabled must be true or false");
            }
            enabled = edge.get("enabled").asBoolean();
        }
        String controller = text(edge, "controllerName", DEFAULT_CONTROLLER);
        if (!CONTROLLER.matcher(controller).matches() || controller.length() > 253) {
            throw new InvalidProfileException("gateways.edge.controllerName must be a domain-prefixed path such as "
                + DEFAULT_CONTROLLER + ": " + controller);
        }
        String cls = name(edge, "className", DEFAULT_CLASS, SUBDOMAIN, 253);
        String ns = name(edge, "namespace", defaultNamespace, LABEL, 63);
        String gw = name(edge, "gatewayName", DEFAULT_GATEWAY, SUBDOMAIN, 253);
        String issuer = edge.has("clusterIssuer") ? name(edge, "clusterIssuer", null, SUBDOMAIN, 253) : null;
        if ((gw + "-" + cls).length() > 63 || !(gw + "-" + cls).matches("[a-z]([-a-z0-9]*[a-z0-9])?")) {
            throw new InvalidProfileException("gateways.edge: the edge Service name <gatewayName>-<className> must be "
                + "a DNS-1035 label of at most 63 characters: " + gw + "-" + cls);
        }
        return new EdgeProfile(enabled, controller, cls, ns, gw, issuer);
    }

    private static String text(JsonNode n, String key, String dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isTextual()) {
            throw new InvalidProfileException("gateways.edge." + key + " must be a string");
        }
        return v.asText();
    }

    private static String name(JsonNode n, String key, String dflt, Pattern pattern, int max) {
        String v = text(n, key, dflt);
        if (v != null && (!pattern.matcher(v).matches() || v.length() > max)) {
            throw new InvalidProfileException("gateways.edge." + key + " must be a DNS-1123 "
                + (max == 63 ? "label" : "subdomain") + ": " + v);
        }
        return v;
    }

    /** @return the edge Service name, {@code <gateway>-<class>} as Istio's automated deployment names it */
    public String serviceName() {
        return gatewayName + "-" + className;
    }
}
