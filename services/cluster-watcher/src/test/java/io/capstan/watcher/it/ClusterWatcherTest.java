package io.capstan.watcher.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.model.Topics;
import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.event.CloudEventHeaders;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.kafka.ClusterPartitioner;
import io.capstan.model.resource.ResourceEvent;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.Conditions;
import io.capstan.model.status.StatusEvent;
import io.capstan.sandbox.junit.Sandbox;
import io.capstan.sandbox.junit.SandboxCluster;
import io.capstan.sandbox.junit.SandboxResource;
import io.capstan.watcher.messaging.EventProducer;
import io.capstan.watcher.status.WatcherStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * The watcher against the real sandbox: a real Kafka broker and fabric8 CRUD mock API servers (an emulator: no
 * controllers, no scheduler). The test plays the orchestrator: it writes the {@code <cluster>-kubeconfig} Secret and
 * produces ClusterEvents on capstan.clusters.
 */
@QuarkusTest
@WithTestResource(SandboxResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterWatcherTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Set<String> USED_CLUSTERS = ConcurrentHashMap.newKeySet();
    private static TopicRecorder recorder;
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void connect() {
        String bootstrap = Sandbox.shared().kafkaBootstrap();
        recorder = new TopicRecorder(bootstrap);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.PARTITIONER_CLASS_CONFIG, ClusterPartitioner.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void close() {
        producer.close();
        recorder.close();
    }

    // ---------------------------------------------------------------- tests

    @Test
    @Order(1)
    void objectsOfARegisteredClusterArePublishedTrimmedWithCloudEventHeadersAndDeletesAreTombstones() throws Exception {
        SandboxCluster cluster = register("wa", 1);
        awaitCondition("wa", WatcherStatus.CLUSTER_REACHABLE, ConditionStatus.True, "Reachable");
        try (KubernetesClient c = cluster.client()) {
            c.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata().withName("fast")
                    .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", "{\"kind\":\"StorageClass\"}")
                    .addToAnnotations("storageclass.kubernetes.io/is-default-class", "true")
                    .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl").withOperation("Apply").build())
                    .endMetadata().withProvisioner("rbd.csi.ceph.com").build()).create();
            c.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build()).create();
            c.services().inNamespace("team-a").resource(new ServiceBuilder().withNewMetadata().withName("web").endMetadata()
                    .withNewSpec().withType("ClusterIP").addNewPort().withPort(80).endPort().endSpec().build()).create();
            c.genericKubernetesResources(certificates()).inNamespace("team-a").resource(new GenericKubernetesResourceBuilder()
                    .withApiVersion("cert-manager.io/v1").withKind("Certificate")
                    .withNewMetadata().withName("web-tls").withNamespace("team-a").endMetadata()
                    .addToAdditionalProperties("spec", Map.of("secretName", "web-tls", "dnsNames", List.of("web.example.org"),
                            "issuerRef", Map.of("name", "letsencrypt", "kind", "ClusterIssuer")))
                    .build()).create();

            ConsumerRecord<String, String> sc = awaitResource("wa/storage.k8s.io/StorageClass/_/fast");
            assertCloudEvent(sc, "wa", EventTypes.RESOURCE_CHANGED);
            ResourceEvent scEvent = Json.read(sc.value(), ResourceEvent.class);
            assertThat(scEvent.cluster()).isEqualTo("wa");
            assertThat(scEvent.apiVersion()).isEqualTo("storage.k8s.io/v1");
            assertThat(scEvent.kind()).isEqualTo("StorageClass");
            assertThat(scEvent.namespace()).isNull();
            assertThat(scEvent.resourceVersion()).isNotBlank();
            assertThat(scEvent.object().at("/metadata").has("managedFields")).isFalse();
            assertThat(scEvent.object().at("/metadata/annotations").has("kubectl.kubernetes.io/last-applied-configuration")).isFalse();
            assertThat(scEvent.object().at("/metadata/annotations/storageclass.kubernetes.io~1is-default-class").asText()).isEqualTo("true");
            assertThat(scEvent.object().path("provisioner").asText()).isEqualTo("rbd.csi.ceph.com");

            assertCloudEvent(awaitResource("wa/core/Namespace/_/team-a"), "wa", EventTypes.RESOURCE_CHANGED);
            ConsumerRecord<String, String> svc = awaitResource("wa/core/Service/team-a/web");
            assertCloudEvent(svc, "wa", EventTypes.RESOURCE_CHANGED);
            assertThat(Json.read(svc.value(), ResourceEvent.class).object().at("/spec/type").asText()).isEqualTo("ClusterIP");
            ConsumerRecord<String, String> cert = awaitResource("wa/cert-manager.io/Certificate/team-a/web-tls");
            assertCloudEvent(cert, "wa", EventTypes.RESOURCE_CHANGED);
            assertThat(Json.read(cert.value(), ResourceEvent.class).object().at("/spec/secretName").asText()).isEqualTo("web-tls");

            c.services().inNamespace("team-a").withName("web").delete();
            await().atMost(WAIT).until(() -> recorder.latest(Topics.RESOURCES, "wa/core/Service/team-a/web")
                    .map(r -> r.value() == null).orElse(false));
            ConsumerRecord<String, String> tomb = recorder.latest(Topics.RESOURCES, "wa/core/Service/team-a/web").orElseThrow();
            assertCloudEvent(tomb, "wa", EventTypes.RESOURCE_DELETED);
            assertThat(TopicRecorder.header(tomb, "content-type")).isNull();
        }
        StatusEvent status = latestStatus("wa").orElseThrow();
        assertThat(status.observedGeneration()).isEqualTo(1);
        assertThat(Conditions.isTrue(status.conditions(), Conditions.READY)).isTrue();
    }

    @Test
    @Order(2)
    void stoppedClusterIsReportedUnreachableAndTheWatchRecoversAfterItComesBack() {
        SandboxCluster cluster = register("wb", 1);
        awaitCondition("wb", WatcherStatus.CLUSTER_REACHABLE, ConditionStatus.True, "Reachable");
        try (KubernetesClient c = cluster.client()) {
            c.services().inNamespace("default").resource(service("before")).create();
        }
        awaitResource("wb/core/Service/default/before");

        cluster.stop();
        awaitCondition("wb", WatcherStatus.CLUSTER_REACHABLE, ConditionStatus.False, "Unreachable");
        assertThat(Conditions.find(latestStatus("wb").orElseThrow().conditions(), Conditions.READY).orElseThrow().status())
                .isEqualTo(ConditionStatus.False);

        cluster.start();
        awaitCondition("wb", WatcherStatus.CLUSTER_REACHABLE, ConditionStatus.True, "Reachable");
        try (KubernetesClient c = cluster.client()) {
            c.services().inNamespace("default").withName("before").delete();
            c.services().inNamespace("default").resource(service("after")).create();
        }
        awaitResource("wb/core/Service/default/after");
        await().atMost(WAIT).until(() -> recorder.latest(Topics.RESOURCES, "wb/core/Service/default/before")
                .map(r -> r.value() == null).orElse(false));
    }

    @Test
    @Order(3)
    void staleKeyOnTheTopicIsTombstonedAfterTheInitialSyncWhileLiveObjectsStay() throws Exception {
        String ghost = "wc/core/Service/default/ghost";
        String live = "wc/core/Namespace/_/default";
        ResourceEvent stale = new ResourceEvent("wc", "v1", "Service", "default", "ghost", "uid-1", "1", 0, Instant.now(),
                Json.MAPPER.createObjectNode());
        send(Topics.RESOURCES, ghost, Json.write(stale), EventTypes.RESOURCE_CHANGED);
        await().atMost(WAIT).until(() -> recorder.latest(Topics.RESOURCES, ghost).isPresent());

        register("wc", 1);
        await().atMost(WAIT).until(() -> recorder.latest(Topics.RESOURCES, ghost).map(r -> r.value() == null).orElse(false));
        assertCloudEvent(recorder.latest(Topics.RESOURCES, ghost).orElseThrow(), "wc", EventTypes.RESOURCE_DELETED);
        assertThat(awaitResource(live).value()).isNotNull();
        awaitCondition("wc", Conditions.READY, ConditionStatus.True, "Watching");
        assertThat(recorder.latest(Topics.RESOURCES, live).orElseThrow().value()).isNotNull();
    }

    @Test
    @Order(4)
    void poisonRecordsOnClustersLandOnTheDlqAndTheNextRegistrationStillWorks() throws Exception {
        send(Topics.CLUSTERS, "poison-json", "{not json", EventTypes.CLUSTER_REGISTERED);
        send(Topics.CLUSTERS, "poison-type", Json.write(event("poison-type", 1, false)), "io.capstan.cluster.exploded.v9");
        send(Topics.CLUSTERS, "poison-mismatch", Json.write(event("someone-else", 1, false)), EventTypes.CLUSTER_REGISTERED);
        register("wd", 1);
        await().atMost(WAIT).until(() -> recorder.of(Topics.DLQ).stream().map(ConsumerRecord::key).toList()
                .containsAll(List.of("poison-json", "poison-type", "poison-mismatch")));
        awaitCondition("wd", WatcherStatus.CLUSTER_REACHABLE, ConditionStatus.True, "Reachable");
        awaitResource("wd/core/Namespace/_/kube-system");
    }

    @Test
    @Order(5)
    void clusterWithoutKubeconfigSecretIsReportedKubeconfigMissing() throws Exception {
        send(Topics.CLUSTERS, "wf", Json.write(event("wf", 1, false)), EventTypes.CLUSTER_REGISTERED);
        awaitCondition("wf", WatcherStatus.CLUSTER_REACHABLE, ConditionStatus.False, "KubeconfigMissing");
    }

    @Test
    @Order(6)
    void deregisteredClusterTombstonesItsKeysReportsFinalizedAndDeletionRemovesItsStatus() throws Exception {
        SandboxCluster cluster = register("we", 1);
        try (KubernetesClient c = cluster.client()) {
            c.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata().withName("slow")
                    .endMetadata().withProvisioner("nfs.csi.k8s.io").build()).create();
        }
        awaitResource("we/storage.k8s.io/StorageClass/_/slow");
        awaitResource("we/core/Namespace/_/default");
        awaitCondition("we", Conditions.READY, ConditionStatus.True, "Watching");

        send(Topics.CLUSTERS, "we", Json.write(event("we", 2, true)), EventTypes.CLUSTER_DEREGISTERED);
        awaitCondition("we", Conditions.FINALIZED, ConditionStatus.True, "CleanedUp");
        StatusEvent finalized = latestStatus("we").orElseThrow();
        assertThat(Conditions.find(finalized.conditions(), Conditions.FINALIZED).orElseThrow().observedGeneration()).isEqualTo(2);
        assertThat(Conditions.find(finalized.conditions(), Conditions.READY).orElseThrow().reason()).isEqualTo("Deleting");
        for (String key : List.of("we/storage.k8s.io/StorageClass/_/slow", "we/core/Namespace/_/default", "we/core/Namespace/_/kube-system")) {
            assertThat(recorder.latest(Topics.RESOURCES, key).orElseThrow().value()).as(key).isNull();
        }

        send(Topics.CLUSTERS, "we", null, EventTypes.CLUSTER_DELETED);
        await().atMost(WAIT).until(() -> recorder.latest(Topics.STATUS, "we/cluster-watcher").map(r -> r.value() == null).orElse(false));
        assertThat(TopicRecorder.header(recorder.latest(Topics.STATUS, "we/cluster-watcher").orElseThrow(), "ce_type"))
                .isEqualTo(EventTypes.STATUS_REMOVED);
    }

    @Test
    @Order(7)
    void healthIsUpAndMetricsCountWatchedClustersAndPublishedChanges() {
        given().when().get("/q/health/ready").then().statusCode(200).body(containsString("UP"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("capstan_watcher_clusters_watched"))
                .body(containsString("capstan_watcher_resource_events_total{cluster=\"wa\",event=\"changed\""));
    }

    @Test
    @Order(8)
    void updatedClusterRestartsItsInformersAtTheNewGenerationWithoutRepublishingUnchangedObjects() {
        int before = recorder.of(Topics.RESOURCES, "wa/storage.k8s.io/StorageClass/_/fast").size();
        send(Topics.CLUSTERS, "wa", Json.write(event("wa", 2, false)), EventTypes.CLUSTER_UPDATED);
        await().atMost(WAIT).until(() -> latestStatus("wa").map(s -> s.observedGeneration() == 2
                && Conditions.isTrue(s.conditions(), Conditions.READY)).orElse(false));
        try (KubernetesClient c = Sandbox.shared().cluster("wa").client()) {
            c.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata().withName("after-update")
                    .endMetadata().withProvisioner("nfs.csi.k8s.io").build()).create();
        }
        awaitResource("wa/storage.k8s.io/StorageClass/_/after-update");
        assertThat(recorder.of(Topics.RESOURCES, "wa/storage.k8s.io/StorageClass/_/fast")).hasSize(before);
    }

    @Test
    @Order(9)
    void kubeconfigThatIsNotUsableIsReportedKubeconfigInvalid() {
        try (KubernetesClient mgmt = Sandbox.shared().managementClient()) {
            mgmt.secrets().inNamespace("capstan-system").resource(new SecretBuilder().withNewMetadata()
                    .withName(ClusterEvent.kubeconfigSecretName("wg")).endMetadata()
                    .addToData(ClusterEvent.KUBECONFIG_KEY, Base64.getEncoder().encodeToString(
                            "apiVersion: v1\nkind: Config\nclusters: []\n".getBytes(StandardCharsets.UTF_8))).build())
                    .createOr(r -> r.update());
        }
        send(Topics.CLUSTERS, "wg", Json.write(event("wg", 1, false)), EventTypes.CLUSTER_REGISTERED);
        awaitCondition("wg", WatcherStatus.CLUSTER_REACHABLE, ConditionStatus.False, "KubeconfigInvalid");
        assertThat(Conditions.find(latestStatus("wg").orElseThrow().conditions(), Conditions.READY).orElseThrow().reason())
                .isEqualTo("KubeconfigInvalid");
    }

    @Test
    @Order(99)
    void logLinesAboutAClusterCarryItsNameAsTheMdcFieldCluster() throws Exception {
        Path log = Path.of("target/cluster-watcher-test.log");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Files.readAllLines(log))
                .anyMatch(l -> l.contains("{cluster=wa} cluster wa: watching")));
        // lines of this format only (the file is appended to across runs)
        assertThat(Files.readAllLines(log)).filteredOn(l -> l.contains(" {cluster=") && l.contains(" cluster wa: "))
                .allMatch(l -> l.contains("{cluster=wa} "));
    }

    @Test
    @Order(100)
    void kubeconfigTokenAppearsInNoRecordOnAnyTopicAndInNoLogLine() throws Exception {
        assertThat(USED_CLUSTERS).isNotEmpty();
        Pattern tokenLine = Pattern.compile("token:\\s*\"?([^\"\\s]+)");
        for (String name : USED_CLUSTERS) {
            Matcher m = tokenLine.matcher(Sandbox.shared().cluster(name).kubeconfig());
            assertThat(m.find()).as("sandbox kubeconfig of %s has a token", name).isTrue();
            String token = m.group(1);
            assertThat(token).hasSizeGreaterThan(8);
            for (ConsumerRecord<String, String> r : recorder.all()) {
                StringBuilder all = new StringBuilder(String.valueOf(r.key())).append(r.value());
                r.headers().forEach(h -> all.append(new String(h.value(), StandardCharsets.UTF_8)));
                assertThat(all.toString()).as("record %s/%s", r.topic(), r.key()).doesNotContain(token);
            }
            Path log = Path.of("target/cluster-watcher-test.log");
            assertThat(log).exists();
            assertThat(Files.readString(log)).doesNotContain(token);
        }
    }

    // ---------------------------------------------------------------- the orchestrator's part

    private static SandboxCluster register(String name, long generation) {
        SandboxCluster cluster = Sandbox.shared().cluster(name);
        USED_CLUSTERS.add(name);
        try (KubernetesClient mgmt = Sandbox.shared().managementClient()) {
            mgmt.secrets().inNamespace("capstan-system").resource(new SecretBuilder().withNewMetadata()
                    .withName(ClusterEvent.kubeconfigSecretName(name)).endMetadata()
                    .addToData(ClusterEvent.KUBECONFIG_KEY, Base64.getEncoder().encodeToString(
                            cluster.kubeconfig().getBytes(StandardCharsets.UTF_8))).build()).createOr(r -> r.update());
        }
        send(Topics.CLUSTERS, name, Json.write(event(name, generation, false)), EventTypes.CLUSTER_REGISTERED);
        return cluster;
    }

    private static ClusterEvent event(String name, long generation, boolean deleting) {
        return new ClusterEvent(name, Infrastructure.STANDALONE, "lab", Map.of(), null, generation, deleting, null);
    }

    private static void send(String topic, String key, String value, String type) {
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, value);
        CloudEventHeaders.of("/capstan/test", type, key, Instant.now(), value == null).toKafkaHeaders()
                .forEach((n, v) -> r.headers().add(n, v));
        try {
            producer.send(r).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- waiting and asserting

    private static ConsumerRecord<String, String> awaitResource(String key) {
        await().atMost(WAIT).until(() -> recorder.latest(Topics.RESOURCES, key).map(r -> r.value() != null).orElse(false));
        return recorder.latest(Topics.RESOURCES, key).orElseThrow();
    }

    private static Optional<StatusEvent> latestStatus(String cluster) {
        return recorder.latest(Topics.STATUS, cluster + "/" + WatcherStatus.COMPONENT)
                .filter(r -> r.value() != null).map(r -> Json.read(r.value(), StatusEvent.class));
    }

    private static void awaitCondition(String cluster, String type, ConditionStatus status, String reason) {
        await().atMost(WAIT).until(() -> latestStatus(cluster)
                .flatMap(s -> Conditions.find(s.conditions(), type))
                .map(c -> c.status() == status && c.reason().equals(reason)).orElse(false));
        Condition c = Conditions.find(latestStatus(cluster).orElseThrow().conditions(), type).orElseThrow();
        assertThat(c.lastTransitionTime()).isNotNull();
    }

    private static void assertCloudEvent(ConsumerRecord<String, String> r, String cluster, String type) {
        assertThat(TopicRecorder.header(r, "ce_specversion")).isEqualTo("1.0");
        assertThat(TopicRecorder.header(r, "ce_type")).isEqualTo(type);
        assertThat(TopicRecorder.header(r, "ce_source")).isEqualTo(EventProducer.SOURCE);
        assertThat(TopicRecorder.header(r, "ce_subject")).isEqualTo(r.key());
        assertThat(TopicRecorder.header(r, "ce_id")).isNotBlank();
        assertThat(TopicRecorder.header(r, "ce_time")).isNotBlank();
        if (r.value() != null) {
            assertThat(TopicRecorder.header(r, "content-type")).isEqualTo("application/json");
        }
        assertThat(r.partition()).isEqualTo(ClusterPartitioner.partitionFor(cluster, 6));
    }

    private static io.fabric8.kubernetes.api.model.Service service(String name) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().addNewPort().withPort(80).endPort().endSpec().build();
    }

    private static ResourceDefinitionContext certificates() {
        return new ResourceDefinitionContext.Builder().withGroup("cert-manager.io").withVersion("v1")
                .withKind("Certificate").withPlural("certificates").withNamespaced(true).build();
    }

}
