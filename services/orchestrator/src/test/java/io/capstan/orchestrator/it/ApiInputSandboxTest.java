package io.capstan.orchestrator.it;

import io.capstan.model.status.ConditionStatus;
import io.capstan.sandbox.junit.SandboxResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.capstan.orchestrator.it.OrchestratorSandboxTest.ADMIN;
import static io.capstan.orchestrator.it.OrchestratorSandboxTest.OPERATOR;
import static io.capstan.orchestrator.it.OrchestratorSandboxTest.VIEWER;
import static io.capstan.orchestrator.it.OrchestratorSandboxTest.cond;
import static io.capstan.orchestrator.it.OrchestratorSandboxTest.register;
import static io.capstan.orchestrator.it.OrchestratorSandboxTest.registration;
import static io.capstan.orchestrator.it.OrchestratorSandboxTest.reportStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Hostile request input against the real sandbox (PostgreSQL behind the API): bytes PostgreSQL refuses, unparsable
 * numbers, racing creates and names being deleted all get a problem+json answer, never a 500.
 */
@QuarkusTest
@QuarkusTestResource(value = SandboxResource.class, restrictToAnnotatedClass = true)
class ApiInputSandboxTest {

    /** A request whose URL is sent exactly as written (percent escapes included). */
    static io.restassured.specification.RequestSpecification raw(String token) {
        return RestAssured.given().urlEncodingEnabled(false).header("Authorization", "Bearer " + token);
    }

    @Test
    void aPathNameThatIsNoDnsLabelIsA404ProblemWithoutAskingTheDatabase() {
        for (String path : List.of("/api/v1/clusters/a%00b", "/api/v1/clusters/a%00/status", "/api/v1/profiles/a%00",
                "/api/v1/clusters/%ff", "/api/v1/clusters/Upper")) {
            raw(VIEWER).get(path).then().statusCode(404).contentType("application/problem+json")
                    .body("detail", containsString("DNS-1123 label"));
        }
        raw(OPERATOR).delete("/api/v1/clusters/a%00b").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aBadQueryParameterIsA422ProblemNamingIt() {
        String[][] cases = {
                {"/api/v1/clusters?continue=%00%ff", "continue"},
                {"/api/v1/clusters?infrastructure=%00", "infrastructure"},
                {"/api/v1/clusters?phase=%00", "phase"},
                {"/api/v1/clusters?label=%00", "label"},
                {"/api/v1/clusters?label=env=%00", "label"},
                {"/api/v1/clusters?limit=abc", "limit"},
                {"/api/v1/clusters?limit=0", "limit"},
                {"/api/v1/clusters/nope/status?component=%00", "component"},
                {"/api/v1/clusters/nope/status?kind=%00", "kind"},
                {"/api/v1/audit?limit=abc", "limit"},
                {"/api/v1/audit?limit=0", "limit"},
                {"/api/v1/audit?cluster=%00", "cluster"},
        };
        for (String[] c : cases) {
            raw(ADMIN).get(c[0]).then().statusCode(422).contentType("application/problem+json")
                    .body("status", equalTo(422)).body("errors.field", hasItem(c[1]));
        }
        raw(VIEWER).get("/api/v1/clusters?limit=5&infrastructure=eks&phase=Ready&label=env=test&continue=a")
                .then().statusCode(200);
    }

    @Test
    void parallelPutsOfANewProfileAreOne201AndOtherwise200() throws Exception {
        int n = 10;
        String body = "{\"spec\":{\"storage\":{\"defaultClass\":\"race\"}}}";
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<Integer> put = () -> {
                    start.await();
                    Response r = raw(ADMIN).contentType("application/json").body(body).put("/api/v1/profiles/racep");
                    return r.statusCode();
                };
                answers.add(pool.submit(put));
            }
            start.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : answers) {
                codes.add(f.get());
            }
            assertThat(codes).containsOnly(201, 200).filteredOn(c -> c == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        raw(VIEWER).get("/api/v1/profiles/racep").then().statusCode(200).body("revision", equalTo(1));
    }

    @TestHTTPResource("/api/v1/clusters")
    URI clusters;

    @Test
    void aBodyOverTheHttpHardLimitIsA413ProblemAnsweredBeforeTheBodyIsRead() throws Exception {
        // Only the head is sent: the answer must come from the Content-Length alone, then the connection closes.
        try (Socket socket = new Socket(clusters.getHost(), clusters.getPort())) {
            socket.setSoTimeout(20_000);
            String head = "POST " + clusters.getPath() + " HTTP/1.1\r\nHost: " + clusters.getHost() + ":" + clusters.getPort()
                    + "\r\nAuthorization: Bearer " + OPERATOR + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + (1100 * 1024) + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("content-type: application/problem+json")
                    .contains("\"status\":413").contains("urn:capstan:problem:payload-too-large")
                    .contains("\"field\":\"body\"");
        }
    }

    @Test
    void registeringANameBeingDeletedIsA409SayingSo() {
        String name = "inp-deleting";
        register(name, null);
        raw(OPERATOR).delete("/api/v1/clusters/" + name).then().statusCode(202);
        raw(OPERATOR).contentType("application/json").body(registration(name, "standalone", null).toString())
                .post("/api/v1/clusters").then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("Cluster '" + name + "' is being deleted; register it again once DELETE completed."));

        reportStatus(name, "storage", 2, cond("Finalized", ConditionStatus.True, "CleanedUp", 2));
        reportStatus(name, "cluster-watcher", 2, cond("Finalized", ConditionStatus.True, "CleanedUp", 2));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                raw(VIEWER).get("/api/v1/clusters/" + name).then().statusCode(404));
    }
}
