package io.capstan.kit.messaging;

import io.capstan.model.Topics;
import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.event.CloudEventHeaders;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.event.PoisonEventException;
import io.capstan.model.reconcile.ClusterRegistry;
import io.capstan.model.request.Dns01Challenge;
import io.capstan.model.request.Request;
import io.capstan.model.resource.ResourceEvent;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.StatusEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pure test of record routing: what each declared topic enqueues, what is ignored, what is poison. */
class EventRouterTest {

    private final ClusterRegistry registry = new ClusterRegistry();
    private final List<String> counted = new ArrayList<>();

    /** A dns-like service: keys are "cluster" or "cluster#what", it reads every topic a domain service may read. */
    private final EventRouter<String> router = EventRouter.<String>builder("dns", registry,
                    (cluster, change) -> List.of(cluster + "#" + change))
            .resources(Set.of("core/Service", "networking.k8s.io/Ingress"), (key, event) ->
                    List.of(key.cluster() + "#" + key.kind() + "/" + key.name() + (event == null ? " gone" : "")))
            .requests(Set.of(Dns01Challenge.KIND), (type, r) -> List.of(r.cluster() + "#request " + r.id()
                    + (EventTypes.REQUEST_WITHDRAWN.equals(type) ? " withdrawn" : "")))
            .status(Set.of("certificates"), (cluster, component, key, e) -> List.of(cluster + "#status " + key
                    + (e == null ? " gone" : "")))
            .observer((topic, outcome) -> counted.add(topic + " " + outcome))
            .build();

    private static String cluster(String name, long generation) {
        return Json.write(new ClusterEvent(name, Infrastructure.EKS, null, Map.of(), null, generation, false, null));
    }

    private static String resource(String cluster, String apiVersion, String kind, String ns, String name) {
        return Json.write(new ResourceEvent(cluster, apiVersion, kind, ns, name, "uid", "1", 0, Instant.EPOCH,
                Json.MAPPER.createObjectNode()));
    }

    private static Request challenge(String cluster, String id) {
        return new Request(id, "certificates", cluster, Dns01Challenge.KIND,
                Json.MAPPER.valueToTree(new Dns01Challenge("_acme-challenge.www.example.com", "token", 60)));
    }

    private static String status(String cluster, String component, String name) {
        return Json.write(new StatusEvent(cluster, component, name == null ? null : new StatusEvent.Subject(
                "cert-manager.io/v1", "Certificate", "ns", name), 1, Instant.EPOCH,
                List.of(Condition.of("Ready", ConditionStatus.True, "Ready", "")), null));
    }

    private static PoisonEventException poison(Runnable r) {
        try {
            r.run();
        } catch (PoisonEventException e) {
            return e;
        }
        throw new AssertionError("not poison");
    }

    @Test
    void theRouterAcceptsTheDeclaredTopicsOnly() {
        assertThat(router.topics()).containsExactlyInAnyOrder(Topics.CLUSTERS, Topics.RESOURCES, Topics.REQUESTS, Topics.STATUS);
        assertThat(poison(() -> router.route(Topics.DLQ, "a", EventTypes.CLUSTER_UPDATED, "{}")).reason()).isEqualTo("UnexpectedTopic");
        EventRouter<String> clustersOnly = EventRouter.byCluster("storage", new ClusterRegistry()).build();
        assertThat(poison(() -> clustersOnly.route(Topics.REQUESTS, "a/x", EventTypes.REQUEST_SUBMITTED, "{}")).getMessage())
                .isEqualTo("the storage service does not read topic capstan.requests");
    }

