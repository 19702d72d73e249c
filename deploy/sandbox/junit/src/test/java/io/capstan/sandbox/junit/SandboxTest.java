package io.capstan.sandbox.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.model.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts the sandbox through {@link Sandbox#shared()} (so the child-process launcher is what is proven) and checks
 * every service it promises against real clients.
 */
class SandboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path STORAGECLASS_FIXTURE = Path.of("/work/shared/fixtures/upstream/kubernetes-examples/"
        + "_archived/volumes/azure_disk/claim/managed-disk/managed-ssd/storageclass-managed-ssd.yaml");
    private static final Path KUBECTL = Path.of("/usr/bin/kubectl");
    private static Sandbox sandbox;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.shared();
    }

    @Test
    void sharedReturnsTheSameRunningSandbox() {
        assertThat(Sandbox.shared()).isSameAs(sandbox);
        assertThat(sandbox.alive()).isTrue();
        assertThat(sandbox.stateDir()).startsWith(Path.of(System.getProperty("user.dir"), "target"));
        assertThat(sandbox.managementNamespace()).isEqualTo("capstan-system");
    }

    @Test
    void kafkaRoundTripOnTheStatusTopic() throws Exception {
        String key = "roundtrip-" + UUID.randomUUID() + "/storage";
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.kafkaBootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        RecordMetadata sent;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            sent = producer.send(new ProducerRecord<>(Topics.STATUS, key, "{\"ok\":true}")).get(30, TimeUnit.SECONDS);
        }
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.kafkaBootstrap());
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "sandbox-test-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> seen = Collections.synchronizedList(new ArrayList<>());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
            consumer.subscribe(List.of(Topics.STATUS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> key.equals(r.key()));
            });
        }
        ConsumerRecord<String, String> got = seen.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
        assertThat(got.value()).isEqualTo("{\"ok\":true}");
        assertThat(got.partition()).isEqualTo(sent.partition());
    }

    @Test
    void everyCapstanTopicHasSixPartitionsAndItsCleanupPolicy() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", sandbox.kafkaBootstrap()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL).allTopicNames()
                .get(30, TimeUnit.SECONDS);
            List<ConfigResource> resources = Topics.ALL.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            for (String topic : Topics.ALL) {
                assertThat(topics.get(topic).partitions()).as(topic).hasSize(6);
                String policy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic))
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
                assertThat(policy).as(topic).isEqualTo(Topics.COMPACTED.contains(topic) ? "compact" : "delete");
            }
        }
    }

    @Test
    void postgresAnswersSelectOneAsTheCapstanRole() throws Exception {
        try (Connection conn = DriverManager.getConnection(sandbox.jdbcUrl(), sandbox.postgresUser(),
            sandbox.postgresPassword()); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("select 1, current_user, current_database()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getString(2)).isEqualTo("capstan");
            assertThat(rs.getString(3)).isEqualTo("capstan");
        }
        assertThat(sandbox.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:").endsWith("/capstan");
    }

    @Test
    void managementClusterHasTheCapstanNamespace() {
        try (KubernetesClient client = sandbox.managementClient()) {
            assertThat(client.getMasterUrl().toString()).startsWith(sandbox.managementUrl());
            assertThat(client.getNamespace()).isEqualTo("capstan-system");
            assertThat(client.namespaces().withName("capstan-system").get()).isNotNull();
        }
    }

    @Test
    void workloadClusterServesCrudAndWatch() {
        SandboxCluster cluster = sandbox.cluster("crud");
        assertThat(sandbox.cluster("crud").url()).isEqualTo(cluster.url());
        try (KubernetesClient client = cluster.client()) {
            assertThat(client.namespaces().withName("kube-system").get()).isNotNull();
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            try (Watch ignored = client.configMaps().inNamespace("default").watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, ConfigMap resource) {
                    if ("watched".equals(resource.getMetadata().getName())) {
                        events.add(action.name());
                    }
                }

                @Override
                public void onClose(WatcherException cause) {
                }
            })) {
                ConfigMap created = client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                    .withNewMetadata().withName("watched").endMetadata().addToData("k", "v1").build()).create();
                ConfigMap changed = new ConfigMapBuilder(created).addToData("k", "v2").build();
                client.configMaps().inNamespace("default").resource(changed).update();
                assertThat(client.configMaps().inNamespace("default").withName("watched").get().getData())
                    .containsEntry("k", "v2");
                assertThat(client.configMaps().inNamespace("default").list().getItems())
                    .extracting(cm -> cm.getMetadata().getName()).contains("watched");
                client.configMaps().inNamespace("default").withName("watched").delete();
                await().atMost(Duration.ofSeconds(10))
                    .until(() -> events.containsAll(List.of("ADDED", "MODIFIED", "DELETED")));
                assertThat(client.configMaps().inNamespace("default").withName("watched").get()).isNull();
            }
        }
    }

    @Test
    void certManagerCertificatesAreServedAsCustomResources() {
        try (KubernetesClient client = sandbox.cluster("crd").client()) {
            GenericKubernetesResource cert = new GenericKubernetesResourceBuilder()
                .withApiVersion("cert-manager.io/v1").withKind("Certificate")
                .withNewMetadata().withName("web").withNamespace("default").endMetadata()
                .addToAdditionalProperties("spec", Map.of("secretName", "web-tls", "dnsNames", List.of("a.example"),
                    "issuerRef", Map.of("name", "letsencrypt", "kind", "ClusterIssuer")))
                .build();
            client.genericKubernetesResources("cert-manager.io/v1", "Certificate").inNamespace("default")
                .resource(cert).create();
            List<GenericKubernetesResource> listed = client.genericKubernetesResources("cert-manager.io/v1",
                "Certificate").inNamespace("default").list().getItems();
            assertThat(listed).extracting(r -> r.getMetadata().getName()).containsExactly("web");
            assertThat(client.apiextensions().v1().customResourceDefinitions()
                .withName("clusterissuers.cert-manager.io").get().getSpec().getScope()).isEqualTo("Cluster");
        }
    }

    @Test
    void discoveryAnswersLikeAKubernetes132ApiServer() throws Exception {
        SandboxCluster cluster = sandbox.cluster("discovery");
        JsonNode version = get(cluster.url() + "/version", 200);
        assertThat(version.path("minor").asText()).isEqualTo("32");
        assertThat(get(cluster.url() + "/api", 200).path("versions")).extracting(JsonNode::asText)
            .containsExactly("v1");
        JsonNode core = get(cluster.url() + "/api/v1", 200);
        assertThat(core.path("kind").asText()).isEqualTo("APIResourceList");
        assertThat(names(core)).contains("namespaces", "pods", "secrets", "configmaps", "events");
        JsonNode groups = get(cluster.url() + "/apis", 200);
        assertThat(groups.path("kind").asText()).isEqualTo("APIGroupList");
        assertThat(groups.findValuesAsText("name")).contains("apps", "storage.k8s.io", "cert-manager.io",
            "gateway.networking.k8s.io", "karpenter.sh");
        JsonNode gateway = get(cluster.url() + "/apis/gateway.networking.k8s.io", 200);
        assertThat(gateway.path("preferredVersion").path("groupVersion").asText())
            .isEqualTo("gateway.networking.k8s.io/v1");
        JsonNode storage = get(cluster.url() + "/apis/storage.k8s.io/v1", 200);
        assertThat(names(storage)).contains("storageclasses", "csidrivers");
        get(cluster.url() + "/apis/storage.k8s.io/v1beta1", 404);
        get(cluster.url() + "/openapi/v2", 404);
        get(cluster.url() + "/swagger.json", 404);
        // a CRD created at runtime shows up in discovery
        try (KubernetesClient client = cluster.client()) {
            client.apiextensions().v1().customResourceDefinitions().resource(Serialization.unmarshal("""
                {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
                 "metadata":{"name":"widgets.example.io"},
                 "spec":{"group":"example.io","scope":"Namespaced",
                  "names":{"kind":"Widget","plural":"widgets","singular":"widget","listKind":"WidgetList"},
                  "versions":[{"name":"v1","served":true,"storage":true,
                   "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
                """, io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class)).create();
        }
        assertThat(names(get(cluster.url() + "/apis/example.io/v1", 200))).contains("widgets");
    }

    @Test
    void unservedVersionIsRefusedWith404InsteadOfStored() throws Exception {
        SandboxCluster cluster = sandbox.cluster("versions");
        String yaml = Files.isRegularFile(STORAGECLASS_FIXTURE)
            ? Files.readString(STORAGECLASS_FIXTURE, StandardCharsets.UTF_8)
            : "kind: StorageClass\napiVersion: storage.k8s.io/v1beta1\nmetadata:\n  name: managedssd\n"
                + "provisioner: kubernetes.io/azure-disk\n";
        GenericKubernetesResource sc = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
        assertThat(sc.getApiVersion()).isEqualTo("storage.k8s.io/v1beta1");
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                URI.create(cluster.url() + "/apis/storage.k8s.io/v1beta1/storageclasses"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Serialization.asJson(sc))).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(404);
        JsonNode status = JSON.readTree(answer.body());
        assertThat(status.path("kind").asText()).isEqualTo("Status");
        assertThat(status.path("reason").asText()).isEqualTo("NotFound");
        try (KubernetesClient client = cluster.client()) {
            assertThatThrownBy(() -> client.resource(sc).create())
                .isInstanceOf(KubernetesClientException.class);
            assertThat(client.storage().v1().storageClasses().withName("managedssd").get()).isNull();
        }
    }

    @Test
    void stoppedClusterComesBackOnTheSamePortWithItsObjects() {
        SandboxCluster cluster = sandbox.cluster("restart");
        URI uri = URI.create(cluster.url());
        try (KubernetesClient client = cluster.client()) {
            client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("survivor").endMetadata().addToData("k", "v").build()).create();
        }
        cluster.stop();
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
            }
        }).isInstanceOf(ConnectException.class);
        cluster.start();
        assertThat(sandbox.cluster("restart").url()).isEqualTo(cluster.url());
        try (KubernetesClient client = cluster.client()) {
            assertThat(client.configMaps().inNamespace("default").withName("survivor").get().getData())
                .containsEntry("k", "v");
        }
    }

    @Test
    void controlApiRefusesAClusterNameThatIsNotADns1123Label() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                URI.create(sandbox.controlUrl() + "/clusters/Not_A_Label"))
            .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(answer.body()).path("status").asInt()).isEqualTo(400);
        assertThatThrownBy(() -> sandbox.cluster("management")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deletedClusterIsForgottenAndGetSandboxDescribesTheRest() throws Exception {
        SandboxCluster doomed = sandbox.cluster("doomed");
        assertThat(get(sandbox.controlUrl() + "/sandbox", 200).path("clusters").has("doomed")).isTrue();
        doomed.delete();
        get(sandbox.controlUrl() + "/clusters/doomed", 404);
        JsonNode described = get(sandbox.controlUrl() + "/sandbox", 200);
        assertThat(described.path("clusters").has("doomed")).isFalse();
        assertThat(described.path("kafkaBootstrap").asText()).isEqualTo(sandbox.kafkaBootstrap());
        assertThat(JSON.readTree(sandbox.stateDir().resolve("sandbox.json").toFile()).path("clusters").has("doomed"))
            .isFalse();
        assertThat(doomed.kubeconfigPath()).doesNotExist();
    }

    @Test
    void kubectlAppliesGetsLabelsAndDeletesThroughTheKubeconfig() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(KUBECTL), "no /usr/bin/kubectl on this machine");
        SandboxCluster cluster = sandbox.cluster("kubectl");
        Path manifest = sandbox.stateDir().resolve("kubectl-configmap.yaml");
        Files.writeString(manifest, """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: via-kubectl
              namespace: default
            data:
              greeting: hello
            """);
        assertThat(kubectl(cluster, "apply", "--validate=false", "-f", manifest.toString()))
            .contains("configmap/via-kubectl");
        Files.writeString(manifest, Files.readString(manifest).replace("hello", "again"));
        kubectl(cluster, "apply", "--validate=false", "-f", manifest.toString());
        JsonNode got = JSON.readTree(kubectl(cluster, "get", "configmap", "via-kubectl", "-n", "default",
            "-o", "json"));
        assertThat(got.path("data").path("greeting").asText()).isEqualTo("again");
        kubectl(cluster, "label", "configmap", "via-kubectl", "-n", "default", "tier=sandbox");
        try (KubernetesClient client = cluster.client()) {
            assertThat(client.configMaps().inNamespace("default").withName("via-kubectl").get()
                .getMetadata().getLabels()).containsEntry("tier", "sandbox");
        }
        Path cert = sandbox.stateDir().resolve("kubectl-certificate.yaml");
        String certYaml = """
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata:
              name: via-kubectl
              namespace: default
            spec:
              secretName: via-kubectl-tls
              dnsNames: [a.example]
            """;
        Files.writeString(cert, certYaml);
        kubectl(cluster, "apply", "--validate=false", "-f", cert.toString());
        Files.writeString(cert, certYaml.replace("via-kubectl-tls", "renamed-tls"));
        kubectl(cluster, "apply", "--validate=false", "-f", cert.toString());
        JsonNode gotCert = JSON.readTree(kubectl(cluster, "get", "certificates.cert-manager.io", "via-kubectl",
            "-n", "default", "-o", "json"));
        assertThat(gotCert.path("spec").path("secretName").asText()).isEqualTo("renamed-tls");
        kubectl(cluster, "delete", "-f", cert.toString());
        kubectl(cluster, "delete", "configmap", "via-kubectl", "-n", "default");
        try (KubernetesClient client = cluster.client()) {
            assertThat(client.configMaps().inNamespace("default").withName("via-kubectl").get()).isNull();
        }
    }

    @Test
    void kubeconfigTokenStaysOutOfTheSandboxLogAndState() throws Exception {
        String kubeconfig = sandbox.cluster("secrets").kubeconfig();
        String token = kubeconfig.lines().filter(l -> l.trim().startsWith("token:")).findFirst().orElseThrow()
            .trim().substring("token:".length()).trim();
        assertThat(token).matches("capstan-sandbox-[0-9a-f]{32}");
        assertThat(Files.readString(sandbox.stateDir().resolve("sandbox.json"))).doesNotContain(token);
        try (var logs = Files.walk(sandbox.stateDir().resolve("logs"))) {
            for (Path log : logs.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(log, StandardCharsets.ISO_8859_1)).as(log.toString())
                    .doesNotContain(token);
            }
        }
        assertThat(Files.readString(sandbox.stateDir().resolve("sandbox.log"))).doesNotContain(token);
    }

    private static String kubectl(SandboxCluster cluster, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(KUBECTL.toString());
        cmd.add("--kubeconfig");
        cmd.add(cluster.kubeconfigPath().toString());
        cmd.add("--request-timeout=20s");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("kubectl %s: %s", String.join(" ", args), out).isZero();
        return out;
    }

    private JsonNode get(String url, int expected) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(expected);
        return JSON.readTree(r.body());
    }

    private static List<String> names(JsonNode resourceList) {
        List<String> names = new ArrayList<>();
        resourceList.path("resources").forEach(r -> names.add(r.path("name").asText()));
        return names;
    }
}
