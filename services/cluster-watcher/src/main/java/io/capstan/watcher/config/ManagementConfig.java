package io.capstan.watcher.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the management cluster keeps workload-cluster credentials, under {@code capstan.management}. */
@ConfigMapping(prefix = "capstan.management")
public interface ManagementConfig {

    /**
     * Namespace of the management cluster holding the {@code <cluster>-kubeconfig} Secrets (key {@code value}, the
     * Cluster API convention).
     */
    @WithDefault("capstan-system")
    String namespace();
}