    @Test
    void clusterRecordsAreHandedOverOnlyWhenTheyChangeTheRegistry() {
        assertThat(router.route(Topics.CLUSTERS, "a", EventTypes.CLUSTER_REGISTERED, cluster("a", 1))).containsExactly("a#ADDED");
        assertThat(router.route(Topics.CLUSTERS, "a", EventTypes.CLUSTER_REGISTERED, cluster("a", 1))).as("replay").isEmpty();
        assertThat(router.route(Topics.CLUSTERS, "a", EventTypes.CLUSTER_UPDATED, cluster("a", 2))).containsExactly("a#UPDATED");
        assertThat(router.route(Topics.CLUSTERS, "a", EventTypes.CLUSTER_DELETED, null)).containsExactly("a#DELETED");
        assertThat(registry.get("a")).isEmpty();
        assertThat(router.route(Topics.CLUSTERS, "a", EventTypes.CLUSTER_DELETED, null)).as("second tombstone").isEmpty();
    }

    @Test
    void onlyDeclaredKindsOfAKnownClusterReachTheResourceHandler() {
        router.route(Topics.CLUSTERS, "a", EventTypes.CLUSTER_REGISTERED, cluster("a", 1));
        assertThat(router.route(Topics.RESOURCES, "a/core/Service/ns/web", EventTypes.RESOURCE_CHANGED,
                resource("a", "v1", "Service", "ns", "web"))).containsExactly("a#Service/web");
        assertThat(router.route(Topics.RESOURCES, "a/networking.k8s.io/Ingress/ns/web", EventTypes.RESOURCE_DELETED, null))
                .containsExactly("a#Ingress/web gone");
        assertThat(router.route(Topics.RESOURCES, "a/core/Pod/ns/p", EventTypes.RESOURCE_CHANGED,
                resource("a", "v1", "Pod", "ns", "p"))).as("undeclared kind").isEmpty();
        assertThat(router.route(Topics.RESOURCES, "b/core/Service/ns/web", EventTypes.RESOURCE_DELETED, null))
                .as("unknown cluster").isEmpty();
    }

    @Test
    void requestsOfTheDeclaredKindsAreHandedOverWithTheirType() {
        Request r = challenge("a", "cert-1");
        assertThat(router.route(Topics.REQUESTS, r.key(), EventTypes.REQUEST_SUBMITTED, Json.write(r)))
                .as("a request needs no known cluster").containsExactly("a#request cert-1");
        assertThat(router.route(Topics.REQUESTS, r.key(), EventTypes.REQUEST_WITHDRAWN, Json.write(r)))
                .containsExactly("a#request cert-1 withdrawn");
        Request other = new Request("x", "gateways", "a", "SomethingElse", Json.MAPPER.createObjectNode());
        assertThat(router.route(Topics.REQUESTS, other.key(), EventTypes.REQUEST_SUBMITTED, Json.write(other)))
                .as("another component's kind").isEmpty();
    }

    @Test
    void statusOfTheDeclaredComponentsIsHandedOverTombstonesIncluded() {
        assertThat(router.route(Topics.STATUS, "a/certificates/Certificate/ns/web", EventTypes.STATUS_CHANGED,
                status("a", "certificates", "web"))).containsExactly("a#status a/certificates/Certificate/ns/web");
        assertThat(router.route(Topics.STATUS, "a/certificates/Certificate/ns/web", EventTypes.STATUS_REMOVED, null))
                .containsExactly("a#status a/certificates/Certificate/ns/web gone");
        assertThat(router.route(Topics.STATUS, "a/storage", EventTypes.STATUS_CHANGED, status("a", "storage", null)))
                .as("another component").isEmpty();
    }

