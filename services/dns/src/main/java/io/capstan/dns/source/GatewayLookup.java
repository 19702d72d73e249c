package io.capstan.dns.source;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/** Finds a {@code gateway.networking.k8s.io} Gateway of the same cluster by namespace and name. */
@FunctionalInterface
public interface GatewayLookup {

    /** @return the Gateway object JSON, if the cluster has it */
    Optional<JsonNode> gateway(String namespace, String name);
}
