package io.capstan.orchestrator.it;

import io.capstan.model.Topics;
import io.capstan.orchestrator.audit.AuditEntity;
import io.capstan.orchestrator.cluster.ClusterEntity;
import io.capstan.orchestrator.outbox.OutboxEntity;
import io.capstan.sandbox.junit.Sandbox;
import io.capstan.sandbox.junit.SandboxCluster;
import io.capstan.sandbox.junit.SandboxResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.capstan.orchestrator.it.OrchestratorSandboxTest.OPERATOR;
import static io.capstan.orchestrator.it.OrchestratorSandboxTest.as;
import static io.capstan.orchestrator.it.OrchestratorSandboxTest.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Registration while the management API server is down: the orchestrator's management client points at a sandbox
 * workload API server that is stopped before the application starts (its port is closed, as a crashed
 * kube-apiserver's would be). PostgreSQL and Kafka are the real sandbox ones.
 */
@QuarkusTest
@TestProfile(StoppedManagementApiTest.StoppedManagementApi.class)
class StoppedManagementApiTest {

    /** Test profile: every sandbox server, but the management API server is a stopped one. */
    public static class StoppedManagementApi implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StoppedApiServerResource.class));
        }
    }

    /** The sandbox configuration with {@code quarkus.kubernetes-client.api-server-url} at a stopped API server. */
    public static class StoppedApiServerResource extends SandboxResource {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new java.util.LinkedHashMap<>(super.start());
            SandboxCluster down = Sandbox.shared().cluster("orch-mgmt-down");
            down.stop();
            config.put("quarkus.kubernetes-client.api-server-url", down.url());
            return config;
        }
    }

    @Test
    void aFailingManagementApiIsA503ProblemAndNothingIsStoredOrPublished() {
        String name = "mgmt-down-zeta";
        as(OPERATOR).contentType("application/json").body(registration(name, "standalone", null).toString())
                .post("/api/v1/clusters")
                .then().statusCode(503).contentType("application/problem+json")
                .body("status", equalTo(503)).body("detail", containsString("management API server"));

        assertThat(QuarkusTransaction.requiringNew().call(() -> ClusterEntity.count("name", name))).isZero();
        assertThat(QuarkusTransaction.requiringNew().call(() -> OutboxEntity.count("key", name))).isZero();
        assertThat(QuarkusTransaction.requiringNew().call(() -> AuditEntity.count("target", "cluster/" + name))).isZero();
        // the outbox relay publishes within a second; nothing may reach capstan.clusters meanwhile
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(new KafkaProbe(Sandbox.shared().kafkaBootstrap()).readAll(Topics.CLUSTERS))
                        .noneMatch(r -> name.equals(r.key())));
        as(OPERATOR).get("/api/v1/clusters/" + name).then().statusCode(404);
    }
}