    @Test
    void poisonRecordsAreRejectedWithAReasonAndChangeNothing() {
        router.route(Topics.CLUSTERS, "a", EventTypes.CLUSTER_REGISTERED, cluster("a", 1));
        Request r = challenge("a", "cert-1");
        Map<String, Runnable> cases = new java.util.LinkedHashMap<>();
        cases.put("MalformedPayload", () -> router.route(Topics.CLUSTERS, "a", EventTypes.CLUSTER_UPDATED, "{not json"));
        cases.put("UnknownEventType", () -> router.route(Topics.CLUSTERS, "a", "io.capstan.cluster.exploded.v1", cluster("a", 2)));
        cases.put("KeyMismatch", () -> router.route(Topics.CLUSTERS, "b", EventTypes.CLUSTER_UPDATED, cluster("a", 2)));
        cases.put("MissingKey", () -> router.route(Topics.CLUSTERS, null, EventTypes.CLUSTER_UPDATED, cluster("a", 2)));
        cases.put("UnknownEventType ", () -> router.route(Topics.RESOURCES, "a/core/Service/ns/web", EventTypes.STATUS_CHANGED, "{}"));
        cases.put("MalformedKey", () -> router.route(Topics.RESOURCES, "a/Service/web", EventTypes.RESOURCE_DELETED, null));
        cases.put("KeyMismatch ", () -> router.route(Topics.RESOURCES, "a/core/Service/ns/web", EventTypes.RESOURCE_CHANGED,
                resource("a", "v1", "Service", "ns", "other")));
        cases.put("MalformedPayload ", () -> router.route(Topics.REQUESTS, r.key(), EventTypes.REQUEST_WITHDRAWN, null));
        cases.put("MalformedPayload  ", () -> router.route(Topics.REQUESTS, "a/BAD", EventTypes.REQUEST_SUBMITTED,
                "{\"id\":\"BAD\",\"from\":\"x\",\"cluster\":\"a\",\"kind\":\"DNS01Challenge\",\"spec\":{}}"));
        cases.put("KeyMismatch  ", () -> router.route(Topics.REQUESTS, "b/cert-1", EventTypes.REQUEST_SUBMITTED, Json.write(r)));
        cases.put("MalformedKey ", () -> router.route(Topics.STATUS, "a/certificates/Certificate", EventTypes.STATUS_REMOVED, null));
        cases.put("KeyMismatch   ", () -> router.route(Topics.STATUS, "a/certificates", EventTypes.STATUS_CHANGED,
                status("a", "certificates", "web")));
        cases.forEach((reason, c) -> assertThat(poison(c).reason()).as(reason).isEqualTo(reason.trim()));
        assertThat(registry.get("a").orElseThrow().generation()).as("poison changed nothing").isEqualTo(1);
    }

    @Test
    void handleReadsTheTypeFromTheCloudEventsHeadersCountsAndRethrowsPoison() {
        ConsumerRecord<String, String> ok = record(Topics.CLUSTERS, "a", EventTypes.CLUSTER_REGISTERED, cluster("a", 1));
        List<String> enqueued = new ArrayList<>();
        router.handle(ok, enqueued::add);
        assertThat(enqueued).containsExactly("a#ADDED");

        ConsumerRecord<String, String> bad = record(Topics.CLUSTERS, "a", "io.capstan.cluster.exploded.v1", cluster("a", 2));
        assertThatThrownBy(() -> router.handle(bad, enqueued::add)).isInstanceOf(PoisonEventException.class);
        ConsumerRecord<String, String> noHeaders = new ConsumerRecord<>(Topics.CLUSTERS, 0, 2, "a", cluster("a", 2));
        assertThatThrownBy(() -> router.handle(noHeaders, enqueued::add)).isInstanceOfSatisfying(PoisonEventException.class,
                e -> assertThat(e.reason()).isEqualTo("NotACloudEvent"));
        assertThat(enqueued).hasSize(1);
        assertThat(counted).containsExactly("capstan.clusters handled", "capstan.clusters poison", "capstan.clusters poison");
    }

    private static ConsumerRecord<String, String> record(String topic, String key, String type, String value) {
        ConsumerRecord<String, String> r = new ConsumerRecord<>(topic, 0, 1, key, value);
        CloudEventHeaders.of("/capstan/test", type, key, Instant.EPOCH, value == null).toKafkaHeaders()
                .forEach((k, v) -> r.headers().add(k, v));
        return r;
    }
}
