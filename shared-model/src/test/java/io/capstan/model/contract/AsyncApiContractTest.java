package io.capstan.model.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.model.Topics;
import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.cluster.Profile;
import io.capstan.model.event.CloudEventHeaders;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.request.Dns01Challenge;
import io.capstan.model.request.Request;
import io.capstan.model.resource.ResourceEvent;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.Conditions;
import io.capstan.model.status.StatusEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Real payloads, written by {@link Json#MAPPER} from the shared records with real CloudEvents headers, against the
 * AsyncAPI document loaded from the classpath; and deliberately wrong ones, so the contract can fail.
 */
class AsyncApiContractTest {

    static final AsyncApiContract CONTRACT = AsyncApiContract.load();
    static final Instant NOW = Instant.parse("2025-03-01T10:15:30.123456789Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    // ---- real payloads -------------------------------------------------------------------------------------------

    static ClusterEvent cluster(boolean deleting) {
        ObjectNode spec = JsonNodeFactory.instance.objectNode();
        spec.putObject("storage").put("ownsDefault", true).putArray("classes").addObject().put("name", "fast");
        return new ClusterEvent("alpha", Infrastructure.STANDALONE, "lab-1", Map.of("env", "test"),
                new Profile("sandbox", spec, 3), deleting ? 4 : 2, deleting, null);
    }

    static ResourceEvent storageClass() {
        ObjectNode obj = JsonNodeFactory.instance.objectNode();
        obj.put("apiVersion", "storage.k8s.io/v1").put("kind", "StorageClass");
        obj.putObject("metadata").put("name", "fast").put("uid", "u-1").put("resourceVersion", "42");
        obj.put("provisioner", "rbd.csi.ceph.com");
        return new ResourceEvent("alpha", "storage.k8s.io/v1", "StorageClass", null, "fast", "u-1", "42", 0, NOW, obj);
    }

    static ResourceEvent configMap() {
        ObjectNode obj = JsonNodeFactory.instance.objectNode();
        obj.put("apiVersion", "v1").put("kind", "ConfigMap");
        obj.putObject("metadata").put("name", "cm").put("namespace", "apps");
        obj.putObject("data").put("k", "v");
        return new ResourceEvent("alpha", "v1", "ConfigMap", "apps", "cm", "u-2", "7", 0, NOW, obj);
    }

    static StatusEvent componentStatus() {
        List<Condition> conditions = Conditions.set(List.of(),
                Condition.of(Conditions.READY, ConditionStatus.True, "ClassesEnsured", "2 classes"), 2, CLOCK);
        conditions = Conditions.set(conditions,
                Condition.of(Conditions.FINALIZED, ConditionStatus.Unknown, "NotDeleting", ""), 2, CLOCK);
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.putArray("ownedClasses").add("fast");
        return new StatusEvent("alpha", "storage", null, 2, NOW, conditions, details);
    }

    static StatusEvent objectStatus() {
        List<Condition> conditions = Conditions.set(List.of(),
                Condition.of(Conditions.READY, ConditionStatus.False, "ClassMissing", "no class 'slow'"), 5, CLOCK);
        return new StatusEvent("alpha", "storage",
                new StatusEvent.Subject("v1", "PersistentVolumeClaim", "apps", "data"), 5, NOW, conditions, null);
    }

    static Request dns01Request() {
        return new Request("cert-web-1", "certificates", "alpha", Dns01Challenge.KIND,
                Json.MAPPER.valueToTree(new Dns01Challenge("_acme-challenge.web.example.com", "abc", 60)));
    }

    record Sample(String topic, String type, String key, Object payload) {
        @Override
        public String toString() {
            return type + " " + key;
        }
    }

    static Stream<Sample> samples() {
        return Stream.of(
                new Sample(Topics.CLUSTERS, EventTypes.CLUSTER_REGISTERED, "alpha", cluster(false)),
                new Sample(Topics.CLUSTERS, EventTypes.CLUSTER_UPDATED, "alpha", cluster(false)),
                new Sample(Topics.CLUSTERS, EventTypes.CLUSTER_DEREGISTERED, "alpha", cluster(true)),
                new Sample(Topics.CLUSTERS, EventTypes.CLUSTER_DELETED, "alpha", null),
                new Sample(Topics.RESOURCES, EventTypes.RESOURCE_CHANGED, storageClass().key().toKey(), storageClass()),
                new Sample(Topics.RESOURCES, EventTypes.RESOURCE_CHANGED, configMap().key().toKey(), configMap()),
                new Sample(Topics.RESOURCES, EventTypes.RESOURCE_DELETED, configMap().key().toKey(), null),
                new Sample(Topics.STATUS, EventTypes.STATUS_CHANGED, componentStatus().key(), componentStatus()),
                new Sample(Topics.STATUS, EventTypes.STATUS_CHANGED, objectStatus().key(), objectStatus()),
                new Sample(Topics.STATUS, EventTypes.STATUS_REMOVED, objectStatus().key(), null),
                new Sample(Topics.REQUESTS, EventTypes.REQUEST_SUBMITTED, dns01Request().key(), dns01Request()),
                new Sample(Topics.REQUESTS, EventTypes.REQUEST_WITHDRAWN, dns01Request().key(), dns01Request()));
    }

    static Map<String, String> headers(String type, String key, boolean tombstone) {
        return AsyncApiContract.utf8Headers(
                CloudEventHeaders.of("/capstan/test", type, key, NOW, tombstone).toKafkaHeaders());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyRecordWrittenByTheSharedMapperMatchesTheContract(Sample s) {
        String value = s.payload() == null ? null : Json.write(s.payload());
        assertThat(CONTRACT.validateRecord(s.topic(), s.key(), headers(s.type(), s.key(), value == null), value))
                .as("violations of %s", value)
                .isEmpty();
    }

    @Test
    void everyEventTypeHasARealSample() {
        Set<String> sampled = new HashSet<>();
        samples().forEach(s -> sampled.add(s.type()));
        assertThat(sampled).isEqualTo(allEventTypes());
    }

    @Test
    void resourceKeyOfACoreClusterScopedObjectMatchesTheKeySchema() {
        assertThat(CONTRACT.validateKey(Topics.RESOURCES, EventTypes.RESOURCE_DELETED, "alpha/core/Namespace/_/apps")).isEmpty();
        assertThat(CONTRACT.validateKey(Topics.RESOURCES, EventTypes.RESOURCE_DELETED, "alpha/core/Namespace/apps")).isNotEmpty();
        assertThat(CONTRACT.validateKey(Topics.STATUS, EventTypes.STATUS_REMOVED, "alpha/storage")).isEmpty();
        assertThat(CONTRACT.validateKey(Topics.STATUS, EventTypes.STATUS_REMOVED, "alpha")).isNotEmpty();
        assertThat(CONTRACT.validateKey(Topics.CLUSTERS, EventTypes.CLUSTER_DELETED, "Alpha_1")).isNotEmpty();
    }

    // ---- wrong payloads are rejected -----------------------------------------------------------------------------

    static Stream<Arguments> wrongPayloads() {
        return Stream.of(
                wrong("cluster without name", Topics.CLUSTERS, EventTypes.CLUSTER_REGISTERED, cluster(false),
                        n -> n.remove("name"), "name"),
                wrong("infrastructure baremetal", Topics.CLUSTERS, EventTypes.CLUSTER_REGISTERED, cluster(false),
                        n -> n.put("infrastructure", "baremetal"), "infrastructure"),
                wrong("infrastructure in upper case", Topics.CLUSTERS, EventTypes.CLUSTER_UPDATED, cluster(false),
                        n -> n.put("infrastructure", "OPENSTACK"), "infrastructure"),
                wrong("a kubeconfig inside the event", Topics.CLUSTERS, EventTypes.CLUSTER_UPDATED, cluster(false),
                        n -> n.put("kubeconfig", "apiVersion: v1"), "kubeconfig"),
                wrong("deregistered that is not deleting", Topics.CLUSTERS, EventTypes.CLUSTER_DEREGISTERED, cluster(false),
                        n -> { }, "deleting"),
                wrong("generation 0", Topics.CLUSTERS, EventTypes.CLUSTER_REGISTERED, cluster(false),
                        n -> n.put("generation", 0), "generation"),
                wrong("profile without spec", Topics.CLUSTERS, EventTypes.CLUSTER_REGISTERED, cluster(false),
                        n -> ((ObjectNode) n.get("profile")).remove("spec"), "spec"),
                wrong("condition status Yes", Topics.STATUS, EventTypes.STATUS_CHANGED, componentStatus(),
                        n -> condition(n).put("status", "Yes"), "status"),
                wrong("reason not camel", Topics.STATUS, EventTypes.STATUS_CHANGED, componentStatus(),
                        n -> condition(n).put("reason", "not camel"), "reason"),
                wrong("condition type not camel", Topics.STATUS, EventTypes.STATUS_CHANGED, componentStatus(),
                        n -> condition(n).put("type", "ready"), "type"),
                wrong("lastTransitionTime not a date-time", Topics.STATUS, EventTypes.STATUS_CHANGED, componentStatus(),
                        n -> condition(n).put("lastTransitionTime", "yesterday"), "lastTransitionTime"),
                wrong("unstamped condition", Topics.STATUS, EventTypes.STATUS_CHANGED, componentStatus(),
                        n -> condition(n).remove("lastTransitionTime"), "lastTransitionTime"),
                wrong("no conditions", Topics.STATUS, EventTypes.STATUS_CHANGED, componentStatus(),
                        n -> n.putArray("conditions"), "conditions"),
                wrong("resource without kind", Topics.RESOURCES, EventTypes.RESOURCE_CHANGED, configMap(),
                        n -> n.remove("kind"), "kind"),
                wrong("managedFields left in", Topics.RESOURCES, EventTypes.RESOURCE_CHANGED, configMap(),
                        n -> ((ObjectNode) n.get("object").get("metadata")).putArray("managedFields"), "metadata"),
                wrong("Secret data published", Topics.RESOURCES, EventTypes.RESOURCE_CHANGED, configMap(),
                        n -> ((ObjectNode) n.get("object")).put("kind", "Secret"), "object"));
    }

    private static ObjectNode condition(ObjectNode status) {
        return (ObjectNode) status.get("conditions").get(0);
    }

    private static Arguments wrong(String name, String topic, String type, Object record, Consumer<ObjectNode> breakIt,
                                   String field) {
        ObjectNode tree = Json.MAPPER.valueToTree(record);
        breakIt.accept(tree);
        return Arguments.of(name, topic, type, tree.toString(), field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongPayloads")
    void aPayloadOfTheWrongShapeIsRejected(String name, String topic, String type, String json, String field) {
        List<String> violations = CONTRACT.validatePayload(topic, type, json);
        assertThat(violations).as(json).isNotEmpty();
        assertThat(String.join("\n", violations)).contains(field);
        assertThatThrownBy(() -> CONTRACT.assertPayloadValid(topic, type, json))
                .isInstanceOf(AssertionError.class).hasMessageContaining(field);
    }

    @Test
    void aValueThatIsNotJsonIsRejected() {
        assertThat(CONTRACT.validatePayload(Topics.RESOURCES, EventTypes.RESOURCE_CHANGED, "{not json"))
                .singleElement().asString().contains("not JSON");
        assertThat(CONTRACT.validatePayload(Topics.RESOURCES, EventTypes.RESOURCE_CHANGED, "")).singleElement()
                .asString().contains("not JSON");
    }

    @Test
    void aTombstoneMustHaveANullValueAndNoContentType() {
        String key = "alpha";
        Map<String, String> h = headers(EventTypes.CLUSTER_DELETED, key, false);
        assertThat(CONTRACT.validateRecord(Topics.CLUSTERS, key, h, null))
                .anySatisfy(v -> assertThat(v).startsWith("headers:"));
        Map<String, String> ok = headers(EventTypes.CLUSTER_DELETED, key, true);
        assertThat(CONTRACT.validateRecord(Topics.CLUSTERS, key, ok, Json.write(cluster(false))))
                .anySatisfy(v -> assertThat(v).startsWith("payload:"));
        assertThat(CONTRACT.validateRecord(Topics.CLUSTERS, key, headers(EventTypes.CLUSTER_REGISTERED, key, false), null))
                .anySatisfy(v -> assertThat(v).startsWith("payload:"));
    }

    @Test
    void headersMustBeACompleteCloudEvent() {
        String value = Json.write(cluster(false));
        Map<String, String> h = headers(EventTypes.CLUSTER_REGISTERED, "alpha", false);

        Map<String, String> noId = new LinkedHashMap<>(h);
        noId.remove("ce_id");
        assertThat(CONTRACT.validateRecord(Topics.CLUSTERS, "alpha", noId, value)).singleElement().asString().contains("ce_id");

        Map<String, String> oldSpec = new LinkedHashMap<>(h);
        oldSpec.put("ce_specversion", "0.3");
        assertThat(CONTRACT.validateRecord(Topics.CLUSTERS, "alpha", oldSpec, value)).isNotEmpty();

        Map<String, String> badTime = new LinkedHashMap<>(h);
        badTime.put("ce_time", "1 March 2025");
        assertThat(CONTRACT.validateRecord(Topics.CLUSTERS, "alpha", badTime, value)).singleElement().asString().contains("ce_time");

        Map<String, String> noContentType = new LinkedHashMap<>(h);
        noContentType.remove("content-type");
        assertThat(CONTRACT.validateRecord(Topics.CLUSTERS, "alpha", noContentType, value)).singleElement().asString().contains("content-type");

        Map<String, String> otherSubject = new LinkedHashMap<>(h);
        otherSubject.put("ce_subject", "beta");
        assertThat(CONTRACT.validateRecord(Topics.CLUSTERS, "alpha", otherSubject, value)).singleElement().asString().contains("ce_subject");

        Map<String, String> extra = new LinkedHashMap<>(h);
        extra.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertThat(CONTRACT.validateRecord(Topics.CLUSTERS, "alpha", extra, value)).isEmpty();
    }

    @Test
    void anUnknownTypeOrTopicIsAViolation() {
        String value = Json.write(cluster(false));
        assertThat(CONTRACT.validateRecord(Topics.CLUSTERS, "alpha", headers("io.capstan.cluster.exploded.v1", "alpha", false), value))
                .singleElement().asString().contains("not a message of capstan.clusters");
        assertThat(CONTRACT.validateRecord(Topics.RESOURCES, "alpha", headers(EventTypes.CLUSTER_REGISTERED, "alpha", false), value))
                .singleElement().asString().contains("not a message of capstan.resources");
        assertThat(CONTRACT.validateRecord("capstan.other", "alpha", headers(EventTypes.CLUSTER_REGISTERED, "alpha", false), value))
                .singleElement().asString().contains("not in the contract");
        assertThatThrownBy(() -> CONTRACT.assertValid(Topics.CLUSTERS, "alpha", Map.of(), value))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ce_type null");
    }

    // ---- dead letters and the draft request envelope -------------------------------------------------------------

    static Map<String, String> deadLetterHeaders(Map<String, String> original) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("dead-letter-exception-class-name", "io.capstan.model.event.PoisonEventException");
        h.put("dead-letter-reason", "body is not a ResourceEvent: Unexpected character");
        h.put("dead-letter-cause-class-name", "com.fasterxml.jackson.core.JsonParseException");
        h.put("dead-letter-cause", "Unexpected character ('n' (code 110))");
        h.put("dead-letter-topic", Topics.RESOURCES);
        h.put("dead-letter-partition", "3");
        h.put("dead-letter-offset", "1207");
        h.putAll(original);
        return h;
    }

    @Test
    void aDeadLetterKeepsTheOriginalKeyValueAndHeadersBesideSmallRyesHeaders() {
        String key = "alpha/core/ConfigMap/apps/cm";
        Map<String, String> h = deadLetterHeaders(headers(EventTypes.RESOURCE_CHANGED, key, false));
        assertThat(CONTRACT.validateRecord(Topics.DLQ, key, h, "not json at all")).isEmpty();
        assertThat(CONTRACT.validateRecord(Topics.DLQ, key, h, "{\"some\":\"json\"}")).isEmpty();

        Map<String, String> unknownType = deadLetterHeaders(headers("io.capstan.nonsense.v9", key, false));
        assertThat(CONTRACT.validateRecord(Topics.DLQ, key, unknownType, "x")).isEmpty();

        Map<String, String> noReason = new LinkedHashMap<>(h);
        noReason.remove("dead-letter-reason");
        assertThat(CONTRACT.validateRecord(Topics.DLQ, key, noReason, "x")).singleElement().asString().contains("dead-letter-reason");

        Map<String, String> badOffset = new LinkedHashMap<>(h);
        badOffset.put("dead-letter-offset", "-1");
        assertThat(CONTRACT.validateRecord(Topics.DLQ, key, badOffset, "x")).singleElement().asString().contains("dead-letter-offset");
    }

    @Test
    void aDns01ChallengeRequestIsCheckedAgainstItsSpec() throws Exception {
        String key = "alpha/cert-web-1";
        Request request = new Request("cert-web-1", "certificates", "alpha", Dns01Challenge.KIND,
                Json.MAPPER.valueToTree(new Dns01Challenge("_acme-challenge.web.example.com", "abc", 60)));
        String good = Json.MAPPER.writeValueAsString(request);
        for (String type : EventTypes.REQUEST_TYPES) {
            assertThat(CONTRACT.validateRecord(Topics.REQUESTS, key, headers(type, key, false), good)).isEmpty();
        }
        assertThat(CONTRACT.eventTypes(Topics.REQUESTS)).containsExactlyInAnyOrderElementsOf(EventTypes.REQUEST_TYPES);
        assertThat(CONTRACT.validatePayload(Topics.REQUESTS, EventTypes.REQUEST_SUBMITTED, "{\"id\":\"req-1\"}"))
                .isNotEmpty();
        String unknownKind = good.replace("DNS01Challenge", "DnsTxtRecord");
        assertThat(CONTRACT.validatePayload(Topics.REQUESTS, EventTypes.REQUEST_SUBMITTED, unknownKind)).isNotEmpty();
        String noValue = good.replace("\"value\":\"abc\",", "");
        assertThat(CONTRACT.validatePayload(Topics.REQUESTS, EventTypes.REQUEST_SUBMITTED, noValue)).isNotEmpty();
        assertThat(CONTRACT.validateRecord(Topics.REQUESTS, "alpha/Bad_Id", headers(EventTypes.REQUEST_SUBMITTED,
                "alpha/Bad_Id", false), good)).isNotEmpty();
    }

    @Test
    void aRequestIdMustBeAValidStatusSubjectName() {
        assertThatThrownBy(() -> new Request("Bad/Id", "certificates", "alpha", Dns01Challenge.KIND,
                Json.MAPPER.createObjectNode())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Dns01Challenge("x.example", "v".repeat(256), 60))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- the document and the Java constants agree ---------------------------------------------------------------

    @Test
    void theDocumentListsExactlyTheTopicsOfTopicsAll() {
        assertThat(CONTRACT.topics()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @Test
    void theDocumentPinsExactlyTheTypesOfEventTypes() {
        assertThat(CONTRACT.eventTypes()).isEqualTo(allEventTypes());
        assertThat(CONTRACT.eventTypes(Topics.CLUSTERS)).isEqualTo(EventTypes.CLUSTER_TYPES);
        assertThat(CONTRACT.eventTypes(Topics.RESOURCES)).isEqualTo(EventTypes.RESOURCE_TYPES);
        assertThat(CONTRACT.eventTypes(Topics.STATUS)).isEqualTo(EventTypes.STATUS_TYPES);
        assertThat(CONTRACT.eventTypes(Topics.DLQ)).isEmpty();
    }

    @Test
    void tombstoneTypesAreExactlyTheDeletedAndRemovedOnes() {
        List<String> tombstones = new ArrayList<>();
        for (String topic : CONTRACT.topics()) {
            CONTRACT.messages(topic).stream().filter(AsyncApiContract.Message::tombstone)
                    .forEach(m -> tombstones.add(m.ceType()));
        }
        assertThat(tombstones).containsExactlyInAnyOrder(EventTypes.CLUSTER_DELETED, EventTypes.RESOURCE_DELETED,
                EventTypes.STATUS_REMOVED);
    }

    @Test
    void compactedTopicsAreTheOnesOfTopicsCompacted() {
        for (JsonNode channel : CONTRACT.document().get("channels")) {
            String topic = channel.get("address").asText();
            JsonNode kafka = channel.path("bindings").path("kafka");
            assertThat(kafka.path("topic").asText()).isEqualTo(topic);
            String policy = kafka.path("topicConfiguration").path("cleanup.policy").get(0).asText();
            assertThat(policy).as(topic).isEqualTo(Topics.COMPACTED.contains(topic) ? "compact" : "delete");
        }
    }

    @Test
    void operationsSayWhoSendsAndWhoReceivesWhat() {
        Map<String, Set<String>> sends = new LinkedHashMap<>();
        Map<String, Set<String>> receives = new LinkedHashMap<>();
        JsonNode doc = CONTRACT.document();
        doc.get("operations").fields().forEachRemaining(e -> {
            JsonNode op = e.getValue();
            String channelRef = op.get("channel").get("$ref").asText();
            JsonNode channel = doc.at(channelRef.substring(1));
            assertThat(channel.isMissingNode()).as(e.getKey() + " channel").isFalse();
            for (JsonNode m : op.get("messages")) {
                String ref = m.get("$ref").asText();
                assertThat(ref).as(e.getKey()).startsWith(channelRef + "/messages/");
                assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
            }
            String service = op.get("x-capstan-service").asText();
            String topic = channel.get("address").asText();
            (op.get("action").asText().equals("send") ? sends : receives)
                    .computeIfAbsent(service, s -> new HashSet<>()).add(topic);
        });
        assertThat(sends).containsEntry("orchestrator", Set.of(Topics.CLUSTERS, Topics.DLQ))
                .containsEntry("cluster-watcher", Set.of(Topics.RESOURCES, Topics.STATUS, Topics.DLQ))
                .containsEntry("storage", Set.of(Topics.STATUS, Topics.DLQ));
        assertThat(receives).containsEntry("orchestrator", Set.of(Topics.STATUS))
                .containsEntry("cluster-watcher", Set.of(Topics.CLUSTERS))
                .containsEntry("storage", Set.of(Topics.CLUSTERS, Topics.RESOURCES));
    }

    @Test
    void theClasspathCopyIsTheDocumentInDocs() throws Exception {
        Path root = Path.of(System.getProperty("capstan.repo.root", ".."));
        Path docs = root.resolve("docs/asyncapi.yaml");
        if (!Files.exists(docs)) {
            docs = Path.of("..", "docs", "asyncapi.yaml");
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(AsyncApiContract.CLASSPATH_LOCATION)) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(Files.readString(docs));
        }
    }

    @Test
    void aDocumentThatIsNotAsyncApi3IsRefused() {
        assertThatThrownBy(() -> AsyncApiContract.fromYaml("asyncapi: 2.6.0\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.0.0");
    }

    static Set<String> allEventTypes() {
        Set<String> out = new HashSet<>();
        for (Field f : EventTypes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    out.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }
}
