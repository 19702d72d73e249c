package io.capstan.orchestrator.it;

import io.capstan.model.Topics;
import io.capstan.model.event.EventTypes;
import io.capstan.model.status.ConditionStatus;
import io.capstan.orchestrator.cluster.ClusterEntity;
import io.capstan.orchestrator.status.StatusViewEntity;
import io.capstan.sandbox.junit.Sandbox;
import io.capstan.sandbox.junit.SandboxResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.capstan.orchestrator.it.OrchestratorSandboxTest.ADMIN;
import static io.capstan.orchestrator.it.OrchestratorSandboxTest.NS;
import static io.capstan.orchestrator.it.OrchestratorSandboxTest.OPERATOR;
import static io.capstan.orchestrator.it.OrchestratorSandboxTest.VIEWER;
import static io.capstan.orchestrator.it.OrchestratorSandboxTest.as;
import static io.capstan.orchestrator.it.OrchestratorSandboxTest.clusterEvent;
import static io.capstan.orchestrator.it.OrchestratorSandboxTest.clusterEvents;
import static io.capstan.orchestrator.it.OrchestratorSandboxTest.cond;
import static io.capstan.orchestrator.it.OrchestratorSandboxTest.register;
import static io.capstan.orchestrator.it.OrchestratorSandboxTest.reportStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Deletion when a component never reports {@code Finalized}: with {@code capstan.deletion.timeout=10s} the orchestrator
 * deletes anyway once the timeout passed, and audits it. Real sandbox servers (the management API server is the
 * fabric8 CRUD mock).
 */
@QuarkusTest
@TestProfile(DeletionTimeoutTest.ShortDeletionTimeout.class)
class DeletionTimeoutTest {

    /** Long enough for storage's Finalized to be ingested first even on a loaded 2-core machine. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Test profile: a 10 s deletion timeout, every server from the sandbox. */
    public static class ShortDeletionTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("capstan.deletion.timeout", "10s", "capstan.components", "cluster-watcher,storage");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SandboxResource.class));
        }
    }

    @Test
    void aComponentThatNeverFinalizesDelaysDeletionUntilTheTimeoutWhichIsAuditedNamingIt() {
        String name = "timeout-eta";
        register(name, null);
        reportStatus(name, "storage", 1, cond("Ready", ConditionStatus.True, "ClassesEnsured", 1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(QuarkusTransaction.requiringNew().call(() -> StatusViewEntity.count("cluster", name))).isPositive());

        long asked = System.nanoTime();
        as(OPERATOR).delete("/api/v1/clusters/" + name).then().statusCode(202).body("phase", equalTo("Deleting"))
                .body("generation", equalTo(2));
        reportStatus(name, "storage", 2, cond("Finalized", ConditionStatus.True, "CleanedUp", 2));
        // cluster-watcher never reports Finalized; storage's Finalized is in the view before the timeout strikes
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(QuarkusTransaction.requiringNew().call(() ->
                StatusViewEntity.<StatusViewEntity>find("cluster = ?1 and component = ?2", name, "storage")
                        .firstResultOptional().map(r -> r.observedGeneration).orElse(0L))).isEqualTo(2L));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as(VIEWER).get("/api/v1/clusters/" + name).then().statusCode(404));
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isGreaterThanOrEqualTo(TIMEOUT);

        assertThat(QuarkusTransaction.requiringNew().call(() -> ClusterEntity.count("name", name))).isZero();
        assertThat(QuarkusTransaction.requiringNew().call(() -> StatusViewEntity.count("cluster", name))).isZero();
        try (KubernetesClient mgmt = Sandbox.shared().managementClient()) {
            assertThat(mgmt.secrets().inNamespace(NS).withName(name + "-kubeconfig").get()).isNull();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ConsumerRecord<String, String> tomb = clusterEvent(name, EventTypes.CLUSTER_DELETED).orElseThrow(() -> new AssertionError("no tombstone yet"));
            assertThat(tomb.value()).isNull();
        });
        assertThat(clusterEvents(name)).extracting(r -> KafkaProbe.header(r, "ce_type")).containsExactly(
                EventTypes.CLUSTER_REGISTERED, EventTypes.CLUSTER_DEREGISTERED, EventTypes.CLUSTER_DELETED);

        as(ADMIN).get("/api/v1/audit?cluster=" + name).then().statusCode(200)
                .body("items.find { it.action == 'cluster.delete.timeout' }.actor", equalTo("system"))
                .body("items.find { it.action == 'cluster.delete.timeout' }.detail",
                        org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("unfinalized=cluster-watcher"),
                                org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("storage")),
                                org.hamcrest.Matchers.containsString("timeout=PT10S")))
                .body("items.action", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("cluster.delete")));

        // the name is free again: a new registration starts at generation 1 with a fresh Secret
        register(name, null);
        as(VIEWER).get("/api/v1/clusters/" + name).then().statusCode(200).body("generation", equalTo(1));
        try (KubernetesClient mgmt = Sandbox.shared().managementClient()) {
            assertThat(mgmt.secrets().inNamespace(NS).withName(name + "-kubeconfig").get()).isNotNull();
        }
    }
}
