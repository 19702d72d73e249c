package io.capstan.gateways.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.model.Topics;
import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.cluster.Profile;
import io.capstan.model.event.CloudEventHeaders;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.kafka.ClusterPartitioner;
import io.capstan.model.resource.ResourceKey;
import io.capstan.model.status.Condition;
import io.capstan.model.status.Conditions;
import io.capstan.model.status.StatusEvent;
import io.capstan.sandbox.junit.Sandbox;
import io.capstan.sandbox.junit.SandboxCluster;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test support for the gateways scenarios: plays the orchestrator (kubeconfig Secret, ClusterEvents) and the cluster
 * watcher (resource events that wake a cluster), and follows {@code capstan.status} and {@code capstan.dlq} from
 * their beginning in background threads.
 */
final class Scenario implements AutoCloseable {

    /** One consumed record. */
    record Rec(String topic, String key, String value, Map<String, String> headers) {
    }

    final Sandbox sandbox = Sandbox.shared();
    /** The management cluster's client (closed with the scenario). */
    final KubernetesClient management = sandbox.managementClient();
    private final KafkaProducer<String, String> producer;
    private final Map<String, Optional<String>> latestStatus = new ConcurrentHashMap<>();
    final List<Rec> records = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    Scenario() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.kafkaBootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, ClusterPartitioner.class.getName());
        producer = new KafkaProducer<>(p);
        follow(List.of(Topics.STATUS, Topics.DLQ));
    }

    private void follow(List<String> topics) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.kafkaBootstrap());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        List<TopicPartition> parts = topics.stream().flatMap(t -> consumer.partitionsFor(t, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(t, i.partition()))).toList();
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        Thread t = new Thread(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        Map<String, String> h = new ConcurrentHashMap<>();
                        r.headers().forEach(x -> h.put(x.key(), x.value() == null ? "" : new String(x.value(), StandardCharsets.UTF_8)));
                        records.add(new Rec(r.topic(), r.key(), r.value(), h));
                        if (r.topic().equals(Topics.STATUS)) {
                            latestStatus.put(r.key(), Optional.ofNullable(r.value()));
                        }
                    }
                }
            }
        }, "gateways-scenario-follower");
        t.setDaemon(true);
        t.start();
    }

    /** Starts (or reuses) a sandbox cluster and stores its kubeconfig Secret in the management namespace. */
    SandboxCluster cluster(String name) {
        SandboxCluster c = sandbox.cluster(name);
        KubernetesClient m = management;
        String ns = sandbox.managementNamespace();
        String secret = ClusterEvent.kubeconfigSecretName(name);
        if (m.secrets().inNamespace(ns).withName(secret).get() == null) {
            m.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(secret).withNamespace(ns)
                    .endMetadata().addToData(ClusterEvent.KUBECONFIG_KEY,
                            Base64.getEncoder().encodeToString(c.kubeconfig().getBytes(StandardCharsets.UTF_8))).build()).create();
        }
        return c;
    }

    /** Publishes a registration (generation 1), an update (later generations) or a deregistration. */
    void register(String name, Infrastructure infra, String profileJson, long generation, boolean deleting) {
        ClusterEvent e = new ClusterEvent(name, infra, "sandbox", Map.of(), new Profile("sandbox", Json.read(profileJson, JsonNode.class),
                generation), generation, deleting, null);
        send(Topics.CLUSTERS, name, deleting ? EventTypes.CLUSTER_DEREGISTERED
                : generation == 1 ? EventTypes.CLUSTER_REGISTERED : EventTypes.CLUSTER_UPDATED, Json.write(e));
    }

    /** What the watcher sends when an object of the cluster goes away: wakes the cluster's pass. */
    void wake(String cluster) {
        ResourceKey k = new ResourceKey(cluster, "", "Service", "wake", "w" + System.nanoTime());
        send(Topics.RESOURCES, k.toKey(), EventTypes.RESOURCE_DELETED, null);
    }

    void send(String topic, String key, String type, String value) {
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, value);
        CloudEventHeaders.of("/capstan/test", type, key, Instant.now(), value == null).toKafkaHeaders()
                .forEach((k, v) -> r.headers().add(k, v));
        try {
            producer.send(r).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The latest entry of a status key, empty when never published or tombstoned. */
    Optional<StatusEvent> status(String key) {
        Optional<String> v = latestStatus.get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(Json.read(v.get(), StatusEvent.class));
    }

    /** The Service entry of the gateways component. */
    Optional<StatusEvent> service(String cluster, String namespace, String name) {
        return status(cluster + "/gateways/Service/" + namespace + "/" + name);
    }

    /** The component entry. */
    Optional<StatusEvent> component(String cluster) {
        return status(cluster + "/gateways");
    }

    /** A condition of an entry, or null. */
    static Condition condition(Optional<StatusEvent> e, String type) {
        return e.flatMap(x -> Conditions.find(x.conditions(), type)).orElse(null);
    }

    /** True when the key was published and then tombstoned. */
    boolean withdrawn(String key) {
        Optional<String> v = latestStatus.get(key);
        return v != null && v.isEmpty();
    }

    @Override
    public void close() {
        running = false;
        producer.close();
        management.close();
    }
}
