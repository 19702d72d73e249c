package io.capstan.gateways.route;

import java.util.List;

/**
 * The parts of a {@code gateway.networking.k8s.io/v1} Gateway that route attachment reads.
 *
 * @param namespace  metadata.namespace
 * @param name       metadata.name
 * @param generation metadata.generation
 * @param className  spec.gatewayClassName
 * @param listeners  spec.listeners, defaulted
 */
public record Gateway(String namespace, String name, long generation, String className, List<Listener> listeners) {

    public Gateway {
        listeners = List.copyOf(listeners);
    }
}
