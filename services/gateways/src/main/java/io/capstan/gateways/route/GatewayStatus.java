package io.capstan.gateways.route;

import io.capstan.model.status.Condition;
import java.util.List;

/**
 * Listener-level outcome for one Gateway (the shape of {@code status.listeners[]}, Gateway API
 * {@code ListenerStatus}).
 *
 * @param gateway   the Gateway
 * @param listeners one entry per listener, in spec order
 */
public record GatewayStatus(Gateway gateway, List<ListenerResult> listeners) {

    public GatewayStatus {
        listeners = List.copyOf(listeners);
    }

    /** @return the listener of that name */
    public ListenerResult listener(String name) {
        return listeners.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * @param name           listener name
     * @param attachedRoutes routes selected by a parentRef and allowed by allowedRoutes (hostname and the
     *                       route's own conditions do not count, as the ListenerStatus.attachedRoutes docs say)
     * @param supportedKinds route kinds the listener accepts, e.g. {@code HTTPRoute}
     * @param resolvedRefs   condition {@code ResolvedRefs} on the certificateRefs: True/ResolvedRefs, or False
     *                       with InvalidCertificateRef or RefNotPermitted
     */
    public record ListenerResult(String name, int attachedRoutes, List<String> supportedKinds,
                                 Condition resolvedRefs) {
        public ListenerResult {
            supportedKinds = List.copyOf(supportedKinds);
        }
    }
}
