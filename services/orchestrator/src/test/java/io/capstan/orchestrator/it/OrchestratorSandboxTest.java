package io.capstan.orchestrator.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.model.Topics;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.kafka.ClusterPartitioner;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.StatusEvent;
import io.capstan.orchestrator.cluster.ClusterEntity;
import io.capstan.orchestrator.outbox.OutboxEntity;
import io.capstan.sandbox.junit.Sandbox;
import io.capstan.sandbox.junit.SandboxResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * The orchestrator against the real sandbox: a Kafka broker, PostgreSQL and the fabric8 CRUD mock as management API
 * server (an emulator: no controllers, no GC; the orchestrator only creates, reads, updates with resourceVersion and
 * deletes Secrets there, which a real API server serves the same way).
 */
@QuarkusTest
@QuarkusTestResource(value = SandboxResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrchestratorSandboxTest {

    static final String ADMIN = "test-admin-token-0123456789";
    static final String OPERATOR = "test-operator-token-0123456789";
    static final String VIEWER = "test-viewer-token-0123456789";
    /** The credential inside every kubeconfig registered here; it must never come back out. */
    static final String KUBE_TOKEN = "kube-credential-" + UUID.randomUUID();
    static final String NS = "capstan-system";

    /** Every API answer of this class (status line, headers and body), searched for the credential at the end. */
    static final List<String> ANSWERS = Collections.synchronizedList(new ArrayList<>());

    static final Filter CAPTURE = (req, res, ctx) -> {
        Response r = ctx.next(req, res);
        ANSWERS.add(r.getStatusLine() + "\n" + r.getHeaders() + "\n" + r.asString());
        return r;
    };

    static KafkaProbe kafka() {
        return new KafkaProbe(Sandbox.shared().kafkaBootstrap());
    }

    static RequestSpecification as(String token) {
        RequestSpecification s = RestAssured.given().filter(CAPTURE);
        return token == null ? s : s.header("Authorization", "Bearer " + token);
    }

    static String kubeconfig(String cluster) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: https://%1$s.clusters.test:6443
                    insecure-skip-tls-verify: true
                contexts:
                - name: %1$s
                  context: {cluster: %1$s, user: admin}
                current-context: %1$s
                users:
                - name: admin
                  user: {token: %2$s}
                """.formatted(cluster, KUBE_TOKEN);
    }

    static ObjectNode registration(String name, String infrastructure, String profile) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("name", name);
        n.put("infrastructure", infrastructure);
        if (profile != null) {
            n.put("profile", profile);
        }
        n.put("kubeconfig", kubeconfig(name));
        n.putObject("labels").put("env", "test");
        n.put("site", "lab");
        return n;
    }

    static void register(String name, String profile) {
        as(OPERATOR).contentType("application/json").body(registration(name, "standalone", profile).toString())
                .post("/api/v1/clusters").then().statusCode(201);
    }

    static List<ConsumerRecord<String, String>> clusterEvents(String name) {
        return kafka().readAll(Topics.CLUSTERS).stream().filter(r -> name.equals(r.key())).toList();
    }

    static Optional<ConsumerRecord<String, String>> clusterEvent(String name, String type) {
        return clusterEvents(name).stream().filter(r -> type.equals(KafkaProbe.header(r, "ce_type"))).reduce((a, b) -> b);
    }

    static void reportStatus(String cluster, String component, long generation, Condition... conditions) {
        StatusEvent e = new StatusEvent(cluster, component, null, generation, Instant.now(), List.of(conditions), null);
        kafka().send(Topics.STATUS, e.key(), EventTypes.STATUS_CHANGED, Json.write(e));
    }

    static Condition cond(String type, ConditionStatus status, String reason, long gen) {
        return new Condition(type, status, reason, "", Instant.now(), gen);
    }

    @Test
    @Order(1)
    void registeringStoresTheSecretAndPublishesTheEventOnTheClustersPartitionWithoutTheKubeconfig() {
        String name = "reg-alpha";
        as(OPERATOR).contentType("application/json").body(registration(name, "openstack", null).toString())
                .post("/api/v1/clusters")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/clusters/" + name))
                .body("name", equalTo(name)).body("infrastructure", equalTo("openstack"))
                .body("profile", equalTo("default")).body("phase", equalTo("Pending"));

        try (KubernetesClient mgmt = Sandbox.shared().managementClient()) {
            Secret s = mgmt.secrets().inNamespace(NS).withName(name + "-kubeconfig").get();
            assertThat(s).isNotNull();
            assertThat(s.getType()).isEqualTo("cluster.x-k8s.io/secret");
            assertThat(s.getMetadata().getLabels()).containsEntry("cluster.x-k8s.io/cluster-name", name)
                    .containsEntry("app.kubernetes.io/managed-by", "capstan");
            assertThat(new String(Base64.getDecoder().decode(s.getData().get("value")), StandardCharsets.UTF_8))
                    .isEqualTo(kubeconfig(name));
        }

        int partitions = kafka().partitions(Topics.CLUSTERS);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ConsumerRecord<String, String> r = clusterEvent(name, EventTypes.CLUSTER_REGISTERED).orElseThrow(() -> new AssertionError("no registered event yet"));
            assertThat(r.partition()).isEqualTo(ClusterPartitioner.partitionFor(name, partitions));
            assertThat(KafkaProbe.header(r, "ce_specversion")).isEqualTo("1.0");
            assertThat(KafkaProbe.header(r, "ce_source")).isEqualTo("/capstan/orchestrator");
            assertThat(KafkaProbe.header(r, "ce_subject")).isEqualTo(name);
            assertThat(KafkaProbe.header(r, "ce_id")).isNotBlank();
            assertThat(KafkaProbe.header(r, "ce_time")).isNotBlank();
            assertThat(KafkaProbe.header(r, "content-type")).isEqualTo("application/json");
            assertThat(r.value()).doesNotContain(KUBE_TOKEN).doesNotContain("kubeconfig:").contains("\"generation\":1");
            assertThat(Json.MAPPER.readTree(r.value()).path("kubeconfigSecret").asText()).isEqualTo(name + "-kubeconfig");
        });

        as(OPERATOR).contentType("application/json").body(registration(name, "openstack", null).toString())
                .post("/api/v1/clusters")
                .then().statusCode(409).contentType("application/problem+json").body("status", equalTo(409));

        as(VIEWER).get("/api/v1/clusters/" + name).then().statusCode(200).body("labels.env", equalTo("test"))
                .body("generation", equalTo(1));
        as(VIEWER).get("/api/v1/clusters?infrastructure=openstack&label=env=test").then().statusCode(200)
                .body("items.name", hasItem(name));
    }

    @Test
    @Order(2)
    void badRegistrationsAreProblemsNamingTheField() {
        ObjectNode badName = registration("Bad_Name", "eks", null);
        problem422(badName.toString(), "name");
        problem422(registration("okname", "vsphere", null).toString(), "infrastructure");
        ObjectNode noKube = registration("okname", "eks", null);
        noKube.remove("kubeconfig");
        problem422(noKube.toString(), "kubeconfig");
        ObjectNode badKube = registration("okname", "eks", null);
        badKube.put("kubeconfig", "token: " + KUBE_TOKEN + "\n: : [");
        problem422(badKube.toString(), "kubeconfig");

        ObjectNode huge = registration("okname", "eks", null);
        huge.put("kubeconfig", kubeconfig("okname") + "#" + "x".repeat(300 * 1024));
        as(OPERATOR).contentType("application/json").body(huge.toString()).post("/api/v1/clusters")
                .then().statusCode(413).contentType("application/problem+json").body("errors.field", hasItem("kubeconfig"));

        as(OPERATOR).contentType("application/json").body("{\"name\": ").post("/api/v1/clusters")
                .then().statusCode(400).contentType("application/problem+json").body("type", startsWith("urn:capstan:problem:"));
        as(VIEWER).get("/api/v1/clusters/okname").then().statusCode(404).contentType("application/problem+json");
    }

    static void problem422(String body, String field) {
        as(OPERATOR).contentType("application/json").body(body).post("/api/v1/clusters")
                .then().statusCode(422).contentType("application/problem+json")
                .body("status", equalTo(422)).body("instance", equalTo("/api/v1/clusters"))
                .body("title", equalTo("Invalid fields")).body("errors.field", hasItem(field));
    }

    @Test
    @Order(3)
    void callsWithoutOrWithAWrongTokenAre401AndATooLowRoleIs403() {
        as(null).get("/api/v1/clusters").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
        as("not-a-known-token-at-all").get("/api/v1/clusters").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", startsWith("Bearer"));
        as(VIEWER).contentType("application/json").body(registration("viewer-try", "eks", null).toString())
                .post("/api/v1/clusters").then().statusCode(403).contentType("application/problem+json");
        as(OPERATOR).contentType("application/json").body("{\"spec\":{}}").put("/api/v1/profiles/x")
                .then().statusCode(403);
        as(OPERATOR).get("/api/v1/audit").then().statusCode(403);
        as(VIEWER).get("/api/v1/clusters").then().statusCode(200);
        as(null).get("/q/health/ready").then().statusCode(200);
    }

    @Test
    @Order(4)
    void aChangedProfileBumpsTheGenerationOfItsClustersAndEmitsUpdated() {
        String name = "prof-user";
        register(name, "gold");
        as(VIEWER).get("/api/v1/clusters/" + name).then().body("generation", equalTo(1));

        as(ADMIN).contentType("application/json").body("{\"spec\":{\"storage\":{\"password\":\"p\"}}}")
                .put("/api/v1/profiles/gold").then().statusCode(422).body("errors.field", hasItem("spec.storage.password"));
        as(ADMIN).contentType("application/json").body("{\"spec\":{\"storage\":{\"defaultClass\":\"fast\"}}}")
                .put("/api/v1/profiles/gold").then().statusCode(201).body("revision", equalTo(1));
        as(VIEWER).get("/api/v1/clusters/" + name).then().body("generation", equalTo(2));
        as(ADMIN).contentType("application/json").body("{\"spec\":{\"storage\":{\"defaultClass\":\"fast\"}}}")
                .put("/api/v1/profiles/gold").then().statusCode(200).body("revision", equalTo(1));
        as(VIEWER).get("/api/v1/clusters/" + name).then().body("generation", equalTo(2));
        as(VIEWER).get("/api/v1/profiles/gold").then().statusCode(200).body("spec.storage.defaultClass", equalTo("fast"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ConsumerRecord<String, String> r = clusterEvent(name, EventTypes.CLUSTER_UPDATED).orElseThrow(() -> new AssertionError("no updated event yet"));
            var payload = Json.MAPPER.readTree(r.value());
            assertThat(payload.path("generation").asLong()).isEqualTo(2);
            assertThat(payload.path("profile").path("revision").asLong()).isEqualTo(1);
            assertThat(payload.path("profile").path("spec").path("storage").path("defaultClass").asText()).isEqualTo("fast");
        });
        assertThat(clusterEvents(name)).extracting(r -> KafkaProbe.header(r, "ce_type"))
                .containsExactly(EventTypes.CLUSTER_REGISTERED, EventTypes.CLUSTER_UPDATED);
    }

    @Test
    @Order(5)
    void componentStatusesShowUpAndDecideThePhase() {
        String name = "status-beta";
        register(name, null);
        reportStatus(name, "cluster-watcher", 1, cond("Ready", ConditionStatus.True, "Watching", 1),
                cond("ClusterReachable", ConditionStatus.True, "Reachable", 1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as(VIEWER).get("/api/v1/clusters/" + name).then().statusCode(200)
                        .body("components.cluster-watcher.conditions.type", hasItem("Ready"))
                        .body("phase", equalTo("Provisioning")));
        reportStatus(name, "storage", 1, cond("Ready", ConditionStatus.True, "ClassesEnsured", 1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as(VIEWER).get("/api/v1/clusters/" + name).then().statusCode(200)
                        .body("components.storage.observedGeneration", equalTo(1))
                        .body("phase", equalTo("Ready")));
        reportStatus(name, "storage", 1, cond("Ready", ConditionStatus.False, "ProvisionerMissing", 1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as(VIEWER).get("/api/v1/clusters/" + name).then().body("phase", equalTo("Degraded")));
        as(VIEWER).get("/api/v1/clusters/" + name + "/status?component=storage").then().statusCode(200)
                .body("items.key", hasItem(name + "/storage"));
        as(VIEWER).get("/api/v1/clusters?phase=Degraded").then().body("items.name", hasItem(name));

        // a status of an unregistered cluster is ignored, not dead-lettered
        reportStatus("never-registered", "storage", 1, cond("Ready", ConditionStatus.True, "Fine", 1));
    }

    @Test
    @Order(6)
    void aPoisonStatusRecordGoesToTheDlqAndTheNextRecordIsProcessed() {
        String name = "poison-gamma";
        register(name, null);
        kafka().send(Topics.STATUS, name + "/storage", EventTypes.STATUS_CHANGED, "{not json");
        kafka().send(Topics.STATUS, name + "/storage", "io.capstan.unknown.v9", "{}");
        reportStatus(name, "storage", 1, cond("Ready", ConditionStatus.True, "ClassesEnsured", 1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var dlq = kafka().readAll(Topics.DLQ).stream().filter(r -> (name + "/storage").equals(r.key())).toList();
            assertThat(dlq).extracting(ConsumerRecord::value).contains("{not json", "{}");
            as(VIEWER).get("/api/v1/clusters/" + name).then().body("components.storage.conditions.reason", hasItem("ClassesEnsured"));
        });
        assertThat(kafka().readAll(Topics.DLQ)).noneMatch(r -> r.key() != null && r.key().startsWith("never-registered/"));
    }

    @Test
    @Order(7)
    void deletingWaitsForFinalizedComponentsThenRemovesEverythingAndPublishesATombstone() {
        String name = "del-delta";
        register(name, null);
        reportStatus(name, "storage", 1, cond("Ready", ConditionStatus.True, "ClassesEnsured", 1));
        as(VIEWER).get("/api/v1/clusters/nope-nope").then().statusCode(404);
        as(OPERATOR).delete("/api/v1/clusters/nope-nope").then().statusCode(404).contentType("application/problem+json");

        as(OPERATOR).delete("/api/v1/clusters/" + name).then().statusCode(202).body("phase", equalTo("Deleting"))
                .body("generation", equalTo(2));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(clusterEvent(name, EventTypes.CLUSTER_DEREGISTERED)).hasValueSatisfying(r ->
                        assertThat(r.value()).contains("\"deleting\":true").contains("\"generation\":2")));

        reportStatus(name, "storage", 2, cond("Finalized", ConditionStatus.True, "CleanedUp", 2));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                as(VIEWER).get("/api/v1/clusters/" + name).then().statusCode(200).body("phase", equalTo("Deleting")));

        reportStatus(name, "cluster-watcher", 2, cond("Finalized", ConditionStatus.True, "CleanedUp", 2));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as(VIEWER).get("/api/v1/clusters/" + name).then().statusCode(404));
        try (KubernetesClient mgmt = Sandbox.shared().managementClient()) {
            assertThat(mgmt.secrets().inNamespace(NS).withName(name + "-kubeconfig").get()).isNull();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ConsumerRecord<String, String> tomb = clusterEvent(name, EventTypes.CLUSTER_DELETED)
                    .orElseThrow(() -> new AssertionError("no tombstone yet")); // an AssertionError makes Awaitility retry
            assertThat(tomb.value()).isNull();
            assertThat(KafkaProbe.header(tomb, "content-type")).isNull();
        });
        assertThat(clusterEvents(name)).extracting(r -> KafkaProbe.header(r, "ce_type")).containsExactly(
                EventTypes.CLUSTER_REGISTERED, EventTypes.CLUSTER_DEREGISTERED, EventTypes.CLUSTER_DELETED);
        as(ADMIN).get("/api/v1/audit?cluster=" + name).then().statusCode(200)
                .body("items.action", hasItem("cluster.delete")).body("items.action", hasItem("cluster.register"))
                .body("items.actor", hasItem(startsWith("operator:")));
    }

    @Test
    @Order(7)
    void statusChangesAreMirroredAsServerSentEventsFilteredByCluster() throws Exception {
        String name = "sse-eps";
        register(name, null);
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + RestAssured.port + "/api/v1/events?cluster=" + name))
                .header("Authorization", "Bearer " + VIEWER).header("Accept", "text/event-stream").build();
        var stream = http.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> r.body().forEach(lines::add));
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                reportStatus("other-cluster", "storage", 1, cond("Ready", ConditionStatus.True, "Fine", 1));
                reportStatus(name, "storage", 1, cond("Ready", ConditionStatus.True, "ClassesEnsured", 1));
                assertThat(String.join("\n", lines)).contains(name + "/storage").contains(EventTypes.STATUS_CHANGED);
            });
            assertThat(String.join("\n", lines)).doesNotContain("other-cluster");
        } finally {
            stream.cancel(true);
        }
    }

    @Test
    @Order(8)
    void openApiHealthAndMetricsAreServed() {
        as(null).get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/clusters"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/profiles/{name}"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/events"));
        as(null).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        as(null).get("/q/metrics").then().statusCode(200)
                .body(containsString("capstan_cluster_registrations_total"))
                .body(containsString("capstan_outbox_pending"));
    }

    static Secret kubeconfigSecret(String cluster, Map<String, String> labels, String value) {
        return new SecretBuilder().withNewMetadata().withName(cluster + "-kubeconfig").withNamespace(NS)
                .withLabels(labels).endMetadata()
                .withType("cluster.x-k8s.io/secret")
                .withData(Map.of("value", Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))))
                .build();
    }

    static String secretValue(Secret s) {
        return new String(Base64.getDecoder().decode(s.getData().get("value")), StandardCharsets.UTF_8);
    }

    @Test
    @Order(9)
    void reRegisteringReusesTheCapstanOwnedSecretLeftFromAnEarlierRegistrationByUpdatingIt() {
        String name = "rereg-theta";
        // left by an earlier registration of the name whose clean-up did not reach the management API server
        try (KubernetesClient mgmt = Sandbox.shared().managementClient()) {
            Secret left = mgmt.secrets().inNamespace(NS).resource(kubeconfigSecret(name,
                    Map.of("app.kubernetes.io/managed-by", "capstan", "cluster.x-k8s.io/cluster-name", name),
                    "stale kubeconfig of an earlier registration")).create();

            register(name, null);

            Secret now = mgmt.secrets().inNamespace(NS).withName(name + "-kubeconfig").get();
            assertThat(now.getMetadata().getUid()).isEqualTo(left.getMetadata().getUid());
            assertThat(now.getMetadata().getResourceVersion()).isNotEqualTo(left.getMetadata().getResourceVersion());
            assertThat(secretValue(now)).isEqualTo(kubeconfig(name));
            assertThat(now.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "capstan")
                    .containsEntry("cluster.x-k8s.io/cluster-name", name);
        }
        as(VIEWER).get("/api/v1/clusters/" + name).then().statusCode(200).body("generation", equalTo(1));
    }

    @Test
    @Order(9)
    void aSecretOfThatNameNotCreatedByCapstanIsNeverOverwrittenAndTheRegistrationIsA409NamingIt() {
        List<Map<String, String>> foreignLabels = List.of(Map.of(), Map.of("app.kubernetes.io/managed-by", "helm"));
        int i = 0;
        for (Map<String, String> labels : foreignLabels) {
            String name = "foreign-iota-" + i++;
            try (KubernetesClient mgmt = Sandbox.shared().managementClient()) {
                Secret theirs = mgmt.secrets().inNamespace(NS).resource(kubeconfigSecret(name, labels, "someone else's")).create();

                as(OPERATOR).contentType("application/json").body(registration(name, "standalone", null).toString())
                        .post("/api/v1/clusters")
                        .then().statusCode(409).contentType("application/problem+json").body("status", equalTo(409))
                        .body("detail", containsString(NS + "/" + name + "-kubeconfig"))
                        .body("detail", containsString("not managed by Capstan"));

                Secret after = mgmt.secrets().inNamespace(NS).withName(name + "-kubeconfig").get();
                assertThat(after.getMetadata().getResourceVersion()).isEqualTo(theirs.getMetadata().getResourceVersion());
                assertThat(secretValue(after)).isEqualTo("someone else's");
                assertThat(after.getMetadata().getLabels() == null ? Map.of() : after.getMetadata().getLabels()).isEqualTo(labels);
            }
            as(VIEWER).get("/api/v1/clusters/" + name).then().statusCode(404);
            assertThat(QuarkusTransaction.requiringNew().call(() -> ClusterEntity.count("name", name))).isZero();
            assertThat(QuarkusTransaction.requiringNew().call(() -> OutboxEntity.count("key", name))).isZero();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(clusterEvents(name)).isEmpty());
        }
    }

    static void reportObject(String cluster, String component, StatusEvent.Subject subject, ObjectNode details,
                             Condition... conditions) {
        StatusEvent e = new StatusEvent(cluster, component, subject, 1, Instant.now(), List.of(conditions), details);
        kafka().send(Topics.STATUS, e.key(), EventTypes.STATUS_CHANGED, Json.write(e));
    }

    static ObjectNode dnsDetails(String hostname, String state, String holder) {
        ObjectNode d = Json.MAPPER.createObjectNode();
        d.put("hostname", hostname).put("zone", "example.com").put("state", state);
        d.putArray("records").addObject().put("type", "A").put("ttl", 300).putArray("targets").add("192.0.2.10");
        d.putObject("source").put("kind", "Service").put("namespace", "web").put("name", "nginx");
        if (holder != null) {
            d.putObject("holder").put("owner", holder);
        }
        return d;
    }

    static ObjectNode certDetails(String secret, Instant notAfter) {
        ObjectNode d = Json.MAPPER.createObjectNode();
        d.put("secretName", secret);
        d.putArray("dnsNames").add(secret + ".example.com");
        d.putObject("issuer").put("name", "sandbox-ca").put("kind", "ClusterIssuer").put("group", "cert-manager.io");
        if (notAfter != null) {
            d.put("notAfter", notAfter.toString()).put("renewalTime", notAfter.minus(Duration.ofDays(5)).toString());
        }
        return d;
    }

    @Test
    @Order(10)
    void theFleetListsDnsRecordsByClusterAndState() {
        String name = "dnsview-alpha";
        register(name, null);
        StatusEvent.Subject web = new StatusEvent.Subject("dns.capstan.io/v1", "DNSRecord", null, "web.example.com");
        StatusEvent.Subject api = new StatusEvent.Subject("dns.capstan.io/v1", "DNSRecord", null, "api.example.com");
        reportObject(name, "dns", web, dnsDetails("web.example.com", "Published", null),
                cond("Ready", ConditionStatus.True, "Published", 1));
        reportObject(name, "dns", api, dnsDetails("api.example.com", "Conflict", "beta"),
                cond("Ready", ConditionStatus.False, "Conflict", 1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as(VIEWER).get("/api/v1/dns/records?cluster=" + name).then().statusCode(200)
                        .body("items.hostname", org.hamcrest.Matchers.contains("api.example.com", "web.example.com")));
        as(VIEWER).get("/api/v1/dns/records?cluster=" + name + "&state=conflict").then().statusCode(200)
                .body("items.hostname", org.hamcrest.Matchers.contains("api.example.com"))
                .body("items[0].holder.owner", equalTo("beta"))
                .body("items[0].ready", equalTo(false))
                .body("items[0].reason", equalTo("Conflict"))
                .body("items[0].records[0].targets[0]", equalTo("192.0.2.10"));
        as(VIEWER).get("/api/v1/dns/records?state=Published").then().statusCode(200)
                .body("items.hostname", hasItem("web.example.com"))
                .body("items.state", org.hamcrest.Matchers.everyItem(equalTo("Published")));
        as(VIEWER).get("/api/v1/dns/records?state=Flapping").then().statusCode(422)
                .body("errors[0].field", equalTo("state"));
        as(VIEWER).get("/api/v1/dns/records?cluster=Not_A_Cluster").then().statusCode(422);
        as(null).get("/api/v1/dns/records").then().statusCode(401);
    }

    @Test
    @Order(11)
    void theFleetExpiryViewFiltersByWindowAndDenialsAreAuditedOnce() {
        String name = "certview-alpha";
        register(name, null);
        Instant soon = Instant.now().plus(Duration.ofDays(10));
        Instant later = Instant.now().plus(Duration.ofDays(60));
        reportObject(name, "certificates", new StatusEvent.Subject("cert-manager.io/v1", "Certificate", "web", "soon"),
                certDetails("soon", soon), cond("Ready", ConditionStatus.True, "Ready", 1));
        reportObject(name, "certificates", new StatusEvent.Subject("cert-manager.io/v1", "Certificate", "web", "later"),
                certDetails("later", later), cond("Ready", ConditionStatus.True, "Ready", 1));
        StatusEvent.Subject denied = new StatusEvent.Subject("cert-manager.io/v1", "Certificate", "web", "outside");
        for (int i = 0; i < 3; i++) {
            reportObject(name, "certificates", denied, certDetails("outside", null),
                    new Condition("Ready", ConditionStatus.False, "Denied", "www.example.org is outside " + name
                            + ".sandbox.capstan.test", Instant.now(), 1));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as(VIEWER).get("/api/v1/certificates?cluster=" + name).then().statusCode(200)
                        .body("items.name", org.hamcrest.Matchers.contains("soon", "later", "outside")));
        as(VIEWER).get("/api/v1/certificates?cluster=" + name + "&expiringWithin=P30D").then().statusCode(200)
                .body("items.name", org.hamcrest.Matchers.contains("soon"))
                .body("items[0].issuer.name", equalTo("sandbox-ca"))
                .body("items[0].dnsNames[0]", equalTo("soon.example.com"))
                .body("items[0].ready", equalTo(true));
        as(VIEWER).get("/api/v1/certificates?cluster=" + name + "&expiringWithin=P90D").then().statusCode(200)
                .body("items.name", org.hamcrest.Matchers.contains("soon", "later"));
        as(VIEWER).get("/api/v1/certificates?expiringWithin=thirty-days").then().statusCode(422)
                .body("errors[0].field", equalTo("expiringWithin"));
        as(VIEWER).get("/api/v1/certificates?expiringWithin=-P1D").then().statusCode(422);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as(ADMIN).get("/api/v1/audit?cluster=" + name).then().statusCode(200)
                        .body("items.findAll { it.action == 'policy.denied' }.size()", equalTo(1))
                        .body("items.find { it.action == 'policy.denied' }.detail", containsString("Certificate web/outside"))
                        .body("items.find { it.action == 'policy.denied' }.actor", equalTo("component:certificates")));
    }

    @Test
    @Order(12)
    void aSecondRegistrationOfTheSameApiServerIsA409NamingTheFirst() {
        String name = "same-server-a";
        register(name, null);
        ObjectNode twin = registration("same-server-b", "standalone", null);
        twin.put("kubeconfig", kubeconfig(name).replace("https://" + name + ".clusters.test:6443",
                "HTTPS://" + name.toUpperCase(java.util.Locale.ROOT) + ".clusters.test:6443/"));
        as(OPERATOR).contentType("application/json").body(twin.toString()).post("/api/v1/clusters").then()
                .statusCode(409).body("detail", containsString("cluster '" + name + "'"));
        as(VIEWER).get("/api/v1/clusters/same-server-b").then().statusCode(404);
        try (KubernetesClient mgmt = Sandbox.shared().managementClient()) {
            assertThat(mgmt.secrets().inNamespace(NS).withName("same-server-b-kubeconfig").get()).isNull();
        }
    }

    @Test
    @Order(100)
    void theKubeconfigCredentialAppearsInNoAnswerEventOrLogLine() throws Exception {
        assertThat(ANSWERS).isNotEmpty().noneMatch(a -> a.contains(KUBE_TOKEN));
        for (String topic : List.of(Topics.CLUSTERS, Topics.STATUS, Topics.DLQ)) {
            assertThat(kafka().readAll(topic)).noneMatch(r -> r.value() != null && r.value().contains(KUBE_TOKEN));
        }
        Path log = Path.of("target", "orchestrator-test.log");
        assertThat(log).exists();
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(text).contains("Registered cluster reg-alpha").doesNotContain(KUBE_TOKEN).doesNotContain(ADMIN)
                .doesNotContain(OPERATOR).doesNotContain(VIEWER);
    }

    @AfterAll
    static void done() {
        ANSWERS.clear();
    }
}
