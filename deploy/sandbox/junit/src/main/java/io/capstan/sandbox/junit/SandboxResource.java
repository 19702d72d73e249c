package io.capstan.sandbox.junit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the shared sandbox of this JVM:
 * {@code @QuarkusTestResource(value = SandboxResource.class, restrictToAnnotatedClass = false)} or
 * {@code @WithTestResource(SandboxResource.class)}.
 *
 * <p>Returned config: {@code kafka.bootstrap.servers}, {@code quarkus.datasource.jdbc.url},
 * {@code quarkus.datasource.username}, {@code quarkus.datasource.password},
 * {@code quarkus.kubernetes-client.api-server-url} (management API server),
 * {@code quarkus.kubernetes-client.namespace=capstan-system}, {@code quarkus.kubernetes-client.trust-certs=true},
 * {@code capstan.management.namespace=capstan-system}, {@code capstan.sandbox.state-dir}. {@link #stop()} does
 * nothing: the sandbox lives until the JVM exits.
 *
 * <p>It also sets {@code quarkus.test.rest-assured.enable-logging-on-failure=false}: Quarkus otherwise logs the whole
 * request of every failed RestAssured validation (so every failed poll of an Awaitility wait), bearer token included,
 * and tokens must never reach the test output.
 */
public class SandboxResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Sandbox sandbox = Sandbox.shared();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", sandbox.kafkaBootstrap());
        config.put("quarkus.datasource.jdbc.url", sandbox.jdbcUrl());
        config.put("quarkus.datasource.username", sandbox.postgresUser());
        config.put("quarkus.datasource.password", sandbox.postgresPassword());
        config.put("quarkus.kubernetes-client.api-server-url", sandbox.managementUrl());
        config.put("quarkus.kubernetes-client.namespace", sandbox.managementNamespace());
        config.put("quarkus.kubernetes-client.trust-certs", "true");
        config.put("capstan.management.namespace", sandbox.managementNamespace());
        config.put("capstan.sandbox.state-dir", sandbox.stateDir().toString());
        config.put("quarkus.test.rest-assured.enable-logging-on-failure", "false");
        return config;
    }

    @Override
    public void stop() {
        // the sandbox is shared by every test of the JVM and ends with it
    }
}
