package io.capstan.storage.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.model.Topics;
import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.cluster.Profile;
import io.capstan.model.event.Json;
import io.capstan.model.resource.ResourceKey;
import io.capstan.model.status.StatusEvent;
import io.capstan.sandbox.junit.EventWire;
import io.capstan.sandbox.junit.Sandbox;
import io.capstan.sandbox.junit.SandboxCluster;
import io.capstan.sandbox.junit.TopicRecorder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the orchestrator's and the cluster watcher's parts for the storage tests: writes the kubeconfig Secret,
 * produces ClusterEvents and ResourceEvents with CloudEvents headers, and reads {@code capstan.status} and
 * {@code capstan.dlq}. Test support.
 */
final class Fleet implements AutoCloseable {

    /** The sandbox profile's storage section (deploy/sandbox/profiles/sandbox.json, abridged). */
    static final String SANDBOX_STORAGE = """
            {"storage": {"ownsDefault": true, "classes": [
              {"name": "capstan-standard", "provisioner": "rbd.csi.ceph.com",
               "parameters": {"clusterID": "sandbox-ceph-cluster-id", "pool": "kubernetes"}, "default": true, "snapshot": true}]}}""";

    final Sandbox sandbox = Sandbox.shared();
    final EventWire wire;
    final KafkaProducer<String, String> producer;
    final TopicRecorder status;
    final TopicRecorder dlq;

    Fleet() {
        wire = new EventWire(sandbox.kafkaBootstrap());
        producer = wire.producer();
        status = new TopicRecorder(sandbox.kafkaBootstrap(), Topics.STATUS);
        dlq = new TopicRecorder(sandbox.kafkaBootstrap(), Topics.DLQ);
    }

    /** Starts (or reuses) a sandbox cluster and stores its kubeconfig Secret in the management namespace. */
    SandboxCluster cluster(String name) {
        SandboxCluster c = sandbox.cluster(name);
        storeKubeconfig(name, c);
        return c;
    }

    /**
     * Registers a second name for a running sandbox cluster: stores {@code target}'s kubeconfig as the Secret of
     * {@code alias}, so two registered clusters point at the same API server.
     */
    void alias(String alias, SandboxCluster target) {
        storeKubeconfig(alias, target);
    }

    private void storeKubeconfig(String name, SandboxCluster c) {
        KubernetesClient m = sandbox.managementClient();
        String ns = sandbox.managementNamespace();
        m.secrets().inNamespace(ns).withName(ClusterEvent.kubeconfigSecretName(name)).delete();
        m.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata()
                .withName(ClusterEvent.kubeconfigSecretName(name)).withNamespace(ns).endMetadata()
                .addToData(ClusterEvent.KUBECONFIG_KEY, Base64.getEncoder().encodeToString(c.kubeconfig().getBytes(StandardCharsets.UTF_8)))
                .build()).create();
    }

    /** The bearer token inside a sandbox cluster's kubeconfig (to search for leaks; never print it). */
    static String token(SandboxCluster c) {
        Matcher m = Pattern.compile("token:\\s*\"?([A-Za-z0-9._-]+)").matcher(c.kubeconfig());
        if (!m.find()) {
            throw new IllegalStateException("the sandbox kubeconfig of " + c.name() + " has no token");
        }
        return m.group(1);
    }

    static ClusterEvent event(String name, Infrastructure infra, String profileJson, long generation, boolean deleting) {
        JsonNode spec = read(profileJson);
        return new ClusterEvent(name, infra, "sandbox", Map.of(), new Profile("sandbox", spec, generation), generation,
                deleting, null);
    }

    void register(ClusterEvent e) {
        wire.register(e);
    }

    void clusterDeleted(String name) {
        wire.clusterDeleted(name);
    }

    /** Emits what the watcher would for a changed object. */
    void resourceChanged(String cluster, HasMetadata o) {
        wire.resourceChanged(cluster, o);
    }

    /** Emits what the watcher would for a deleted object: a tombstone. */
    void resourceDeleted(ResourceKey key) {
        wire.resourceDeleted(key);
    }

    void send(String topic, String key, String type, String value) {
        wire.send(topic, key, type, value);
    }

    /** The latest status entry of a key, if published and not withdrawn. */
    Optional<StatusEvent> status(String key) {
        Optional<String> v = status.latest(key);
        return v == null ? Optional.empty() : v.map(s -> Json.read(s, StatusEvent.class));
    }

    /** True when the key was tombstoned last. */
    boolean withdrawn(String key) {
        Optional<String> v = status.latest(key);
        return v != null && v.isEmpty();
    }

    static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        wire.close();
        status.close();
        dlq.close();
    }
}
