package io.capstan.gateways.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.capstan.gateways.route.Fixtures;
import io.capstan.model.Topics;
import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.cluster.Profile;
import io.capstan.model.contract.AsyncApiContract;
import io.capstan.model.event.CloudEventHeaders;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.kafka.ClusterPartitioner;
import io.capstan.model.resource.ResourceKey;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.Conditions;
import io.capstan.model.status.StatusEvent;
import io.capstan.sandbox.junit.Sandbox;
import io.capstan.sandbox.junit.SandboxResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The edge through the running gateways service against the real sandbox (Kafka broker, fabric8 CRUD mock API
 * servers with the sandbox's stand-in for the gateway controller): a standalone cluster registered with a pool and
 * {@code gateways.edge} gets its edge Gateway, the edge Service takes an address from the allocator, the stand-in
 * copies it into the Gateway's status.addresses, the status entries on capstan.status follow the contract, and a
 * deregistration removes the edge. The test plays the orchestrator (ClusterEvents, kubeconfig Secret), the watcher
 * (resource events that wake a pass) and the certificates service (the listener Secrets).
 */
@QuarkusTest
@QuarkusTestResource(SandboxResource.class)
class EdgeServiceTest {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final String CLUSTER = "gwe-alpha";
    static final String PROFILE = """
        {"gateways": {"pools": [{"name": "edge", "addresses": ["192.0.2.40-192.0.2.41"]}],
                      "edge": {"clusterIssuer": "sandbox-ca"}}}""";
    static Sandbox sandbox;
    static KafkaProducer<String, String> producer;
    static final Map<String, Optional<String>> status = new ConcurrentHashMap<>();
    static final List<String[]> records = new java.util.concurrent.CopyOnWriteArrayList<>();
    static volatile boolean running = true;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.shared();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.kafkaBootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, ClusterPartitioner.class.getName());
        producer = new KafkaProducer<>(p);
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.kafkaBootstrap());
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c);
        List<TopicPartition> parts = consumer.partitionsFor(Topics.STATUS, Duration.ofSeconds(30)).stream()
            .map(i -> new TopicPartition(Topics.STATUS, i.partition())).toList();
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        Thread t = new Thread(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        if (r.key().startsWith(CLUSTER + "/")) {
                            status.put(r.key(), Optional.ofNullable(r.value()));
                            var source = r.headers().lastHeader("ce_source");
                            records.add(new String[] {r.key(), r.value(),
                                source == null ? "" : new String(source.value(), StandardCharsets.UTF_8)});
                        }
                    }
                }
            }
        }, "edge-status-follower");
        t.setDaemon(true);
        t.start();
    }

    @AfterAll
    static void stop() {
        running = false;
        producer.close();
    }

    static void send(String topic, String key, String type, String value) throws Exception {
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, value);
        CloudEventHeaders.of("/capstan/test", type, key, Instant.now(), value == null).toKafkaHeaders()
            .forEach((k, v) -> r.headers().add(k, v));
        producer.send(r).get();
    }

    static void register(long generation, boolean deleting) throws Exception {
        ClusterEvent e = new ClusterEvent(CLUSTER, Infrastructure.STANDALONE, "sandbox", Map.of(),
            new Profile("sandbox", Json.read(PROFILE, JsonNode.class), generation), generation, deleting, null);
        send(Topics.CLUSTERS, CLUSTER, deleting ? EventTypes.CLUSTER_DEREGISTERED
            : generation == 1 ? EventTypes.CLUSTER_REGISTERED : EventTypes.CLUSTER_UPDATED, Json.write(e));
    }

    /** What the cluster watcher sends when an object changes: wakes the cluster's pass. */
    static void wake() {
        try {
            ResourceKey k = new ResourceKey(CLUSTER, "gateway.networking.k8s.io", "Gateway", "capstan-gateways",
                "edge");
            send(Topics.RESOURCES, k.toKey(), EventTypes.RESOURCE_DELETED, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Optional<StatusEvent> entry(String kind, String ns, String name) {
        Optional<String> v = status.get(CLUSTER + "/gateways/" + kind + "/" + ns + "/" + name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(Json.read(v.get(), StatusEvent.class));
    }

    static Condition ready(Optional<StatusEvent> e) {
        return e.flatMap(x -> Conditions.find(x.conditions(), Conditions.READY)).orElse(null);
    }

    @Test
    void theEdgeOfARegisteredStandaloneClusterGetsAnAllocatedAddressCertificatesRouteStatusAndIsRemovedOnDeregistration()
        throws Exception {
        KubernetesClient c = sandbox.cluster(CLUSTER).client();
        KubernetesClient m = sandbox.managementClient();
        String secret = ClusterEvent.kubeconfigSecretName(CLUSTER);
        m.secrets().inNamespace(sandbox.managementNamespace()).resource(new SecretBuilder().withNewMetadata()
            .withName(secret).withNamespace(sandbox.managementNamespace()).endMetadata()
            .addToData(ClusterEvent.KUBECONFIG_KEY, Base64.getEncoder().encodeToString(
                sandbox.cluster(CLUSTER).kubeconfig().getBytes(StandardCharsets.UTF_8))).build()).create();
        SandboxObjects.apply(c, Fixtures.parse("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: portal}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: portal}
            spec: {ports: [{name: http, port: 8080}]}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: portal, namespace: portal}
            spec:
              parentRefs: [{name: edge, namespace: capstan-gateways}]
              hostnames: [portal.example.com]
              rules: [{backendRefs: [{name: web, port: 8080}]}]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: elsewhere, namespace: portal}
            spec:
              parentRefs: [{name: edge, namespace: capstan-gateways, sectionName: grpc}]
            """));
        register(1, false);

        // allocator (gateways service) -> edge Service status -> sandbox stand-in -> Gateway status.addresses
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            wake();
            JsonNode gw = SandboxObjects.get(c, EdgeReconciler.GATEWAYS, "capstan-gateways", "edge");
            assertThat(gw).isNotNull();
            assertThat(gw.at("/status/addresses/0/value").asText()).isEqualTo("192.0.2.40");
            assertThat(ready(entry("Gateway", "capstan-gateways", "edge")).reason())
                .isEqualTo(EdgeReport.WAITING_FOR_CERTIFICATES);
        });
        StatusEvent gwEntry = entry("Gateway", "capstan-gateways", "edge").orElseThrow();
        assertThat(gwEntry.details().path("addresses").toString()).isEqualTo("[\"192.0.2.40\"]");
        assertThat(gwEntry.details().at("/listeners/1/certificateSecret").asText()).isEqualTo("edge-portal.example.com");
        assertThat(c.services().inNamespace("capstan-gateways").withName("edge-capstan-edge").get().getStatus()
            .getLoadBalancer().getIngress().get(0).getIp()).isEqualTo("192.0.2.40");
        assertThat(ready(entry("HTTPRoute", "portal", "elsewhere")).reason()).isEqualTo("NoMatchingParent");

        // the certificates service issues the listener's Secret (cert-manager's layout)
        c.secrets().inNamespace("capstan-gateways").resource(new SecretBuilder().withNewMetadata()
            .withName("edge-portal.example.com").withNamespace("capstan-gateways").endMetadata()
            .withType("kubernetes.io/tls").addToData("tls.crt", "Y2VydA==").addToData("tls.key", "a2V5").build())
            .create();
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            wake();
            assertThat(ready(entry("Gateway", "capstan-gateways", "edge")).status()).isEqualTo(ConditionStatus.True);
            assertThat(ready(entry("HTTPRoute", "portal", "portal")).status()).isEqualTo(ConditionStatus.True);
        });
        assertThat(SandboxObjects.reason(SandboxObjects.capstanParent(c, "portal", "portal", "capstan-gateways",
            "edge"), "Accepted")).isEqualTo("Accepted");

        assertContract();

        register(2, true);
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(SandboxObjects.get(c, EdgeReconciler.GATEWAYS, "capstan-gateways", "edge")).isNull();
            assertThat(c.services().inNamespace("capstan-gateways").withName("edge-capstan-edge").get()).isNull();
            assertThat(SandboxObjects.get(c, EdgeReconciler.GATEWAY_CLASSES, null, "capstan-edge")).isNull();
            assertThat(SandboxObjects.capstanParent(c, "portal", "portal", "capstan-gateways", "edge")).isNull();
        });
    }

    /** Every edge entry published matches the AsyncAPI contract and its details schema. */
    static void assertContract() throws Exception {
        AsyncApiContract contract;
        Path repo = Path.of(System.getProperty("capstan.repo.root", "../.."));
        try (InputStream in = Files.newInputStream(repo.resolve("docs/asyncapi.yaml"))) {
            contract = AsyncApiContract.load(in);
        }
        JsonNode schemas = contract.document().path("components").path("schemas");
        JsonSchemaFactory f = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        JsonSchema gatewayDetails = f.getSchema(schemas.path("GatewaysEdgeGatewayDetails"));
        JsonSchema routeDetails = f.getSchema(schemas.path("GatewaysHttpRouteDetails"));
        int checked = 0;
        for (String[] r : records) {
            if (r[1] == null || !"/capstan/gateways".equals(r[2])) {
                continue;
            }
            StatusEvent e = Json.read(r[1], StatusEvent.class);
            if (e.subject() == null || e.details() == null) {
                continue;
            }
            JsonSchema schema = switch (e.subject().kind()) {
                case "Gateway" -> gatewayDetails;
                case "HTTPRoute" -> routeDetails;
                default -> null;
            };
            if (schema != null) {
                assertThat(schema.validate(e.details())).as("details of %s", r[0]).isEmpty();
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(3);
    }
}
