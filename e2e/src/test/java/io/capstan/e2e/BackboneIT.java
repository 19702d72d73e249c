package io.capstan.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.model.Topics;
import io.capstan.model.contract.AsyncApiContract;
import io.capstan.model.kafka.ClusterPartitioner;
import io.capstan.sandbox.junit.Sandbox;
import io.capstan.sandbox.junit.SandboxCluster;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The backbone's acceptance, end to end: the three packaged services run as processes (configured by environment, as
 * in a container) against the sandbox's real Kafka broker, real PostgreSQL and a fabric8 CRUD mock API server (an
 * emulator: no controllers run in it). The test speaks only REST to the orchestrator and reads the sandbox cluster
 * with a Kubernetes client, as a platform engineer would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackboneIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFAULT_KEY = "storageclass.kubernetes.io/is-default-class";
    private static final String BETA_DEFAULT_KEY = "storageclass.beta.kubernetes.io/is-default-class";
    private static final String CLUSTER = "e2e-alpha";

    private static Sandbox sandbox;
    private static SandboxCluster cluster;
    private static KubernetesClient kube;
    private static TopicRecorder recorder;
    private static ServiceProcess orchestrator;
    private static ServiceProcess watcher;
    private static ServiceProcess storage;
    private static String token;
    private static String kubeconfigToken;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> API_ANSWERS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startFleet() {
        sandbox = Sandbox.shared();
        cluster = sandbox.cluster(CLUSTER);
        kube = cluster.client();
        kubeconfigToken = tokenOf(cluster.kubeconfig());
        recorder = new TopicRecorder(sandbox.kafkaBootstrap());
        token = "e2e-" + UUID.randomUUID();
        Path root = repoRoot();
        Path logs = root.resolve("e2e/target/e2e-logs");
        Map<String, String> common = Fleet.serviceEnv(sandbox);
        Map<String, String> orchestratorEnv = Fleet.orchestratorEnv(sandbox, token);
        orchestrator = new ServiceProcess(root, "orchestrator", logs, orchestratorEnv).start();
        watcher = new ServiceProcess(root, "cluster-watcher", logs, common).start();
        storage = new ServiceProcess(root, "storage", logs, common).start();
    }

    @AfterAll
    static void stopFleet() throws Exception {
        for (AutoCloseable c : new AutoCloseable[]{storage, watcher, orchestrator, recorder, kube}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    @Order(1)
    void registeredClusterGetsStorageReadyAndExactlyOneDefaultClassWithin30s() throws Exception {
        assertThat(call("PUT", "/api/v1/profiles/e2e", Fleet.storageProfile()).statusCode()).isIn(200, 201);

        HttpResponse<String> created = call("POST", "/api/v1/clusters", Fleet.registration(CLUSTER, "e2e", "e2e", cluster.kubeconfig()));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/clusters/" + CLUSTER));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode view = get("/api/v1/clusters/" + CLUSTER);
            assertThat(readyStatus(view, "storage")).isEqualTo("True");
        });
        assertThat(defaults()).containsExactly("capstan-standard");
        // the cluster as a whole converges too: every expected component Ready
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/api/v1/clusters/" + CLUSTER).path("phase").asText()).isEqualTo("Ready"));
    }

    @Test
    @Order(2)
    void capstanDefaultClassDeletedByHandComesBack() {
        kube.storage().v1().storageClasses().withName("capstan-standard").delete();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            StorageClass sc = kube.storage().v1().storageClasses().withName("capstan-standard").get();
            assertThat(sc).isNotNull();
            assertThat(sc.getMetadata().getDeletionTimestamp()).isNull();
        });
        assertThat(defaults()).containsExactly("capstan-standard");
    }

    @Test
    @Order(3)
    void foreignDefaultClassIsDemotedAndReportedAsTheProfileSays() {
        kube.storage().v1().storageClasses().resource(new StorageClassBuilder()
                .withMetadata(new ObjectMetaBuilder().withName("foreign-fast")
                        .addToAnnotations(BETA_DEFAULT_KEY, "true").build())
                .withProvisioner("example.com/fast").build()).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(defaults()).containsExactly("capstan-standard");
            JsonNode statuses = get("/api/v1/clusters/" + CLUSTER + "/status?component=storage");
            assertThat(statuses.toString()).contains("foreign-fast");
        });
        // a foreign class is demoted, never deleted
        assertThat(kube.storage().v1().storageClasses().withName("foreign-fast").get()).isNotNull();
    }

    @Test
    @Order(4)
    void killingStorageMidStreamAndRestartingChangesNoOutcome() {
        List<String> before = classNames();
        // changes land while the service is being killed
        kube.storage().v1().storageClasses().withName("capstan-standard").delete();
        storage.kill();
        kube.storage().v1().storageClasses().resource(new StorageClassBuilder()
                .withMetadata(new ObjectMetaBuilder().withName("foreign-late")
                        .addToAnnotations(DEFAULT_KEY, "true").build())
                .withProvisioner("example.com/late").build()).create();
        storage.start();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(defaults()).containsExactly("capstan-standard");
            List<String> after = classNames();
            assertThat(after).containsExactlyInAnyOrderElementsOf(concat(before, "foreign-late"));
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(readyStatus(get("/api/v1/clusters/" + CLUSTER), "storage")).isEqualTo("True"));
    }

    @Test
    @Order(5)
    void deletingTheClusterRemovesCapstansClassesAndLeavesForeignOnes() throws Exception {
        assertThat(call("DELETE", "/api/v1/clusters/" + CLUSTER, null).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(call("GET", "/api/v1/clusters/" + CLUSTER, null).statusCode()).isEqualTo(404));
        assertThat(classNames()).doesNotContain("capstan-standard").contains("foreign-fast", "foreign-late");
        assertThat(sandbox.managementClient().secrets().inNamespace(sandbox.managementNamespace())
                .withName(CLUSTER + "-kubeconfig").get()).isNull();
    }

    @Test
    @Order(6)
    void everyRecordOnEveryTopicMatchesTheAsyncApiContractAndIsKeyedToItsClustersPartition() {
        AsyncApiContract contract = AsyncApiContract.load();
        List<TopicRecorder.Seen> seen = recorder.records();
        assertThat(seen).extracting(TopicRecorder.Seen::topic)
                .contains(Topics.CLUSTERS, Topics.RESOURCES, Topics.STATUS);
        List<String> violations = new ArrayList<>();
        for (TopicRecorder.Seen r : seen) {
            if (r.topic().equals(Topics.DLQ)) {
                continue;
            }
            List<String> v = contract.validateRecord(r.topic(), r.key(), r.headers(), r.value());
            v.forEach(x -> violations.add(r.topic() + " " + r.key() + ": " + x));
            if (r.key() != null && !r.topic().equals(Topics.REQUESTS)) {
                assertThat(r.partition()).as("partition of %s", r.key()).isEqualTo(ClusterPartitioner.partitionFor(r.key(), 6));
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    @Order(7)
    void theKubeconfigAppearsInNoApiAnswerEventOrLogLine() throws IOException {
        assertThat(kubeconfigToken).isNotBlank();
        for (String answer : API_ANSWERS) {
            assertThat(answer.contains(kubeconfigToken)).as("an API answer contains the kubeconfig token").isFalse();
        }
        for (TopicRecorder.Seen r : recorder.records()) {
            String all = r.key() + r.headers() + r.value();
            assertThat(all.contains(kubeconfigToken)).as("a record on %s contains the kubeconfig token", r.topic()).isFalse();
        }
        for (ServiceProcess s : List.of(orchestrator, watcher, storage)) {
            String log = Files.readString(s.log());
            assertThat(log).as("%s log", s.log()).isNotEmpty();
            assertThat(log.contains(kubeconfigToken)).as("%s log contains the kubeconfig token", s.log()).isFalse();
            assertThat(log.contains(token)).as("%s log contains the API token", s.log()).isFalse();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static List<String> defaults() {
        List<String> out = new ArrayList<>();
        for (StorageClass sc : kube.storage().v1().storageClasses().list().getItems()) {
            Map<String, String> a = sc.getMetadata().getAnnotations() == null ? Map.of() : sc.getMetadata().getAnnotations();
            if ("true".equalsIgnoreCase(a.get(DEFAULT_KEY)) || "true".equalsIgnoreCase(a.get(BETA_DEFAULT_KEY))) {
                out.add(sc.getMetadata().getName());
            }
        }
        return out;
    }

    private static List<String> classNames() {
        return kube.storage().v1().storageClasses().list().getItems().stream().map(s -> s.getMetadata().getName()).toList();
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> out = new ArrayList<>(a);
        if (!out.contains(b)) {
            out.add(b);
        }
        return out;
    }

    private static String readyStatus(JsonNode view, String component) {
        for (JsonNode c : view.path("components").path(component).path("conditions")) {
            if (c.path("type").asText().equals("Ready")) {
                return c.path("status").asText();
            }
        }
        return "absent";
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = call("GET", path, null);
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(orchestrator.url() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        API_ANSWERS.add(r.headers().map() + r.body());
        return r;
    }

    private static String tokenOf(String kubeconfig) {
        Matcher m = Pattern.compile("token:\\s*\"?([A-Za-z0-9._-]+)").matcher(kubeconfig);
        assertThat(m.find()).as("the sandbox kubeconfig carries a bearer token").isTrue();
        return m.group(1);
    }

    private static Path repoRoot() {
        String p = System.getProperty("capstan.repo.root");
        Path dir = p != null ? Path.of(p) : Path.of("").toAbsolutePath().getParent();
        return dir.toAbsolutePath().normalize();
    }
}
