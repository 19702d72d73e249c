package io.capstan.orchestrator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The orchestrator's own settings, under the prefix {@code capstan}. */
@ConfigMapping(prefix = "capstan")
public interface OrchestratorConfig {

    /**
     * The components that must report Ready (and Finalized on deletion) for every cluster, in the order of what they
     * need (the edge address from gateways, then DNS records, then certificates); the cluster view lists them in
     * this order.
     */
    @WithDefault("cluster-watcher,storage,gateways,dns,certificates")
    List<String> components();

    /** Status view settings. */
    Status status();

    /** Deletion settings. */
    Deletion deletion();

    /** Management cluster settings. */
    Management management();

    /** Bearer-token authentication. */
    Auth auth();

    /** Outbox relay settings. */
    Outbox outbox();

    /** {@code capstan.status.*} */
    interface Status {
        /** Age after which a component status no longer counts (shown as Ready=Unknown, reason StatusStale). */
        @WithDefault("5m")
        Duration staleAfter();
    }

    /** {@code capstan.deletion.*} */
    interface Deletion {
        /** How long to wait for every expected component to report Finalized=True before deleting anyway (audited). */
        @WithDefault("2m")
        Duration timeout();
    }

    /** {@code capstan.management.*} */
    interface Management {
        /** Namespace of the management cluster that holds the {@code <cluster>-kubeconfig} Secrets. */
        @WithDefault("capstan-system")
        String namespace();
    }

    /** {@code capstan.auth.*} */
    interface Auth {
        /**
         * Static bearer tokens: token to role ({@code viewer}, {@code operator} or {@code admin}), for example
         * {@code capstan.auth.tokens."s3cr3t"=admin}. Roles include the lower ones. Production should use OIDC
         * (quarkus-oidc) instead.
         */
        Map<String, String> tokens();

        /**
         * One more admin token, convenient to pass from the environment ({@code CAPSTAN_TOKEN} in the sandbox and
         * prod profiles), since token values make awkward property names. Empty: none.
         */
        Optional<String> adminToken();
    }

    /** {@code capstan.outbox.*} */
    interface Outbox {
        /** Topic the outbox rows go to. */
        @WithDefault("capstan.clusters")
        String topic();

        /** CloudEvents {@code ce_source} of the published events. */
        @WithDefault("/capstan/orchestrator")
        String source();

        /** Rows sent per relay pass. */
        @WithDefault("200")
        int batchSize();

        /** How long to wait for the broker to acknowledge one record. */
        @WithDefault("30s")
        Duration sendTimeout();
    }
}
