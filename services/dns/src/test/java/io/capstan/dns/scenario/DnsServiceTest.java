package io.capstan.dns.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.dns.reconcile.Bind;
import io.capstan.dns.source.UpstreamFixtures;
import io.capstan.model.event.Json;
import io.capstan.model.request.Request;
import io.capstan.model.resource.ResourceKey;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.Conditions;
import io.capstan.model.status.StatusEvent;
import io.capstan.sandbox.dns.DnsZone;
import io.capstan.sandbox.junit.SandboxCluster;
import io.capstan.sandbox.junit.SandboxResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dns service against real components: the sandbox's Kafka broker and fabric8 CRUD mock API server (an emulator
 * without controllers, so the load-balancer status a controller would write is added to the objects the watcher
 * reports), and a real BIND 9 started by this test, read back with {@code dig}. The test plays the orchestrator
 * (ClusterEvent + TSIG Secret in the management namespace), the cluster watcher (ResourceEvents of the objects the
 * API server returned) and the certificates service (DNS01Challenge requests).
 */
@QuarkusTest
@QuarkusTestResource(SandboxResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DnsServiceTest {

    static final String CLUSTER = "fixtures";
    static final List<String> FOREIGN = List.of("@ 300 IN TXT \"v=spf1 include:_spf.example.com -all\"",
            "@ 300 IN MX 10 mail.example.com.", "hand 300 IN A 192.0.2.250");
    static Wire wire;
    static Bind bind;
    static int port;
    static List<String> foreignAtStart;

    @Inject
    MeterRegistry meters;

    @BeforeAll
    static void start() {
        wire = new Wire();
        port = Bind.freePort();
        bind = Bind.start("service", port, new DnsZone("example.com", FOREIGN), DnsZone.of("bar.com"),
                DnsZone.of("domain.local"));
        foreignAtStart = bind.axfr("example.com");
        try (KubernetesClient m = wire.sandbox.managementClient()) {
            String ns = wire.sandbox.managementNamespace();
            m.secrets().inNamespace(ns).withName("dns-tsig-test").delete();
            m.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("dns-tsig-test")
                    .withNamespace(ns).endMetadata().addToData("secret", Base64.getEncoder()
                            .encodeToString(bind.secret().getBytes(StandardCharsets.UTF_8))).build()).create();
        }
    }

    @AfterAll
    static void stop() {
        wire.close();
        bind.close();
    }

    static String profile() {
        return """
                {"zones": ["example.com", "bar.com", "domain.local"], "extraDomains": ["example.com", "bar.com", "domain.local"],
                 "provider": {"type": "rfc2136", "server": "127.0.0.1:%d",
                   "tsig": {"keyName": "%s", "algorithm": "hmac-sha256", "secretRef": {"name": "dns-tsig-test", "key": "secret"}}}}"""
                .formatted(port, Bind.KEY);
    }

    /**
     * Creates the object in the sandbox cluster (kubectl apply of the manifest), and reports what the API server
     * returned as the watcher would, with the load-balancer status a controller would have written.
     */
    static void apply(SandboxCluster cluster, JsonNode manifest, String... loadBalancer) {
        JsonNode obj = UpstreamFixtures.inDefaultNamespace(manifest);
        ObjectNode spec = obj.deepCopy();
        spec.remove("status");
        try (KubernetesClient c = cluster.client()) {
            GenericKubernetesResource r = Serialization.unmarshal(Json.write(spec), GenericKubernetesResource.class);
            c.resource(r).inNamespace(obj.path("metadata").path("namespace").asText()).delete();
            GenericKubernetesResource created = c.resource(r).inNamespace(obj.path("metadata").path("namespace").asText())
                    .create();
            ObjectNode reported = (ObjectNode) Json.read(Serialization.asJson(created), JsonNode.class);
            if (loadBalancer.length > 0) {
                reported = (ObjectNode) UpstreamFixtures.withLoadBalancer(reported, loadBalancer);
            } else if (obj.has("status")) {
                reported.set("status", obj.get("status"));
            }
            wire.resourceChanged(CLUSTER, reported);
        }
    }

    static StatusEvent component() {
        return wire.status(CLUSTER + "/dns").orElse(null);
    }

    /** The latest entry of a key; an assertion error (retried by Awaitility) while it is absent. */
    static StatusEvent entry(String key) {
        java.util.Optional<StatusEvent> e = wire.status(key);
        assertThat(e).as(key).isPresent();
        return e.get();
    }

    static Condition ready(StatusEvent e) {
        return e == null ? null : Conditions.find(e.conditions(), Conditions.READY).orElse(null);
    }

    /** The data records Capstan owns in a zone (markers, SOA/NS and the foreign records left out). */
    static List<String> ownedData(String zone) {
        List<String> out = new ArrayList<>(bind.axfr(zone));
        out.removeIf(l -> l.contains("heritage=external-dns") || foreignAtStart.contains(l) || l.contains(" NS ")
                || l.startsWith("ns1."));
        return out;
    }

    static long markers(String zone) {
        return bind.axfr(zone).stream().filter(l -> l.contains("heritage=external-dns")).count();
    }

    double passes(String outcome) {
        Counter c = meters.find("capstan.reconcile.passes").tags("component", "dns", "outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    @Order(1)
    void theExternalDnsFixturesAppliedToASandboxClusterAreServedByBindExactly() {
        SandboxCluster sandbox = wire.sandbox.cluster(CLUSTER);
        wire.register(Wire.cluster(CLUSTER, profile(), 1, false));
        apply(sandbox, UpstreamFixtures.read("docs/annotations/annotations.md.L121-L137.yaml").get(0), "ip:192.0.2.20");
        apply(sandbox, UpstreamFixtures.read("docs/sources/crd/dnsendpoint-example.yaml").get(0));
        JsonNode aws = UpstreamFixtures.read("docs/sources/crd/dnsendpoint-aws-example.yaml").get(0).deepCopy();
        ((ObjectNode) aws.path("metadata")).put("name", "examplednsrecord-aws");
        apply(sandbox, aws);
        apply(sandbox, UpstreamFixtures.read("docs/snippets/tutorials/aws-localstack/dnsendpoint-multi.yml").get(0));
        apply(sandbox, UpstreamFixtures.ofKind("docs/snippets/tutorials/aws-localstack/service-lb.yml", "Service").get(0),
                "ip:192.0.2.30");
        apply(sandbox, UpstreamFixtures.ofKind("docs/snippets/tutorials/aws-localstack/foo-app.yml", "Service").get(0));
        apply(sandbox, UpstreamFixtures.ofKind("tag-v0.20.0/docs/snippets/digitalocean/deploy-nginx.yaml", "Service").get(0),
                "ip:192.0.2.40");
        for (JsonNode svc : UpstreamFixtures.ofKind("tag-v0.21.0/docs/snippets/tutorials/coredns/coredns-groups.yaml",
                "Service")) {
            apply(sandbox, svc);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(bind.dig("www.example.com", "A")).containsExactly("192.0.2.20");
            assertThat(bind.dig("my-loadbalancer.example.com", "A")).containsExactly("192.0.2.30");
            assertThat(bind.dig("d.subdom.domain.local", "A")).containsExactly("127.0.0.4");
        });
        // the same Service as the v0.21.0 manifest (alpha prefix), its load balancer now at another address
        apply(sandbox, UpstreamFixtures.ofKind("tag-v0.21.0/docs/snippets/tutorials/aws-localstack/service-lb.yml",
                "Service").get(0), "ip:192.0.2.31");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(bind.dig("my-loadbalancer.example.com", "A")).containsExactly("192.0.2.31"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(ownedData("example.com")).containsExactlyInAnyOrder(
                    "www.example.com. 300 A 192.0.2.20",
                    "dnsendpoint-a.example.com. 300 A 192.168.1.100",
                    "dnsendpoint-a-lb.example.com. 200 A 10.0.1.1",
                    "dnsendpoint-a-lb.example.com. 200 A 10.0.1.2",
                    "dnsendpoint-a-lb.example.com. 200 A 10.0.1.3",
                    "dnsendpoint-aaaa.example.com. 600 AAAA 2001:db8:85a3::8a2e:370:7334",
                    "my-loadbalancer.example.com. 300 A 192.0.2.31",
                    "my-app.example.com. 300 A 192.0.2.40");
            assertThat(ownedData("bar.com")).containsExactlyInAnyOrder(
                    "foo.bar.com. 180 A 192.168.99.216",
                    "subdomain.foo.bar.com. 300 CNAME other-subdomain.foo.bar.com.");
            assertThat(ownedData("domain.local")).containsExactlyInAnyOrder(
                    "a.domain.local. 300 A 127.0.0.1", "b.domain.local. 300 A 127.0.0.2",
                    "c.subdom.domain.local. 300 A 127.0.0.3", "d.subdom.domain.local. 300 A 127.0.0.4");
        });
        assertThat(markers("example.com")).isEqualTo(6);
        assertThat(markers("bar.com")).isEqualTo(2);
        assertThat(markers("domain.local")).isEqualTo(4);
        assertThat(bind.axfr("example.com")).filteredOn(l -> l.contains("my-loadbalancer"))
                .anyMatch(l -> l.contains("external-dns/owner=fixtures") && l.contains("external-dns/resource=service/default/loadbalancer-service"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            StatusEvent www = entry(CLUSTER + "/dns/DNSRecord/_/www.example.com");
            assertThat(ready(www).status()).isEqualTo(ConditionStatus.True);
            assertThat(www.details().path("state").asText()).isEqualTo("Published");
            assertThat(www.details().path("zone").asText()).isEqualTo("example.com");
            assertThat(www.details().path("records").get(0).path("targets").get(0).asText()).isEqualTo("192.0.2.20");
            assertThat(www.details().path("source").path("kind").asText()).isEqualTo("Ingress");
            assertThat(ready(component()).reason()).isEqualTo("RecordsPublished");
        });
        assertThat(wire.statusRecords()).filteredOn(r -> r.key().startsWith(CLUSTER + "/dns")).allSatisfy(r ->
                assertThat(r.headers()).containsEntry("ce_source", "/capstan/dns").containsEntry("ce_specversion", "1.0")
                        .containsEntry("ce_subject", r.key()).containsKeys("ce_id", "ce_time", "ce_type"));
    }

    @Test
    @Order(2)
    void foreignRecordsAreByteIdenticalAfterThreeMorePasses() {
        assertThat(bind.axfr("example.com")).containsAll(foreignAtStart.stream().filter(l -> !l.contains(" NS ")).toList());
        JsonNode ing = UpstreamFixtures.read("docs/annotations/annotations.md.L121-L137.yaml").get(0);
        SandboxCluster sandbox = wire.sandbox.cluster(CLUSTER);
        for (int i = 1; i <= 3; i++) {
            double before = passes("unchanged");
            ObjectNode touched = ing.deepCopy();
            touched.withObject("/metadata").withObject("/annotations").put("test.capstan.io/pass", String.valueOf(i));
            apply(sandbox, touched, "ip:192.0.2.20");
            await().atMost(Duration.ofSeconds(30)).until(() -> passes("unchanged") > before);
        }
        List<String> now = bind.axfr("example.com");
        for (String line : foreignAtStart) {
            assertThat(now).contains(line);
        }
        assertThat(now.stream().filter(l -> l.contains("v=spf1") || l.contains(" MX ") || l.startsWith("hand."))
                .toList()).containsExactlyElementsOf(foreignAtStart.stream()
                .filter(l -> l.contains("v=spf1") || l.contains(" MX ") || l.startsWith("hand.")).toList());
    }

    @Test
    @Order(3)
    void aDns01ChallengeIsPublishedAnsweredAndRemovedOnWithdrawal() {
        Request ok = new Request("acme-www-1", "certificates", CLUSTER, "DNS01Challenge",
                Json.read("{\"fqdn\": \"_acme-challenge.www.example.com.\", \"value\": \"tok-1\", \"ttl\": 60}", JsonNode.class));
        Request twin = new Request("acme-www-2", "certificates", CLUSTER, "DNS01Challenge",
                Json.read("{\"fqdn\": \"_acme-challenge.www.example.com\", \"value\": \"tok-2\", \"ttl\": 60}", JsonNode.class));
        Request outside = new Request("acme-other", "certificates", CLUSTER, "DNS01Challenge",
                Json.read("{\"fqdn\": \"_acme-challenge.www.example.edu\", \"value\": \"nope\", \"ttl\": 60}", JsonNode.class));
        wire.request(ok, false);
        wire.request(twin, false);
        wire.request(outside, false);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(bind.dig("_acme-challenge.www.example.com", "TXT")).containsExactly("\"tok-1\"", "\"tok-2\"");
            StatusEvent a = entry(CLUSTER + "/dns/DNS01Challenge/_/acme-www-1");
            assertThat(a.subject()).isEqualTo(ok.answerSubject());
            assertThat(ready(a).status()).isEqualTo(ConditionStatus.True);
            assertThat(ready(a).reason()).isEqualTo("Published");
            StatusEvent d = entry(CLUSTER + "/dns/DNS01Challenge/_/acme-other");
            assertThat(ready(d).status()).isEqualTo(ConditionStatus.False);
            assertThat(ready(d).reason()).isEqualTo("Denied");
            assertThat(ready(d).message()).contains("example.com");
        });
        wire.request(ok, true);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(bind.dig("_acme-challenge.www.example.com", "TXT")).containsExactly("\"tok-2\"");
            assertThat(wire.tombstoned(CLUSTER + "/dns/DNS01Challenge/_/acme-www-1")).isTrue();
        });
        wire.request(twin, true);
        wire.request(outside, true);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(bind.dig("_acme-challenge.www.example.com", "TXT")).isEmpty();
            assertThat(wire.tombstoned(CLUSTER + "/dns/DNS01Challenge/_/acme-www-2")).isTrue();
            assertThat(wire.tombstoned(CLUSTER + "/dns/DNS01Challenge/_/acme-other")).isTrue();
        });
    }

    @Test
    @Order(4)
    void aPoisonRecordGoesToTheDlqAndTheNextOneFlows() {
        String key = CLUSTER + "/core/Service/default/poison";
        wire.send("capstan.resources", key, "io.capstan.resource.changed.v1", "{not json");
        wire.send("capstan.requests", CLUSTER + "/bad-spec", "io.capstan.request.submitted.v1",
                Json.write(new Request("bad-spec", "certificates", CLUSTER, "DNS01Challenge",
                        Json.read("{\"value\": \"no fqdn\"}", JsonNode.class))));
        SandboxCluster sandbox = wire.sandbox.cluster(CLUSTER);
        apply(sandbox, Json.read("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"after-poison","namespace":"default",
                 "annotations":{"external-dns.kubernetes.io/hostname":"after-poison.example.com"}},
                 "spec":{"type":"LoadBalancer"}}""", JsonNode.class), "ip:192.0.2.77");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(wire.dlq()).extracting(Wire.Rec::key).contains(key, CLUSTER + "/bad-spec");
            assertThat(bind.dig("after-poison.example.com", "A")).containsExactly("192.0.2.77");
        });
    }

    @Test
    @Order(5)
    void anUnreachableDnsServerIsProviderErrorAndTheZoneIsRebuiltWhenItIsBack() throws Exception {
        bind.named().stop();
        SandboxCluster sandbox = wire.sandbox.cluster(CLUSTER);
        apply(sandbox, Json.read("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"during-outage","namespace":"default",
                 "annotations":{"external-dns.kubernetes.io/hostname":"during-outage.example.com"}},
                 "spec":{"type":"LoadBalancer"}}""", JsonNode.class), "ip:192.0.2.78");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(ready(component())).isNotNull();
            assertThat(ready(component()).status()).isEqualTo(ConditionStatus.False);
            assertThat(ready(component()).reason()).isEqualTo("ProviderError");
        });
        assertThat(ready(component()).message()).doesNotContain(bind.secret());
        bind.named().start(); // a fresh start: the zones hold only their initial records again
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(bind.dig("during-outage.example.com", "A")).containsExactly("192.0.2.78");
            assertThat(bind.dig("www.example.com", "A")).containsExactly("192.0.2.20");
            assertThat(ready(component()).status()).isEqualTo(ConditionStatus.True);
        });
    }

    @Test
    @Order(6)
    void deregistrationRemovesOwnedRecordsOnlyAndTheClusterTombstoneWithdrawsItsStatus() throws Exception {
        wire.register(Wire.cluster(CLUSTER, profile(), 2, true));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(component()).isNotNull();
            Condition fin = Conditions.find(component().conditions(), Conditions.FINALIZED).orElse(null);
            assertThat(fin).isNotNull();
            assertThat(fin.status()).isEqualTo(ConditionStatus.True);
            assertThat(fin.reason()).isEqualTo("CleanedUp");
            assertThat(component().observedGeneration()).isEqualTo(2);
        });
        for (String zone : List.of("example.com", "bar.com", "domain.local")) {
            assertThat(ownedData(zone)).as(zone).isEmpty();
            assertThat(markers(zone)).as(zone).isZero();
        }
        assertThat(bind.axfr("example.com")).containsExactlyInAnyOrderElementsOf(foreignAtStart);
        assertThat(wire.tombstoned(CLUSTER + "/dns/DNSRecord/_/www.example.com")).isTrue();
        wire.clusterDeleted(CLUSTER);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(wire.tombstoned(CLUSTER + "/dns")).isTrue());
        Path log = Path.of("target/dns-test.log");
        if (Files.exists(log)) {
            assertThat(Files.readString(log)).doesNotContain(bind.secret());
        }
    }

    @Test
    @Order(7)
    void everyPublishedDnsStatusMatchesTheAsyncApiContractAndTheDnsDetailsSchemas() throws Exception {
        io.capstan.model.contract.AsyncApiContract contract;
        try (java.io.InputStream in = Files.newInputStream(Path.of(System.getProperty("capstan.repo.root", "../.."))
                .resolve("docs/asyncapi.yaml"))) {
            contract = io.capstan.model.contract.AsyncApiContract.load(in);
        }
        JsonNode schemas = contract.document().path("components").path("schemas");
        com.networknt.schema.JsonSchemaFactory f = com.networknt.schema.JsonSchemaFactory.getInstance(
                com.networknt.schema.SpecVersion.VersionFlag.V7);
        ObjectNode defs = Json.MAPPER.createObjectNode();
        defs.set("definitions", schemas.deepCopy());
        java.util.function.Function<String, com.networknt.schema.JsonSchema> schema = name -> {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.set("definitions", schemas.deepCopy());
            root.put("$ref", "#/definitions/" + name);
            return f.getSchema(Json.read(Json.write(root).replace("#/components/schemas/", "#/definitions/"),
                    JsonNode.class));
        };
        var record = schema.apply("DnsRecordDetails");
        var challenge = schema.apply("DnsChallengeDetails");
        var comp = schema.apply("DnsComponentDetails");
        List<Wire.Rec> ours = wire.statusRecords().stream().filter(r -> "/capstan/dns".equals(r.headers().get("ce_source")))
                .toList();
        assertThat(ours).hasSizeGreaterThan(20);
        java.util.Set<String> kinds = new java.util.HashSet<>();
        for (Wire.Rec r : ours) {
            contract.assertValid("capstan.status", r.key(), r.headers(), r.value());
            if (r.value() == null) {
                continue;
            }
            StatusEvent e = Json.read(r.value(), StatusEvent.class);
            if (e.details() == null || Conditions.isTrue(e.conditions(), Conditions.FINALIZED)) {
                continue;
            }
            var s = e.subject() == null ? comp : e.subject().kind().equals("DNSRecord") ? record : challenge;
            kinds.add(e.subject() == null ? "component" : e.subject().kind());
            assertThat(s.validate(e.details())).as("details of %s: %s", r.key(), e.details()).isEmpty();
        }
        assertThat(kinds).containsExactlyInAnyOrder("component", "DNSRecord", "DNS01Challenge");
    }

    @Test
    @Order(8)
    void anInvalidProfileIsReadyFalseInvalidProfileNamingTheField() {
        wire.register(Wire.cluster("badprofile", "{\"zones\": [\"example.com\"], \"provider\": {\"type\": \"route53\"}}",
                1, false));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            StatusEvent e = entry("badprofile/dns");
            assertThat(ready(e).status()).isEqualTo(ConditionStatus.False);
            assertThat(ready(e).reason()).isEqualTo("InvalidProfile");
            assertThat(ready(e).message()).contains("dns.provider.type: must be rfc2136, pdns or memory, got 'route53'");
        });
        wire.clusterDeleted("badprofile");
    }

    @Test
    @Order(9)
    void theTsigSecretAppearsInNoStatusRecordDeadLetterOrLogLine() throws Exception {
        List<Wire.Rec> all = new ArrayList<>(wire.statusRecords());
        all.addAll(wire.dlq());
        assertThat(all).isNotEmpty().noneMatch(r -> (r.value() != null && r.value().contains(bind.secret()))
                || r.headers().values().stream().anyMatch(v -> v != null && v.contains(bind.secret())));
        Path log = Path.of("target/dns-test.log");
        assertThat(log).exists();
        assertThat(Files.readString(log)).contains("via rfc2136").doesNotContain(bind.secret());
    }

    @io.quarkus.test.common.http.TestHTTPResource("/q/health/ready")
    java.net.URI readyUri;

    @Test
    @Order(10)
    void readinessReportsTheReconcilerAndTheMetricsCountPasses() throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(readyUri).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("dns-reconciler").contains("queueDepth");
        assertThat(passes("applied")).isPositive();
        assertThat(passes("finalized")).isPositive();
    }
}
