package io.capstan.model;

import java.util.List;

/**
 * Names of the Kafka topics that Capstan's services share, as fixed in ARCHITECTURE.md ("How a change flows").
 *
 * <p>Every record key starts with the cluster name followed by {@code /} (or is the cluster name alone), so
 * {@link io.capstan.model.kafka.ClusterPartitioner} sends all records of one cluster to one partition.
 */
public final class Topics {

    /** Registered, updated and deregistered clusters with their resolved profile; key: cluster name; compacted. */
    public static final String CLUSTERS = "capstan.clusters";
    /** Trimmed workload-cluster objects; key: {@code cluster/group/kind/namespace/name}; compacted, tombstone on delete. */
    public static final String RESOURCES = "capstan.resources";
    /** Component and object conditions; key: {@code cluster/component[/kind/namespace/name]}; compacted. */
    public static final String STATUS = "capstan.status";
    /** Cross-service asks (for example an ACME DNS-01 TXT record); key: request id; delete policy. */
    public static final String REQUESTS = "capstan.requests";
    /** Poison records with the error that stopped them; key: the original key; delete policy. */
    public static final String DLQ = "capstan.dlq";

    /** The topics whose cleanup policy is {@code compact}. */
    public static final List<String> COMPACTED = List.of(CLUSTERS, RESOURCES, STATUS);
    /** Every topic, in the order of the architecture table. */
    public static final List<String> ALL = List.of(CLUSTERS, RESOURCES, STATUS, REQUESTS, DLQ);

    private Topics() {
    }
}
