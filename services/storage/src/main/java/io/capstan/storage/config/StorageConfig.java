package io.capstan.storage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the storage service, under {@code capstan.storage}. */
@ConfigMapping(prefix = "capstan.storage")
public interface StorageConfig {

    /** Period of the resync that enqueues every owned cluster, catching anything an event missed. Default 60 s. */
    @WithDefault("60s")
    Duration resyncInterval();

    /**
     * Longest age of this component's published cluster entry ({@code <cluster>/storage}) before it is published
     * again unchanged with a fresh {@code observedAt}, so the orchestrator ({@code capstan.status.stale-after}, 5 min)
     * never takes an idle cluster's status for stale. Passes run at least every half of it (the resync period is
     * {@code min(resync-interval, status-heartbeat / 2)}), so the entry is never older than 1.5 times this. Must stay
     * well below the orchestrator's stale-after. Default 60 s.
     */
    @WithDefault("60s")
    Duration statusHeartbeat();

    /** Number of worker threads of the keyed work queue (clusters reconciled in parallel). Default 2. */
    @WithDefault("2")
    int workers();

    /** Re-reads and re-plans allowed in one pass after a 409 Conflict, before the pass fails and backs off. Default 3. */
    @WithDefault("3")
    int maxConflictRetries();

    /**
     * Longest time to read back this component's entries on {@code capstan.status} when partitions are assigned
     * (the ledger seed); past it the service goes on unseeded (each entry published once more). Default 30 s.
     */
    @WithDefault("30s")
    Duration statusSeedTimeout();

    /** Retry policy of failed passes. */
    BackoffConfig backoff();

    /** Workload-cluster client settings. */
    ClientConfig client();

    /** {@code capstan.storage.backoff.*}. */
    interface BackoffConfig {
        /** Delay before the first retry. Default 200 ms. */
        @WithDefault("200ms")
        Duration base();

        /** Ceiling of any retry delay (terminal errors retry at this pace). Default 5 min. */
        @WithDefault("5m")
        Duration max();

        /** Failed passes after which the component reports Ready=False with the failure's reason. Default 5. */
        @WithDefault("5")
        int giveUpAfter();
    }

    /** {@code capstan.storage.client.*}. */
    interface ClientConfig {
        /** Timeout of one request to a workload cluster's API server. Default 10 s. */
        @WithDefault("10s")
        Duration requestTimeout();

        /** Connection timeout to a workload cluster's API server. Default 5 s. */
        @WithDefault("5s")
        Duration connectTimeout();
    }
}
