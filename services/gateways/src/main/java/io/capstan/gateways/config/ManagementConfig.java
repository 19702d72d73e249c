package io.capstan.gateways.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The management cluster ({@code capstan.management.*}). */
@ConfigMapping(prefix = "capstan.management")
public interface ManagementConfig {

    /** Namespace of the kubeconfig Secrets and of the fleet-wide address claims. */
    @WithDefault("capstan-system")
    String namespace();
}
