package io.capstan.watcher.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the cluster watcher, under {@code capstan.watcher}. */
@ConfigMapping(prefix = "capstan.watcher")
public interface WatcherConfig {

    /**
     * How often each owned cluster is probed ({@code GET /version}) and its watch state reconciled; also the retry
     * period while its kubeconfig is missing or invalid.
     */
    @WithDefault("5s")
    Duration probeInterval();

    /**
     * Longest time between two publications of an unchanged component status, so the orchestrator can tell a silent
     * watcher from a healthy one.
     */
    @WithDefault("60s")
    Duration statusHeartbeat();

    /** Connect timeout of the workload-cluster clients (fabric8 {@code Config.connectionTimeout}). */
    @WithDefault("3s")
    Duration connectTimeout();

    /** Request timeout of the workload-cluster clients (fabric8 {@code Config.requestTimeout}), probes included. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Informer resync period (re-delivery of cached objects; unchanged resourceVersions are not republished). */
    @WithDefault("10m")
    Duration informerResync();

    /**
     * Period of the full sweep: LIST every watched kind and tombstone published keys the cluster no longer has (also
     * run after the initial sync and after every reconnect).
     */
    @WithDefault("10m")
    Duration sweepInterval();

    /**
     * How long informers may stay not-watching after their API server answers again before the watcher rebuilds the
     * client and informers itself.
     */
    @WithDefault("30s")
    Duration recoveryGrace();

    /**
     * Size cap of a published object's JSON, in bytes; a larger object is published without spec and status and with
     * the annotation {@code capstan.io/truncated=true}.
     */
    @WithDefault("524288")
    int maxObjectBytes();

    /** Number of reconcile workers (one cluster at a time per worker). */
    @WithDefault("4")
    int workers();

    /** Timeout of reading a cluster's live keys back from {@code capstan.resources} at start. */
    @WithDefault("30s")
    Duration topicReadTimeout();
}
