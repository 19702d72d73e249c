package io.capstan.gateways.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the gateways service ({@code capstan.gateways.*}). */
@ConfigMapping(prefix = "capstan.gateways")
public interface GatewaysConfig {

    /** Period of the full resync of every owned cluster (also bounded by half the status heartbeat). */
    @WithDefault("60s")
    Duration resyncInterval();

    /** Republish the unchanged component entry at least this often (orchestrator stale-after is 5m). */
    @WithDefault("60s")
    Duration statusHeartbeat();

    /** Work-queue workers (clusters reconciled in parallel). */
    @WithDefault("2")
    int workers();

    /** Re-plans per pass after a 409 before the pass fails (transient). */
    @WithDefault("3")
    int maxConflictRetries();

    /** Longest read of capstan.status when seeding the ledger on assignment. */
    @WithDefault("30s")
    Duration statusSeedTimeout();

    /** Retry backoff of failed passes. */
    BackoffConfig backoff();

    /** Workload cluster clients. */
    ClientConfig client();

    /** Backoff of failed passes. */
    interface BackoffConfig {
        /** First retry delay. */
        @WithDefault("200ms")
        Duration base();

        /** Longest retry delay. */
        @WithDefault("5m")
        Duration max();

        /** Failures after which Ready=False is published (retries go on). */
        @WithDefault("5")
        int giveUpAfter();
    }

    /** Timeouts of workload cluster clients. */
    interface ClientConfig {
        /** Per request. */
        @WithDefault("10s")
        Duration requestTimeout();

        /** Connection. */
        @WithDefault("5s")
        Duration connectTimeout();
    }
}
