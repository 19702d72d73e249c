package io.capstan.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.sandbox.junit.Sandbox;

import java.util.HashMap;
import java.util.Map;

/**
 * What the end-to-end test and the pipeline benchmark share: the environment the packaged services run with (as a
 * container would get it) and the REST bodies that set up a sandbox cluster.
 */
public final class Fleet {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fleet() {
    }

    /** Environment of cluster-watcher and storage: Kafka, the management API server by kubeconfig, profile prod. */
    public static Map<String, String> serviceEnv(Sandbox sandbox) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", sandbox.kafkaBootstrap());
        env.put("KUBECONFIG", sandbox.managementKubeconfigPath().toString());
        env.put("CAPSTAN_MANAGEMENT_NAMESPACE", sandbox.managementNamespace());
        env.put("QUARKUS_PROFILE", "prod");
        return env;
    }

    /** The orchestrator's environment: {@link #serviceEnv} plus PostgreSQL, the admin token and its components. */
    public static Map<String, String> orchestratorEnv(Sandbox sandbox, String adminToken) {
        Map<String, String> env = serviceEnv(sandbox);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", sandbox.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", sandbox.postgresUser());
        env.put("QUARKUS_DATASOURCE_PASSWORD", sandbox.postgresPassword());
        env.put("CAPSTAN_TOKEN", adminToken);
        env.put("CAPSTAN_COMPONENTS", "cluster-watcher,storage");
        return env;
    }

    /** Body of {@code PUT /api/v1/profiles/{name}}: Capstan owns the default, one Ceph RBD class marked default. */
    public static String storageProfile() {
        ObjectNode profile = JSON.createObjectNode();
        ObjectNode storage = profile.putObject("spec").putObject("storage");
        storage.put("ownsDefault", true);
        ObjectNode cls = storage.putArray("classes").addObject();
        cls.put("name", "capstan-standard");
        cls.put("provisioner", "rbd.csi.ceph.com");
        cls.putObject("parameters").put("clusterID", "sandbox").put("pool", "kubernetes");
        cls.put("default", true);
        return profile.toString();
    }

    /** Body of {@code POST /api/v1/clusters} for a standalone sandbox cluster, labelled {@code env=<site>}. */
    public static String registration(String name, String profile, String site, String kubeconfig) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", name);
        body.put("infrastructure", "standalone");
        body.put("profile", profile);
        body.put("site", site + "-site");
        body.put("kubeconfig", kubeconfig);
        body.putObject("labels").put("env", site);
        return body.toString();
    }
}
