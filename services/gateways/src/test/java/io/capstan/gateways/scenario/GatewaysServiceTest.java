package io.capstan.gateways.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.capstan.gateways.cluster.ConfigMapFleetClaims;
import io.capstan.model.Topics;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.contract.AsyncApiContract;
import io.capstan.model.event.EventTypes;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.Conditions;
import io.capstan.model.status.StatusEvent;
import io.capstan.sandbox.junit.SandboxCluster;
import io.capstan.sandbox.junit.SandboxResource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateways service against the real sandbox: a real Kafka broker and fabric8 CRUD mock API servers (an emulator:
 * no MetalLB, no cloud controller; the service reads and writes them as it would a kube-apiserver: lists, status
 * subresource updates with resourceVersion, create-only claims). The test plays the orchestrator and the watcher.
 */
@QuarkusTest
@QuarkusTestResource(SandboxResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewaysServiceTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @io.quarkus.test.common.http.TestHTTPResource("/q")
    java.net.URI q;
    static final String EMPTY = "{\"gateways\": {}}";
    static Scenario s;

    @BeforeAll
    static void start() {
        s = new Scenario();
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    static Path repo() {
        return Path.of(System.getProperty("capstan.repo.root", "../.."));
    }

    static Path fixtures() {
        return repo().resolve("../shared/fixtures/upstream/metallb").normalize();
    }

    /** Creates every object of a fixture file (namespace forced when given), ignoring 409s of shared names. */
    static void apply(KubernetesClient c, Path file, String namespace) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            for (HasMetadata o : c.load(in).items()) {
                if (namespace != null) {
                    o.getMetadata().setNamespace(namespace);
                }
                if (o.getMetadata().getNamespace() == null) {
                    o.getMetadata().setNamespace("default");
                }
                try {
                    c.resource(o).create();
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 409) {
                        throw e;
                    }
                }
            }
        }
    }

    static void pool(KubernetesClient c, String name, boolean autoAssign, String... addresses) {
        GenericKubernetesResource p = new GenericKubernetesResource();
        p.setApiVersion("metallb.io/v1beta1");
        p.setKind("IPAddressPool");
        p.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace("metallb-system").build());
        p.setAdditionalProperty("spec", Map.of("addresses", List.of(addresses), "autoAssign", autoAssign));
        c.resource(p).create();
    }

    static void deletePool(KubernetesClient c, String name) {
        c.genericKubernetesResources("metallb.io/v1beta1", "IPAddressPool").inNamespace("metallb-system").withName(name).delete();
    }

    static ServiceBuilder lb(String ns, String name, String protocol, int port) {
        return new ServiceBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata()
                .withNewSpec().withType("LoadBalancer").withSelector(Map.of("app", name))
                .withPorts(new ServicePortBuilder().withProtocol(protocol).withPort(port).build()).endSpec();
    }

    static List<String> ingress(KubernetesClient c, String ns, String name) {
        Service svc = c.services().inNamespace(ns).withName(name).get();
        if (svc == null || svc.getStatus() == null || svc.getStatus().getLoadBalancer() == null
                || svc.getStatus().getLoadBalancer().getIngress() == null) {
            return List.of();
        }
        return svc.getStatus().getLoadBalancer().getIngress().stream().map(i -> i.getIp()).toList();
    }

    static JsonNode details(Optional<StatusEvent> e) {
        return e.map(StatusEvent::details).orElse(null);
    }

    static void awaitService(String cluster, String ns, String name, String state, String reason, String address) {
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode d = details(s.service(cluster, ns, name));
            assertThat(d).as("status of %s/%s/%s", cluster, ns, name).isNotNull();
            assertThat(d.path("state").asText()).as("state of %s/%s (%s)", ns, name, d).isEqualTo(state);
            assertThat(d.path("reason").asText()).isEqualTo(reason);
            if (address != null) {
                assertThat(d.path("addresses").toString()).isEqualTo("[\"" + address + "\"]");
            }
        });
    }

    @Test
    @Order(1)
    void metallbFixturesGetTheAddressesMetallbWouldGive() throws Exception {
        SandboxCluster cl = s.cluster("gw-metallb");
        try (KubernetesClient c = cl.client()) {
            apply(c, fixtures().resolve("configsamples/ipaddresspool_simple.yaml"), null);
            apply(c, fixtures().resolve("configsamples/ipaddresspool_with_selector.yaml"), null);
            apply(c, fixtures().resolve("configsamples/deployment_l2.yaml"), null);
            apply(c, fixtures().resolve("website/content/usage/_index.md.L30-L42.yaml"), "usage-ips");
            apply(c, fixtures().resolve("website/content/usage/_index.md.L52-L64.yaml"), "usage-pool");
            c.resource(lb("namespace-a", "bar", "TCP", 80).editMetadata().withLabels(Map.of("app", "bar")).endMetadata().build()).create();
            s.register("gw-metallb", Infrastructure.STANDALONE, EMPTY, 1, false);
            // the first address of pool "example" (192.168.10.0/24 first, avoidBuggyIPs unset)
            awaitService("gw-metallb", "default", "nginx", "Allocated", "Allocated", "192.168.10.0");
            awaitService("gw-metallb", "usage-ips", "nginx", "Refused", "AddressNotInAnyPool", null);
            awaitService("gw-metallb", "usage-pool", "nginx", "Refused", "UnknownPool", null);
            // the pinned pool (serviceAllocation: namespace-a, app In [bar]) with avoidBuggyIPs: .0 skipped
            awaitService("gw-metallb", "namespace-a", "bar", "Allocated", "Allocated", "192.168.20.1");
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(ingress(c, "default", "nginx")).containsExactly("192.168.10.0");
                assertThat(ingress(c, "namespace-a", "bar")).containsExactly("192.168.20.1");
            });
            assertThat(ingress(c, "usage-ips", "nginx")).isEmpty();
            assertThat(details(s.service("gw-metallb", "usage-pool", "nginx")).path("message").asText())
                    .contains("production-public-ips");
            Condition bypass = Scenario.condition(s.service("gw-metallb", "default", "nginx"), "EdgeBypass");
            assertThat(bypass).isNotNull();
            assertThat(bypass.reason()).isEqualTo("BypassesEdge");
            Condition ready = Scenario.condition(s.component("gw-metallb"), Conditions.READY);
            assertThat(ready.status()).isEqualTo(ConditionStatus.True);
        }
    }

    @Test
    @Order(2)
    void case1_aFreedAddressGoesToTheWaitingServiceWithoutAnEdit() {
        SandboxCluster cl = s.cluster("gw-cases");
        try (KubernetesClient c = cl.client()) {
            pool(c, "case1", true, "192.0.2.10-192.0.2.11");
            for (String n : List.of("s1", "s2", "s3")) {
                c.resource(lb("case1", n, "TCP", 80).build()).create();
            }
            s.register("gw-cases", Infrastructure.STANDALONE, EMPTY, 1, false);
            awaitService("gw-cases", "case1", "s1", "Allocated", "Allocated", "192.0.2.10");
            awaitService("gw-cases", "case1", "s2", "Allocated", "Allocated", "192.0.2.11");
            awaitService("gw-cases", "case1", "s3", "Pending", "PoolExhausted", null);
            assertThat(details(s.service("gw-cases", "case1", "s3")).path("message").asText()).contains("case1");
            c.services().inNamespace("case1").withName("s1").delete();
            s.wake("gw-cases");
            awaitService("gw-cases", "case1", "s3", "Allocated", "Allocated", "192.0.2.10");
            await().atMost(WAIT).until(() -> s.withdrawn("gw-cases/gateways/Service/case1/s1"));
            assertThat(ingress(c, "case1", "s2")).containsExactly("192.0.2.11");
            assertThat(ingress(c, "case1", "s3")).containsExactly("192.0.2.10");
            c.services().inNamespace("case1").delete();
            deletePool(c, "case1");
        }
    }

    @Test
    @Order(3)
    void case2_sharingNeedsTheSameKeyDisjointPortsAndTheSameBackend() {
        SandboxCluster cl = s.cluster("gw-cases");
        try (KubernetesClient c = cl.client()) {
            pool(c, "case2", true, "192.0.2.20/32");
            record Svc(String name, String key, String proto, int port, String app) {
            }
            for (Svc v : List.of(new Svc("a", "k1", "TCP", 80, "x"), new Svc("b", "k1", "TCP", 80, "x"),
                    new Svc("c", "k1", "TCP", 443, "y"), new Svc("d", "k1", "UDP", 80, "x"), new Svc("e", "k2", "TCP", 8080, "x"))) {
                c.resource(lb("case2", v.name(), v.proto(), v.port()).editMetadata()
                        .withAnnotations(Map.of("metallb.io/allow-shared-ip", v.key())).endMetadata()
                        .editSpec().withExternalTrafficPolicy("Local").withSelector(Map.of("app", v.app())).endSpec().build()).create();
            }
            s.wake("gw-cases");
            awaitService("gw-cases", "case2", "a", "Allocated", "Allocated", "192.0.2.20");
            awaitService("gw-cases", "case2", "d", "Allocated", "Allocated", "192.0.2.20");
            awaitService("gw-cases", "case2", "b", "Pending", "PortConflict", null);
            awaitService("gw-cases", "case2", "c", "Pending", "BackendMismatch", null);
            awaitService("gw-cases", "case2", "e", "Pending", "SharingKeyMismatch", null);
            assertThat(ingress(c, "case2", "a")).containsExactly("192.0.2.20");
            assertThat(ingress(c, "case2", "d")).containsExactly("192.0.2.20");
            c.services().inNamespace("case2").delete();
            deletePool(c, "case2");
        }
    }

    @Test
    @Order(4)
    void case3_explicitAsksAreCheckedAgainstThePoolsAndMayUseANonAutoPool() {
        SandboxCluster cl = s.cluster("gw-cases");
        try (KubernetesClient c = cl.client()) {
            pool(c, "pool-a", true, "192.0.2.0/28");
            pool(c, "pool-b", false, "198.51.100.0/28");
            c.resource(lb("case3", "x", "TCP", 80).editMetadata().withAnnotations(Map.of("metallb.io/address-pool", "pool-b",
                    "metallb.io/loadBalancerIPs", "192.0.2.5")).endMetadata().build()).create();
            c.resource(lb("case3", "y", "TCP", 80).editSpec().withLoadBalancerIP("203.0.113.7").endSpec().build()).create();
            c.resource(lb("case3", "z", "TCP", 80).editMetadata()
                    .withAnnotations(Map.of("metallb.universe.tf/loadBalancerIPs", "198.51.100.3")).endMetadata().build()).create();
            c.resource(lb("case3", "w", "TCP", 80).build()).create();
            s.wake("gw-cases");
            awaitService("gw-cases", "case3", "x", "Refused", "AddressNotInPool", null);
            awaitService("gw-cases", "case3", "y", "Refused", "AddressNotInAnyPool", null);
            awaitService("gw-cases", "case3", "z", "Allocated", "Allocated", "198.51.100.3");
            awaitService("gw-cases", "case3", "w", "Allocated", "Allocated", "192.0.2.0");
            assertThat(details(s.service("gw-cases", "case3", "w")).path("pool").asText()).isEqualTo("pool-a");
        }
    }

    @Test
    @Order(4)
    void afterARestartTheAddressesInServiceStatusAreRestoredBeforeAnyNewAllocation() {
        SandboxCluster cl = s.cluster("gw-restore");
        try (KubernetesClient c = cl.client()) {
            pool(c, "p", true, "192.0.2.10/31");
            c.resource(lb("apps", "old", "TCP", 80).build()).create();
            Service young = c.resource(lb("apps", "young", "TCP", 80).build()).create();
            // what a previous run of the service wrote before it stopped
            young.setStatus(new io.fabric8.kubernetes.api.model.ServiceStatus());
            young.getStatus().setLoadBalancer(new io.fabric8.kubernetes.api.model.LoadBalancerStatus(
                    List.of(new LoadBalancerIngressBuilder().withIp("192.0.2.10").build())));
            c.resource(young).updateStatus();
            s.register("gw-restore", Infrastructure.STANDALONE, EMPTY, 1, false);
            awaitService("gw-restore", "apps", "young", "Allocated", "Allocated", "192.0.2.10");
            awaitService("gw-restore", "apps", "old", "Allocated", "Allocated", "192.0.2.11");
            assertThat(ingress(c, "apps", "young")).containsExactly("192.0.2.10");
            assertThat(ingress(c, "apps", "old")).containsExactly("192.0.2.11");
        }
    }

    static final String FLEET = """
            {"gateways": {"pools": [{"name": "shared", "addresses": ["198.51.100.64/30"], "fleetWide": true}]}}""";

    @Test
    @Order(5)
    void twoClustersSharingAFleetWidePoolNeverGetOneAddressEvenWhenBothAskAtOnce() {
        List<String> names = List.of("gw-fleet-a", "gw-fleet-b");
        List<KubernetesClient> clients = new ArrayList<>();
        try {
            for (String n : names) {
                KubernetesClient c = s.cluster(n).client();
                clients.add(c);
                c.resource(lb("apps", "wants-66", "TCP", 80).editMetadata()
                        .withAnnotations(Map.of("metallb.io/loadBalancerIPs", "198.51.100.66")).endMetadata().build()).create();
                c.resource(lb("apps", "auto", "TCP", 80).build()).create();
            }
            // both registered back to back: their passes run at the same time on the two workers
            names.forEach(n -> s.register(n, Infrastructure.STANDALONE, FLEET, 1, false));
            await().atMost(WAIT).untilAsserted(() -> {
                List<String> states = new ArrayList<>();
                for (String n : names) {
                    JsonNode d = details(s.service(n, "apps", "wants-66"));
                    assertThat(d).isNotNull();
                    states.add(d.path("state").asText() + "/" + d.path("reason").asText());
                    assertThat(details(s.service(n, "apps", "auto"))).isNotNull();
                }
                assertThat(states).containsExactlyInAnyOrder("Allocated/Allocated", "Pending/HeldByOtherCluster");
            });
            Set<String> seen = new HashSet<>();
            for (KubernetesClient c : clients) {
                for (String svc : List.of("wants-66", "auto")) {
                    for (String ip : ingress(c, "apps", svc)) {
                        assertThat(seen.add(ip)).as("address %s given twice", ip).isTrue();
                    }
                }
            }
            assertThat(seen).hasSize(3).contains("198.51.100.66");
            String winner = names.stream().filter(n -> details(s.service(n, "apps", "wants-66")).path("state").asText()
                    .equals("Allocated")).findFirst().orElseThrow();
            String loser = names.stream().filter(n -> !n.equals(winner)).findFirst().orElseThrow();
            ConfigMap claim = s.management.configMaps().inNamespace(s.sandbox.managementNamespace())
                    .withName(ConfigMapFleetClaims.objectName("198.51.100.66")).get();
            assertThat(claim.getData()).containsEntry("cluster", winner);
            // the winner is deregistered: its claims are released and the loser gets the address on its next pass
            s.register(winner, Infrastructure.STANDALONE, FLEET, 2, true);
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(Conditions.isTrue(s.component(winner).orElseThrow().conditions(), Conditions.FINALIZED)).isTrue());
            assertThat(s.management.configMaps().inNamespace(s.sandbox.managementNamespace())
                    .withLabel(ConfigMapFleetClaims.CLUSTER_LABEL, winner).list().getItems()).isEmpty();
            s.wake(loser);
            awaitService(loser, "apps", "wants-66", "Allocated", "Allocated", "198.51.100.66");
            // the cluster's tombstone withdraws every status key of the winner
            s.send(Topics.CLUSTERS, winner, EventTypes.CLUSTER_DELETED, null);
            await().atMost(WAIT).until(() -> s.withdrawn(winner + "/gateways"));
        } finally {
            clients.forEach(KubernetesClient::close);
        }
    }

    @Test
    @Order(6)
    void badInputGetsAClearStatusAndNothingElseIsLost() {
        SandboxCluster cl = s.cluster("gw-bad");
        try (KubernetesClient c = cl.client()) {
            pool(c, "good", true, "10.20.0.0/30");
            pool(c, "broken", true, "192.0.2.300/24");
            c.resource(lb("apps", "garbled", "TCP", 80).editMetadata()
                    .withAnnotations(Map.of("metallb.io/loadBalancerIPs", "not-an-ip")).endMetadata().build()).create();
            c.resource(lb("apps", "fine", "TCP", 80).editMetadata()
                    .withAnnotations(Map.of("capstan.io/expose", "yes")).endMetadata().build()).create();
            c.resource(new ServiceBuilder().withNewMetadata().withNamespace("capstan-gateways").withName("edge").endMetadata()
                    .withNewSpec().withType("NodePort").endSpec().build()).create();
            s.register("gw-bad", Infrastructure.STANDALONE, EMPTY, 1, false);
            awaitService("gw-bad", "apps", "garbled", "Refused", "InvalidRequest", null);
            assertThat(details(s.service("gw-bad", "apps", "garbled")).path("message").asText()).contains("not-an-ip");
            awaitService("gw-bad", "apps", "fine", "Allocated", "Allocated", "10.20.0.0");
            assertThat(Scenario.condition(s.service("gw-bad", "apps", "fine"), "EdgeBypass").reason()).isEqualTo("InvalidExposeAnnotation");
            Condition pools = Scenario.condition(s.component("gw-bad"), "PoolsValid");
            assertThat(pools.status()).isEqualTo(ConditionStatus.False);
            assertThat(pools.reason()).isEqualTo("InvalidPool");
            assertThat(pools.message()).contains("broken").contains("192.0.2.300");
            // a NodePort Service in the gateway namespace is no finding
            assertThat(s.service("gw-bad", "capstan-gateways", "edge")).isEmpty();
            // an invalid profile: Ready=False InvalidProfile naming the field; the Services keep their addresses
            s.register("gw-bad", Infrastructure.STANDALONE,
                    "{\"gateways\": {\"pools\": [{\"name\": \"p\", \"addresses\": [\"10.0.0.0/33\"]}]}}", 2, false);
            await().atMost(WAIT).untilAsserted(() -> {
                Condition ready = Scenario.condition(s.component("gw-bad"), Conditions.READY);
                assertThat(ready).isNotNull();
                assertThat(ready.reason()).isEqualTo("InvalidProfile");
                assertThat(ready.message()).contains("gateways.pools[0]").contains("10.0.0.0/33");
            });
            assertThat(ingress(c, "apps", "fine")).containsExactly("10.20.0.0");
        }
    }

    @Test
    @Order(7)
    void aPoisonRecordGoesToTheDlqAndTheNextRecordFlows() {
        s.send(Topics.CLUSTERS, "gw-poison", EventTypes.CLUSTER_REGISTERED, "{not json");
        await().atMost(WAIT).until(() -> s.records.stream().anyMatch(r -> r.topic().equals(Topics.DLQ) && "gw-poison".equals(r.key())));
        s.cluster("gw-after-poison");
        s.register("gw-after-poison", Infrastructure.STANDALONE, EMPTY, 1, false);
        await().atMost(WAIT).untilAsserted(() -> {
            Condition ready = Scenario.condition(s.component("gw-after-poison"), Conditions.READY);
            assertThat(ready).isNotNull();
            assertThat(ready.status()).isEqualTo(ConditionStatus.True);
        });
    }

    static final String OPENSTACK = """
            {"gateways": {"cloud": {"annotations": {"loadbalancer.openstack.org/keep-floatingip": "true"}}}}""";

    @Test
    @Order(8)
    void onOpenstackCapstanAnnotatesItsServiceAndReadsTheAddressTheCloudWrites() {
        SandboxCluster cl = s.cluster("gw-cloud");
        try (KubernetesClient c = cl.client()) {
            c.resource(lb("capstan-gateways", "edge", "TCP", 443).editMetadata()
                    .withLabels(Map.of("app.kubernetes.io/managed-by", "capstan-gateways")).endMetadata().build()).create();
            s.register("gw-cloud", Infrastructure.OPENSTACK, OPENSTACK, 1, false);
            awaitService("gw-cloud", "capstan-gateways", "edge", "Cloud", "AwaitingCloudController", null);
            await().atMost(WAIT).untilAsserted(() -> assertThat(c.services().inNamespace("capstan-gateways").withName("edge").get()
                    .getMetadata().getAnnotations())
                    .containsEntry("service.beta.kubernetes.io/openstack-internal-load-balancer", "false")
                    .containsEntry("loadbalancer.openstack.org/keep-floatingip", "true"));
            // the cloud controller (played here) writes the address
            Service edge = c.services().inNamespace("capstan-gateways").withName("edge").get();
            if (edge.getStatus() == null) {
                edge.setStatus(new io.fabric8.kubernetes.api.model.ServiceStatus());
            }
            edge.getStatus().setLoadBalancer(new io.fabric8.kubernetes.api.model.LoadBalancerStatus(
                    List.of(new LoadBalancerIngressBuilder().withIp("203.0.113.50").build())));
            c.resource(edge).updateStatus();
            s.wake("gw-cloud");
            awaitService("gw-cloud", "capstan-gateways", "edge", "Cloud", "AssignedByCloud", "203.0.113.50");
            assertThat(details(s.component("gw-cloud")).path("mode").asText()).isEqualTo("cloud");
        }
    }

    @Test
    @Order(9)
    void everyPublishedStatusMatchesTheAsyncApiContractAndTheGatewaysDetailsSchemas() throws Exception {
        AsyncApiContract contract;
        try (InputStream in = Files.newInputStream(repo().resolve("docs/asyncapi.yaml"))) {
            contract = AsyncApiContract.load(in);
        }
        JsonNode schemas = contract.document().path("components").path("schemas");
        JsonSchemaFactory f = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        JsonSchema serviceDetails = f.getSchema(schemas.path("GatewaysServiceDetails"));
        JsonSchema componentDetails = f.getSchema(schemas.path("GatewaysComponentDetails"));
        List<Scenario.Rec> ours = s.records.stream().filter(r -> r.topic().equals(Topics.STATUS)
                && "/capstan/gateways".equals(r.headers().get("ce_source"))).toList();
        assertThat(ours).hasSizeGreaterThan(10);
        for (Scenario.Rec r : ours) {
            contract.assertValid(Topics.STATUS, r.key(), r.headers(), r.value());
            if (r.value() == null) {
                continue;
            }
            StatusEvent e = io.capstan.model.event.Json.read(r.value(), StatusEvent.class);
            if (e.details() == null || Conditions.isTrue(e.conditions(), Conditions.FINALIZED)) {
                continue;
            }
            JsonSchema schema = e.subject() == null ? componentDetails
                    : "Service".equals(e.subject().kind()) ? serviceDetails : null;
            if (schema != null) {
                assertThat(schema.validate(e.details())).as("details of %s: %s", r.key(), e.details()).isEmpty();
            }
        }
    }

    @Test
    @Order(10)
    void noKubeconfigTokenAppearsInTheLogOrOnTheStatusTopic() throws Exception {
        Path log = Path.of("target/gateways-test.log");
        assertThat(log).exists();
        String text = Files.readString(log);
        List<String> published = s.records.stream().map(r -> String.valueOf(r.value())).toList();
        for (String n : List.of("gw-metallb", "gw-cases", "gw-fleet-b", "gw-bad", "gw-cloud")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("token:\\s*\"?([A-Za-z0-9._-]+)")
                    .matcher(s.sandbox.cluster(n).kubeconfig());
            assertThat(m.find()).isTrue();
            String token = m.group(1);
            assertThat(text.contains(token)).as("token of %s in the log", n).isFalse();
            assertThat(published).noneMatch(v -> v.contains(token));
        }
    }

    @Test
    @Order(11)
    void readinessAndMetricsAreServed() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> ready = http.send(java.net.http.HttpRequest.newBuilder(URI(q + "/health/ready")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("gateways-reconciler");
        java.net.http.HttpResponse<String> metrics = http.send(java.net.http.HttpRequest.newBuilder(URI(q + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("capstan_reconcile_passes_total").contains("component=\"gateways\"");
    }

    static java.net.URI URI(String s) {
        return java.net.URI.create(s);
    }
}
