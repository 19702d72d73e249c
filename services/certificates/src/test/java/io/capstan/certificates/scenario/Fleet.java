package io.capstan.certificates.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.model.Topics;
import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.cluster.Profile;
import io.capstan.model.event.Json;
import io.capstan.model.status.StatusEvent;
import io.capstan.sandbox.junit.EventWire;
import io.capstan.sandbox.junit.Sandbox;
import io.capstan.sandbox.junit.SandboxCluster;
import io.capstan.sandbox.junit.TopicRecorder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Plays the orchestrator's and the cluster watcher's parts for the certificates tests: writes kubeconfig and CA
 * Secrets in the management namespace, produces ClusterEvents and ResourceEvents with CloudEvents headers, and reads
 * {@code capstan.status}, {@code capstan.requests} and {@code capstan.dlq}. Test support.
 */
final class Fleet implements AutoCloseable {

    final Sandbox sandbox = Sandbox.shared();
    final EventWire wire;
    final TopicRecorder status;
    final TopicRecorder dlq;
    final TopicRecorder requests;

    Fleet() {
        wire = new EventWire(sandbox.kafkaBootstrap());
        status = new TopicRecorder(sandbox.kafkaBootstrap(), Topics.STATUS);
        dlq = new TopicRecorder(sandbox.kafkaBootstrap(), Topics.DLQ);
        requests = new TopicRecorder(sandbox.kafkaBootstrap(), Topics.REQUESTS);
    }

    /** Starts (or reuses) a sandbox cluster and stores its kubeconfig Secret in the management namespace. */
    SandboxCluster cluster(String name) {
        SandboxCluster c = sandbox.cluster(name);
        managementSecret(ClusterEvent.kubeconfigSecretName(name), null,
                Map.of(ClusterEvent.KUBECONFIG_KEY, c.kubeconfig().getBytes(StandardCharsets.UTF_8)));
        return c;
    }

    /** Creates or replaces a Secret of the management namespace. */
    void managementSecret(String name, String type, Map<String, byte[]> data) {
        KubernetesClient m = sandbox.managementClient();
        String ns = sandbox.managementNamespace();
        m.secrets().inNamespace(ns).withName(name).delete();
        SecretBuilder b = new SecretBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata();
        if (type != null) {
            b.withType(type);
        }
        data.forEach((k, v) -> b.addToData(k, Base64.getEncoder().encodeToString(v)));
        m.secrets().inNamespace(ns).resource(b.build()).create();
    }

    /** The certificates section of a sandbox profile file (deploy/sandbox/profiles). */
    static JsonNode sandboxProfile(String file) {
        try {
            Path root = Path.of(System.getProperty("capstan.repo.root", "../.."));
            return Json.MAPPER.readTree(Files.readString(root.resolve("deploy/sandbox/profiles/" + file))).path("spec");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ClusterEvent event(String name, Infrastructure infra, JsonNode spec, long generation, boolean deleting) {
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

    /** Creates an object in a workload cluster and tells the service, as the watcher would. */
    GenericKubernetesResource apply(SandboxCluster c, String yamlOrJson) {
        try (KubernetesClient k = c.client()) {
            GenericKubernetesResource r = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(yamlOrJson, GenericKubernetesResource.class);
            GenericKubernetesResource created = k.resource(r).createOr(x -> x.update());
            resourceChanged(c.name(), created);
            return created;
        }
    }

    /** Applies every object of a manifest file (multi-document YAML) to a workload cluster, as kubectl apply would. */
    java.util.List<io.fabric8.kubernetes.api.model.HasMetadata> applyFile(SandboxCluster c, Path file, String defaultNamespace) {
        try (KubernetesClient k = c.client(); java.io.InputStream in = Files.newInputStream(file)) {
            java.util.List<io.fabric8.kubernetes.api.model.HasMetadata> out = new java.util.ArrayList<>();
            for (io.fabric8.kubernetes.api.model.HasMetadata o : k.load(in).items()) {
                if (o.getMetadata().getNamespace() == null && defaultNamespace != null && !o.getKind().startsWith("Cluster")) {
                    o.getMetadata().setNamespace(defaultNamespace);
                }
                io.fabric8.kubernetes.api.model.HasMetadata created = k.resource(o).createOr(x -> x.update());
                resourceChanged(c.name(), created);
                out.add(created);
            }
            return out;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The upstream fixtures folder ({@code ${capstan.repo.root}/../shared/fixtures/upstream}). */
    static Path fixtures() {
        return Path.of(System.getProperty("capstan.repo.root", "../..")).resolve("../shared/fixtures/upstream").normalize();
    }

    void send(String topic, String key, String type, String value) {
        wire.send(topic, key, type, value);
    }

    /** The latest status entry of a key, if published and not withdrawn. */
    Optional<StatusEvent> status(String key) {
        Optional<String> v = status.latest(key);
        return v == null ? Optional.empty() : v.map(s -> Json.read(s, StatusEvent.class));
    }

    @Override
    public void close() {
        wire.close();
        status.close();
        dlq.close();
        requests.close();
    }
}
