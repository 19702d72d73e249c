package io.capstan.sandbox.junit;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.model.Topics;
import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.event.CloudEventHeaders;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.kafka.ClusterPartitioner;
import io.capstan.model.resource.ResourceEvent;
import io.capstan.model.resource.ResourceKey;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * Plays the orchestrator's and the cluster watcher's Kafka parts in the services' scenario tests: produces
 * ClusterEvents ({@code capstan.clusters}) and ResourceEvents ({@code capstan.resources}) as CloudEvents 1.0 in Kafka
 * binary mode (source {@code /capstan/test}, {@link CloudEventHeaders}), keyed and partitioned like the real
 * producers ({@link ClusterPartitioner}). Every send waits for the broker's acknowledgement. Test support; the caller
 * brings kafka-clients and capstan-shared-model (this module only compiles against them).
 */
public final class EventWire implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    /**
     * @param bootstrap Kafka bootstrap servers ({@code host:port[,...]})
     */
    public EventWire(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, ClusterPartitioner.class.getName());
        producer = new KafkaProducer<>(p);
    }

    /** The underlying producer (e.g. for {@code partitionsFor}); closed with this wire. */
    public KafkaProducer<String, String> producer() {
        return producer;
    }

    /**
     * Publishes a registration (generation 1), an update (later generations) or a deregistration ({@code deleting}).
     */
    public void register(ClusterEvent e) {
        send(Topics.CLUSTERS, e.name(), e.deleting() ? EventTypes.CLUSTER_DEREGISTERED
                : e.generation() == 1 ? EventTypes.CLUSTER_REGISTERED : EventTypes.CLUSTER_UPDATED, Json.write(e));
    }

    /** Publishes the orchestrator's final tombstone of a cluster (ce_type {@code io.capstan.cluster.deleted.v1}). */
    public void clusterDeleted(String name) {
        send(Topics.CLUSTERS, name, EventTypes.CLUSTER_DELETED, null);
    }

    /**
     * Emits what the watcher would for a changed object: its JSON as given, generation 0 in the event.
     *
     * @param cluster the workload cluster's name
     * @param o       the object as the API server returned it (apiVersion, kind, metadata set)
     */
    public void resourceChanged(String cluster, HasMetadata o) {
        JsonNode obj = Json.MAPPER.valueToTree(o);
        ResourceEvent ev = new ResourceEvent(cluster, o.getApiVersion(), o.getKind(), o.getMetadata().getNamespace(),
                o.getMetadata().getName(), o.getMetadata().getUid(), o.getMetadata().getResourceVersion(), 0,
                Instant.now(), obj);
        send(Topics.RESOURCES, ev.key().toKey(), EventTypes.RESOURCE_CHANGED, Json.write(ev));
    }

    /** Emits what the watcher would for a deleted object: a tombstone. */
    public void resourceDeleted(ResourceKey key) {
        send(Topics.RESOURCES, key.toKey(), EventTypes.RESOURCE_DELETED, null);
    }

    /**
     * Sends one record with CloudEvents headers and waits for it to be acknowledged.
     *
     * @param value the JSON payload, or null for a tombstone (then no content-type header)
     * @throws IllegalStateException wrapping the failure when the send fails or the thread is interrupted
     */
    public void send(String topic, String key, String type, String value) {
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, value);
        CloudEventHeaders.of("/capstan/test", type, key, Instant.now(), value == null).toKafkaHeaders()
                .forEach((k, v) -> r.headers().add(k, v));
        try {
            producer.send(r).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
