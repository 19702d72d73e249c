package io.capstan.dns.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the dns service, under {@code capstan.dns}. */
@ConfigMapping(prefix = "capstan.dns")
public interface DnsConfig {

    /** Period of the resync that enqueues every owned cluster (re-reads the zones, catching hand edits). Default 60 s. */
    @WithDefault("60s")
    Duration resyncInterval();

    /**
     * Longest age of the published component entry ({@code <cluster>/dns}) before it is published again unchanged with
     * a fresh {@code observedAt} (the orchestrator's stale-after is 5 min). Default 60 s.
     */
    @WithDefault("60s")
    Duration statusHeartbeat();

    /** Worker threads of the keyed work queue (clusters reconciled in parallel). Default 2. */
    @WithDefault("2")
    int workers();

    /** Longest time to read back this component's entries on {@code capstan.status} on assignment. Default 30 s. */
    @WithDefault("30s")
    Duration statusSeedTimeout();

    /** Retry policy of failed passes. */
    BackoffConfig backoff();

    /** DNS provider settings shared by every profile. */
    ProviderConfig provider();

    /** {@code capstan.dns.backoff.*}. */
    interface BackoffConfig {
        /** Delay before the first retry. Default 200 ms. */
        @WithDefault("200ms")
        Duration base();

        /** Ceiling of any retry delay. Default 5 min. */
        @WithDefault("5m")
        Duration max();

        /** Failed passes after which the component reports Ready=False with the failure's reason. Default 5. */
        @WithDefault("5")
        int giveUpAfter();
    }

    /** {@code capstan.dns.provider.*}. */
    interface ProviderConfig {
        /** Timeout of one DNS message (an UPDATE's answer, each step of an AXFR). Default 10 s. */
        @WithDefault("10s")
        Duration timeout();

        /** Record sets per RFC 2136 UPDATE message (the bounded batch). Default 100. */
        @WithDefault("100")
        int maxRecordSetsPerMessage();
    }
}
