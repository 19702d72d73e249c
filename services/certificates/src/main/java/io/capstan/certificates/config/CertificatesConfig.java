package io.capstan.certificates.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the certificates service, under {@code capstan.certificates}. */
@ConfigMapping(prefix = "capstan.certificates")
public interface CertificatesConfig {

    /** Period of the resync that enqueues every owned cluster, catching anything an event missed. Default 60 s. */
    @WithDefault("60s")
    Duration resyncInterval();

    /**
     * Longest age of the published component entry ({@code <cluster>/certificates}) before it is published again
     * unchanged with a fresh {@code observedAt} (the orchestrator's stale-after is 5 min). Default 60 s.
     */
    @WithDefault("60s")
    Duration statusHeartbeat();

    /** Worker threads of the keyed work queue (clusters reconciled in parallel). Default 2. */
    @WithDefault("2")
    int workers();

    /** Longest time to read back this component's entries on {@code capstan.status} on assignment. Default 30 s. */
    @WithDefault("30s")
    Duration statusSeedTimeout();

    /**
     * Delay before a certificate whose issuance failed (signing, ACME order, a transient error of the issuer) is tried
     * again; doubled per consecutive failure (kept in the Certificate's {@code status.failedIssuanceAttempts}) up to
     * {@link #issuanceRetryMax()}, as cert-manager does (1 h, 2 h, ... 32 h there). Default 1 min.
     */
    @WithDefault("1m")
    Duration issuanceRetryBase();

    /** Ceiling of the delay between failed issuance attempts of one certificate. Default 1 h. */
    @WithDefault("1h")
    Duration issuanceRetryMax();

    /** Retry policy of failed passes (a cluster that cannot be read, a 409). */
    BackoffConfig backoff();

    /** Workload-cluster client settings. */
    ClientConfig client();

    /** ACME settings shared by every fleet ACME issuer. */
    AcmeConfig acme();

    /** {@code capstan.certificates.backoff.*}. */
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

    /** {@code capstan.certificates.client.*}. */
    interface ClientConfig {
        /** Timeout of one request to a workload cluster's API server. Default 10 s. */
        @WithDefault("10s")
        Duration requestTimeout();

        /** Connection timeout to a workload cluster's API server. Default 5 s. */
        @WithDefault("5s")
        Duration connectTimeout();
    }

    /** {@code capstan.certificates.acme.*}. */
    interface AcmeConfig {
        /**
         * Longest wait for the DNS service to answer a DNS01Challenge request with Ready=True (Published), and for
         * the ACME server to validate the authorizations and issue. Past it the order fails (transient; tried again
         * after {@link #issuanceRetryBase()}). Default 2 min.
         */
        @WithDefault("2m")
        Duration timeout();

        /** TTL in seconds of the challenge TXT records asked from the DNS service. Default 60. */
        @WithDefault("60")
        long txtTtl();
    }
}
