package io.capstan.certificates.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings shared by every Capstan service, under {@code capstan.management}. */
@ConfigMapping(prefix = "capstan.management")
public interface ManagementConfig {

    /**
     * Namespace of the management cluster holding the {@code <cluster>-kubeconfig} Secrets, the fleet CA Secrets and
     * the ACME account keys. Default capstan-system.
     */
    @WithDefault("capstan-system")
    String namespace();
}
