package io.capstan.storage.scenario;

import io.capstan.model.Topics;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.event.EventTypes;
import io.capstan.model.resource.ResourceKey;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.Conditions;
import io.capstan.model.status.StatusEvent;
import io.capstan.sandbox.junit.SandboxCluster;
import io.capstan.sandbox.junit.SandboxResource;
import io.capstan.storage.plan.Ownership;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.capstan.model.contract.AsyncApiContract;
import io.capstan.sandbox.junit.TopicRecorder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The storage service against the real sandbox: a real Kafka broker and fabric8 CRUD mock API servers (an emulator:
 * no controllers, no provisioning; the service reads and writes it exactly as it would a kube-apiserver). The test
 * plays the orchestrator (kubeconfig Secret + ClusterEvent) and the cluster watcher (ResourceEvents).
 */
@QuarkusTest
@QuarkusTestResource(SandboxResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageServiceTest {

    static Fleet fleet;
    static final List<SandboxCluster> used = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        fleet = new Fleet();
    }

    @AfterAll
    static void stop() {
        fleet.close();
    }

    static SandboxCluster cluster(String name) {
        SandboxCluster c = fleet.cluster(name);
        used.add(c);
        return c;
    }

    static StatusEvent component(String cluster) {
        return fleet.status(cluster + "/storage").orElse(null);
    }

    static Condition condition(StatusEvent e, String type) {
        return e == null ? null : Conditions.find(e.conditions(), type).orElse(null);
    }

    static void awaitReady(String cluster, Duration within) {
        await().atMost(within).untilAsserted(() -> {
            Condition ready = condition(component(cluster), Conditions.READY);
            assertThat(ready).isNotNull();
            assertThat(ready.status()).isEqualTo(ConditionStatus.True);
            assertThat(ready.reason()).isEqualTo("ClassesEnsured");
        });
    }

    static List<String> defaults(KubernetesClient c) {
        return c.storage().v1().storageClasses().list().getItems().stream()
                .filter(sc -> sc.getMetadata().getAnnotations() != null && Ownership.isDefault(sc.getMetadata().getAnnotations()))
                .map(sc -> sc.getMetadata().getName()).toList();
    }

    static ResourceKey scKey(String cluster, String name) {
        return new ResourceKey(cluster, "storage.k8s.io", "StorageClass", null, name);
    }

    @Test
    @Order(1)
    void aRegisteredClusterReportsReadyWithin30sAndHasExactlyOneDefaultClass() {
        SandboxCluster alpha = cluster("alpha");
        fleet.register(Fleet.event("alpha", Infrastructure.STANDALONE, Fleet.SANDBOX_STORAGE, 1, false));
        awaitReady("alpha", Duration.ofSeconds(30));
        try (KubernetesClient c = alpha.client()) {
            assertThat(defaults(c)).containsExactly("capstan-standard");
            StorageClass sc = c.storage().v1().storageClasses().withName("capstan-standard").get();
            assertThat(sc.getProvisioner()).isEqualTo("rbd.csi.ceph.com");
            assertThat(sc.getVolumeBindingMode()).isEqualTo("WaitForFirstConsumer");
            assertThat(sc.getAllowVolumeExpansion()).isTrue();
            assertThat(sc.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "capstan");
            assertThat(sc.getMetadata().getAnnotations()).containsEntry("capstan.io/owner", "storage")
                    .containsEntry("capstan.io/profile-revision", "1");
            assertThat(c.genericKubernetesResources(snapshotClasses()).withName("capstan-standard").get()).isNotNull();
        }
        StatusEvent comp = component("alpha");
        assertThat(condition(comp, "DefaultClass").status()).isEqualTo(ConditionStatus.True);
        assertThat(comp.observedGeneration()).isEqualTo(1);
        assertThat(comp.details().path("classes").get(0).path("owned").asBoolean()).isTrue();
        assertThat(fleet.status.all()).filteredOn(r -> r.key().equals("alpha/storage")).allSatisfy(r -> {
            assertThat(r.headers()).containsEntry("ce_source", "/capstan/storage").containsEntry("ce_type", EventTypes.STATUS_CHANGED)
                    .containsEntry("ce_specversion", "1.0").containsEntry("ce_subject", "alpha/storage")
                    .containsEntry("content-type", "application/json").containsKeys("ce_id", "ce_time");
        });
    }

    @Test
    @Order(2)
    void capstansDefaultClassDeletedByHandComesBackWhenTheWatcherReportsTheDeletion() {
        SandboxCluster bravo = cluster("bravo");
        fleet.register(Fleet.event("bravo", Infrastructure.STANDALONE, Fleet.SANDBOX_STORAGE, 1, false));
        awaitReady("bravo", Duration.ofSeconds(30));
        try (KubernetesClient c = bravo.client()) {
            String firstUid = c.storage().v1().storageClasses().withName("capstan-standard").get().getMetadata().getUid();
            c.storage().v1().storageClasses().withName("capstan-standard").delete();
            await().atMost(Duration.ofSeconds(5)).until(() -> c.storage().v1().storageClasses().withName("capstan-standard").get() == null);
            fleet.resourceDeleted(scKey("bravo", "capstan-standard"));
            // the resync is 10 minutes in tests: only the event can bring it back this fast
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                StorageClass sc = c.storage().v1().storageClasses().withName("capstan-standard").get();
                assertThat(sc).isNotNull();
                assertThat(sc.getMetadata().getUid()).isNotEqualTo(firstUid);
                assertThat(defaults(c)).containsExactly("capstan-standard");
            });
        }
    }

    @Test
    @Order(3)
    void aForeignClassMarkedDefaultWithTheLegacyKeyIsDemotedAndReported() {
        SandboxCluster charlie = cluster("charlie");
        fleet.register(Fleet.event("charlie", Infrastructure.STANDALONE, Fleet.SANDBOX_STORAGE, 1, false));
        awaitReady("charlie", Duration.ofSeconds(30));
        try (KubernetesClient c = charlie.client()) {
            StorageClass foreign = c.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata()
                    .withName("legacy-default").addToAnnotations(Ownership.BETA_DEFAULT_CLASS, "true").addToLabels("team", "storage-admins")
                    .endMetadata().withProvisioner("nfs.csi.k8s.io").build()).create();
            fleet.resourceChanged("charlie", foreign);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                StorageClass sc = c.storage().v1().storageClasses().withName("legacy-default").get();
                assertThat(sc.getMetadata().getAnnotations()).containsEntry(Ownership.BETA_DEFAULT_CLASS, "false")
                        .containsEntry(Ownership.DEMOTED_BY_ANNOTATION, "storage/charlie");
                assertThat(sc.getMetadata().getLabels()).containsEntry("team", "storage-admins").doesNotContainKey(Ownership.MANAGED_BY_LABEL);
                assertThat(sc.getProvisioner()).isEqualTo("nfs.csi.k8s.io");
                assertThat(defaults(c)).containsExactly("capstan-standard");
                StatusEvent comp = component("charlie");
                assertThat(comp.details().path("demoted").toString()).contains("legacy-default");
                assertThat(condition(comp, "DefaultClass").message()).contains("legacy-default");
                StatusEvent obj = fleet.status("charlie/storage/StorageClass/_/legacy-default").orElseThrow(() -> new AssertionError("no status entry yet"));
                assertThat(obj.conditions().get(0).reason()).isEqualTo("DefaultDemoted");
                assertThat(obj.details().path("owned").asBoolean()).isFalse();
                assertThat(obj.details().path("demoted").asBoolean()).isTrue();
            });
        }
    }

    @Test
    @Order(4)
    void everyUpstreamStorageClassAndClaimFixtureIsObservedAndReported() throws Exception {
        Path upstream = Path.of(System.getProperty("capstan.repo.root", "../..")).toAbsolutePath().normalize()
                .getParent().resolve("shared/fixtures/upstream");
        Assumptions.assumeTrue(Files.isDirectory(upstream),
                "skipped: the shared fixtures folder " + upstream + " is absent (CI has it)");
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("kubernetes-website", "kubernetes-examples")) {
            try (Stream<Path> s = Files.walk(upstream.resolve(dir))) {
                s.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(ya?ml|json)$"))
                        .filter(p -> mentionsStorageKinds(p)).sorted().forEach(files::add);
            }
        }
        Map<String, String> pvcReasons = Map.of(
                "task-pv-claim", "StorageClassNotFound",   // storageClassName: manual, no such class
                "my-model-pvc", "WaitingForVolume",         // pre-bound with spec.volumeName
                "dd-managed-ssd-5g", "StorageClassNotFound"); // beta annotation names the v1beta1 class that was refused
        SandboxCluster fx = cluster("fixtures");
        fleet.register(Fleet.event("fixtures", Infrastructure.STANDALONE, Fleet.SANDBOX_STORAGE, 1, false));
        awaitReady("fixtures", Duration.ofSeconds(30));
        int classes = 0;
        int claims = 0;
        int refused = 0;
        try (KubernetesClient c = fx.client()) {
            for (Path file : files) {
                List<HasMetadata> items;
                try (InputStream in = Files.newInputStream(file)) {
                    items = c.load(in).items();
                }
                List<GenericKubernetesResource> applied = new ArrayList<>();
                for (HasMetadata item : items) {
                    if (!item.getKind().equals("StorageClass") && !item.getKind().equals("PersistentVolumeClaim")) {
                        continue;
                    }
                    GenericKubernetesResource g = Serialization.unmarshal(Serialization.asJson(item), GenericKubernetesResource.class);
                    boolean pvc = g.getKind().equals("PersistentVolumeClaim");
                    ResourceDefinitionContext ctx = new ResourceDefinitionContext.Builder()
                            .withGroup(g.getApiVersion().contains("/") ? g.getApiVersion().split("/")[0] : "")
                            .withVersion(g.getApiVersion().contains("/") ? g.getApiVersion().split("/")[1] : g.getApiVersion())
                            .withKind(g.getKind()).withPlural(pvc ? "persistentvolumeclaims" : "storageclasses")
                            .withNamespaced(pvc).build();
                    if (g.getApiVersion().equals("storage.k8s.io/v1beta1")) {
                        // removed in Kubernetes 1.22: a current API server (and the sandbox) answers 404
                        assertThatThrownBy(() -> c.genericKubernetesResources(ctx).resource(g).create())
                                .as(file + " must be refused").isInstanceOfSatisfying(KubernetesClientException.class,
                                        e -> assertThat(e.getCode()).isEqualTo(404));
                        refused++;
                        continue;
                    }
                    if (pvc) {
                        g.getMetadata().setNamespace("default");
                        c.genericKubernetesResources(ctx).inNamespace("default").withName(g.getMetadata().getName()).delete();
                        applied.add(c.genericKubernetesResources(ctx).inNamespace("default").resource(g).create());
                        claims++;
                    } else {
                        c.genericKubernetesResources(ctx).withName(g.getMetadata().getName()).delete();
                        await().atMost(Duration.ofSeconds(5)).until(() -> c.genericKubernetesResources(ctx).withName(g.getMetadata().getName()).get() == null);
                        applied.add(c.genericKubernetesResources(ctx).resource(g).create());
                        classes++;
                    }
                }
                applied.forEach(o -> fleet.resourceChanged("fixtures", o));
                for (GenericKubernetesResource o : applied) {
                    String name = o.getMetadata().getName();
                    if (o.getKind().equals("StorageClass")) {
                        Map<String, String> ann = o.getMetadata().getAnnotations() == null ? Map.of() : o.getMetadata().getAnnotations();
                        boolean markedDefault = "true".equals(ann.get(Ownership.DEFAULT_CLASS)) || "true".equals(ann.get(Ownership.BETA_DEFAULT_CLASS));
                        await(file + " " + name).atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                            StatusEvent e = fleet.status("fixtures/storage/StorageClass/_/" + name).orElseThrow(() -> new AssertionError("no status entry yet"));
                            assertThat(e.details().path("owned").asBoolean()).isFalse();
                            assertThat(e.details().path("default").asBoolean()).isEqualTo(markedDefault);
                            assertThat(e.details().path("provisioner").asText()).isEqualTo(o.getAdditionalProperties().get("provisioner"));
                            assertThat(e.conditions().get(0).reason()).isEqualTo("Foreign");
                        });
                    } else {
                        assertThat(pvcReasons).as("expected reason of claim " + name + " in " + file).containsKey(name);
                        await(file + " " + name).atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                            StatusEvent e = fleet.status("fixtures/storage/PersistentVolumeClaim/default/" + name).orElseThrow(() -> new AssertionError("no status entry yet"));
                            assertThat(e.conditions().get(0).reason()).isEqualTo(pvcReasons.get(name));
                            assertThat(e.conditions().get(0).status()).isEqualTo(ConditionStatus.False);
                        });
                    }
                }
            }
            assertThat(defaults(c)).containsExactly("capstan-standard");
        }
        assertThat(classes).as("StorageClass fixtures applied").isEqualTo(12);
        assertThat(claims).as("PersistentVolumeClaim fixtures applied").isEqualTo(3);
        assertThat(refused).as("storage.k8s.io/v1beta1 fixtures refused").isEqualTo(1);
    }

    private static boolean mentionsStorageKinds(Path p) {
        try {
            String s = Files.readString(p, StandardCharsets.UTF_8);
            return s.matches("(?s).*kind:\\s*\"?(StorageClass|PersistentVolumeClaim)\"?.*");
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    @Order(5)
    void aDeregisteredClusterLosesCapstansClassesKeepsForeignOnesAndIsFinalized() {
        SandboxCluster delta = cluster("delta");
        fleet.register(Fleet.event("delta", Infrastructure.OPENSTACK, "{\"storage\":{\"ownsDefault\":true}}", 1, false));
        awaitReady("delta", Duration.ofSeconds(30));
        try (KubernetesClient c = delta.client()) {
            assertThat(defaults(c)).containsExactly("csi-cinder-sc");
            StorageClass theirs = c.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata()
                    .withName("theirs").endMetadata().withProvisioner("nfs.csi.k8s.io").build()).create();
            fleet.resourceChanged("delta", theirs);
            await().atMost(Duration.ofSeconds(15)).until(() -> fleet.status("delta/storage/StorageClass/_/theirs").isPresent());

            fleet.register(Fleet.event("delta", Infrastructure.OPENSTACK, "{\"storage\":{\"ownsDefault\":true}}", 2, true));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Condition fin = condition(component("delta"), Conditions.FINALIZED);
                assertThat(fin).isNotNull();
                assertThat(fin.status()).isEqualTo(ConditionStatus.True);
                assertThat(fin.reason()).isEqualTo("CleanedUp");
                assertThat(component("delta").observedGeneration()).isEqualTo(2);
                assertThat(fin.observedGeneration()).isEqualTo(2);
            });
            assertThat(c.storage().v1().storageClasses().list().getItems()).extracting(sc -> sc.getMetadata().getName())
                    .containsExactly("theirs");
            assertThat(c.genericKubernetesResources(snapshotClasses()).list().getItems()).isEmpty();

            fleet.clusterDeleted("delta");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(fleet.withdrawn("delta/storage")).isTrue();
                assertThat(fleet.withdrawn("delta/storage/StorageClass/_/theirs")).isTrue();
            });
            assertThat(c.storage().v1().storageClasses().withName("theirs").get()).as("foreign class untouched").isNotNull();
        }
    }

    @Test
    @Order(6)
    void poisonRecordsGoToTheDeadLetterTopicAndTheNextRecordIsProcessed() {
        cluster("echo");
        String resourceKey = "echo/storage.k8s.io/StorageClass/_/x";
        fleet.send(Topics.CLUSTERS, "echo", "io.capstan.cluster.exploded.v1", "{}");
        fleet.send(Topics.CLUSTERS, "echo", EventTypes.CLUSTER_REGISTERED, "{this is not json");
        fleet.send(Topics.RESOURCES, resourceKey, EventTypes.RESOURCE_CHANGED, "not json either");
        fleet.register(Fleet.event("echo", Infrastructure.STANDALONE, Fleet.SANDBOX_STORAGE, 1, false));
        awaitReady("echo", Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<TopicRecorder.Rec> dead = fleet.dlq.all();
            assertThat(dead).filteredOn(r -> r.key().equals("echo")).hasSize(2)
                    .allSatisfy(r -> assertThat(r.headers()).containsKey("dead-letter-reason"));
            assertThat(dead).filteredOn(r -> r.key().equals(resourceKey)).singleElement()
                    .satisfies(r -> assertThat(r.value()).isEqualTo("not json either"));
        });
    }

    @Test
    @Order(7)
    void anInvalidProfileIsReportedNamingTheFieldAndTouchesNothing() {
        SandboxCluster foxtrot = cluster("foxtrot");
        fleet.register(Fleet.event("foxtrot", Infrastructure.EKS,
                "{\"storage\":{\"classes\":[{\"name\":\"fast\",\"reclaimPolicy\":\"Keep\",\"provisioner\":\"ebs.csi.aws.com\"}]}}", 1, false));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Condition ready = condition(component("foxtrot"), Conditions.READY);
            assertThat(ready).isNotNull();
            assertThat(ready.status()).isEqualTo(ConditionStatus.False);
            assertThat(ready.reason()).isEqualTo("InvalidProfile");
            assertThat(ready.message()).contains("storage.classes[0].reclaimPolicy");
        });
        try (KubernetesClient c = foxtrot.client()) {
            assertThat(c.storage().v1().storageClasses().list().getItems()).isEmpty();
        }
    }

    @Test
    @Order(8)
    void aMissingKubeconfigAndAProfileWithoutClassesAreReported() {
        fleet.register(Fleet.event("golf", Infrastructure.EKS, "{}", 1, false)); // no Secret written
        cluster("hotel");
        fleet.register(Fleet.event("hotel", Infrastructure.STANDALONE, "{\"storage\":{\"ownsDefault\":true}}", 1, false));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Condition golf = condition(component("golf"), Conditions.READY);
            assertThat(golf).isNotNull();
            assertThat(golf.reason()).isEqualTo("KubeconfigMissing");
            assertThat(golf.message()).contains("golf-kubeconfig");
            Condition hotel = condition(component("hotel"), Conditions.READY);
            assertThat(hotel).isNotNull();
            assertThat(hotel.status()).isEqualTo(ConditionStatus.False);
            assertThat(hotel.reason()).isEqualTo("NoStorageConfigured");
        });
    }

    @TestHTTPResource("/q/metrics")
    URI metrics;

    @TestHTTPResource("/q/health/ready")
    URI ready;

    static String get(URI uri) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(uri.toString()).isEqualTo(200);
        return r.body();
    }

    double unchangedPasses() throws Exception {
        Matcher m = Pattern.compile("capstan_reconcile_passes_total\\{[^}]*outcome=\"unchanged\"[^}]*\\}\\s+([0-9.eE+]+)")
                .matcher(get(metrics));
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    @Order(9)
    void aPassThatChangesNothingPublishesNothing() throws Exception {
        awaitReady("alpha", Duration.ofSeconds(30));
        double before = unchangedPasses();
        long records = fleet.status.all().stream().filter(r -> r.key().startsWith("alpha/")).count();
        try (KubernetesClient c = fleet.sandbox.cluster("alpha").client()) {
            fleet.resourceChanged("alpha", c.storage().v1().storageClasses().withName("capstan-standard").get());
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> unchangedPasses() > before);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> fleet.status.all().stream().filter(r -> r.key().startsWith("alpha/")).count() == records);
    }

    @Test
    @Order(10)
    void anUnreachableClusterIsReportedAndRecoversWhenItsApiServerReturns() {
        SandboxCluster juliet = cluster("juliet");
        fleet.register(Fleet.event("juliet", Infrastructure.STANDALONE, Fleet.SANDBOX_STORAGE, 1, false));
        awaitReady("juliet", Duration.ofSeconds(30));
        juliet.stop();
        try {
            fleet.resourceDeleted(scKey("juliet", "capstan-standard"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Condition r = condition(component("juliet"), Conditions.READY);
                assertThat(r.status()).isEqualTo(ConditionStatus.False);
                assertThat(r.reason()).isEqualTo("ClusterUnreachable");
            });
        } finally {
            juliet.start();
        }
        awaitReady("juliet", Duration.ofSeconds(30));
    }

    @Test
    @Order(11)
    void healthAndMetricsAreServed() throws Exception {
        assertThat(get(ready)).contains("storage-reconciler").contains("\"UP\"");
        String m = get(metrics);
        assertThat(m).contains("capstan_workqueue_depth").contains("capstan_reconcile_seconds_count")
                .contains("capstan_records_total").contains("outcome=\"poison\"");
    }

    @Test
    @Order(12)
    void deregisteringOneOfTwoNamesOfTheSameApiServerLeavesTheOtherClustersClassesInPlace() {
        SandboxCluster kilo = cluster("kilo");
        fleet.alias("prod-eu-1", kilo);
        fleet.register(Fleet.event("kilo", Infrastructure.STANDALONE, Fleet.SANDBOX_STORAGE, 1, false));
        awaitReady("kilo", Duration.ofSeconds(30));
        fleet.register(Fleet.event("prod-eu-1", Infrastructure.STANDALONE, Fleet.SANDBOX_STORAGE, 1, false));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Condition r = condition(component("prod-eu-1"), Conditions.READY);
            assertThat(r).isNotNull();
            assertThat(r.status()).isEqualTo(ConditionStatus.False);
            assertThat(r.reason()).isEqualTo("ClassNameConflict");
            assertThat(r.message()).contains("capstan-standard", "cluster kilo");
            Condition obj = condition(fleet.status("prod-eu-1/storage/StorageClass/_/capstan-standard").orElse(null),
                    Conditions.READY);
            assertThat(obj).isNotNull();
            assertThat(obj.reason()).isEqualTo("OwnedByAnotherCluster");
            assertThat(obj.message()).contains("cluster kilo");
        });
        try (KubernetesClient c = kilo.client()) {
            StorageClass before = c.storage().v1().storageClasses().withName("capstan-standard").get();
            assertThat(before.getMetadata().getAnnotations()).containsEntry(Ownership.CLUSTER_ANNOTATION, "kilo");
            GenericKubernetesResource snapBefore = c.genericKubernetesResources(snapshotClasses()).withName("capstan-standard").get();
            assertThat(snapBefore).isNotNull();

            fleet.register(Fleet.event("prod-eu-1", Infrastructure.STANDALONE, Fleet.SANDBOX_STORAGE, 2, true));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                StatusEvent comp = component("prod-eu-1");
                Condition fin = condition(comp, Conditions.FINALIZED);
                assertThat(fin).isNotNull();
                assertThat(fin.status()).isEqualTo(ConditionStatus.True);
                assertThat(fin.observedGeneration()).isEqualTo(2);
                assertThat(comp.details().path("removed")).isEmpty();
                assertThat(comp.details().path("kept").toString()).contains("StorageClass/capstan-standard (owned by cluster kilo)");
            });
            StorageClass after = c.storage().v1().storageClasses().withName("capstan-standard").get();
            assertThat(after).as("kilo's class survives prod-eu-1's deregistration").isNotNull();
            assertThat(after.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid());
            assertThat(after.getMetadata().getResourceVersion()).as("never deleted nor rewritten")
                    .isEqualTo(before.getMetadata().getResourceVersion());
            assertThat(c.genericKubernetesResources(snapshotClasses()).withName("capstan-standard").get().getMetadata()
                    .getResourceVersion()).isEqualTo(snapBefore.getMetadata().getResourceVersion());
            awaitReady("kilo", Duration.ofSeconds(5));

            fleet.clusterDeleted("prod-eu-1");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(fleet.withdrawn("prod-eu-1/storage")).isTrue());
            assertThat(c.storage().v1().storageClasses().withName("capstan-standard").get().getMetadata().getResourceVersion())
                    .isEqualTo(before.getMetadata().getResourceVersion());
        }
    }

    static final String NOPE_STORAGE = """
            {"storage": {"ownsDefault": true, "defaultClass": "nope-class", "classes": [
              {"name": "nope-class", "provisioner": "nfs.csi.k8s.io", "snapshot": false}]}}""";

    static Map<String, String> resourceVersions(KubernetesClient c) {
        Map<String, String> rv = new java.util.TreeMap<>();
        c.storage().v1().storageClasses().list().getItems()
                .forEach(sc -> rv.put(sc.getMetadata().getName(), sc.getMetadata().getResourceVersion()));
        return rv;
    }

    @Test
    @Order(13)
    void twoOwnsDefaultRegistrationsOfOneApiServerDoNotFightOverTheDefaultClass() throws Exception {
        SandboxCluster e1 = cluster("e1a");
        fleet.alias("e1b", e1);
        fleet.register(Fleet.event("e1a", Infrastructure.STANDALONE, Fleet.SANDBOX_STORAGE, 1, false));
        awaitReady("e1a", Duration.ofSeconds(30));
        fleet.register(Fleet.event("e1b", Infrastructure.STANDALONE, NOPE_STORAGE, 1, false));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Condition d = condition(component("e1b"), "DefaultClass");
            assertThat(d).isNotNull();
            assertThat(d.status()).isEqualTo(ConditionStatus.False);
            assertThat(d.reason()).isEqualTo("DefaultClassConflict");
            assertThat(d.message()).contains("capstan-standard", "cluster e1a", "nope-class");
            assertThat(condition(component("e1b"), Conditions.READY).reason()).isEqualTo("ClassesEnsured");
        });
        try (KubernetesClient c = e1.client()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> c.storage().v1().storageClasses().withName("nope-class").get() != null);
            assertThat(defaults(c)).containsExactly("capstan-standard");
            Map<String, String> converged = resourceVersions(c);
            assertThat(converged).containsKeys("capstan-standard", "nope-class");
            for (int round = 0; round < 3; round++) {
                double before = unchangedPasses();
                // what the watcher of each registration reports: wakes a pass of both names
                fleet.resourceChanged("e1a", c.storage().v1().storageClasses().withName("nope-class").get());
                fleet.resourceChanged("e1b", c.storage().v1().storageClasses().withName("capstan-standard").get());
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(unchangedPasses())
                        .as("both passes ran and wrote nothing").isGreaterThanOrEqualTo(before + 2));
                assertThat(resourceVersions(c)).as("round %d: no fight, no write", round).isEqualTo(converged);
                assertThat(defaults(c)).containsExactly("capstan-standard");
            }
            assertThat(condition(component("e1a"), "DefaultClass").reason()).isEqualTo("DefaultClassEnsured");
            assertThat(component("e1a").details().path("demoted").toString()).isEqualTo("[]");
            assertThat(component("e1b").details().path("demoted").toString()).isEqualTo("[]");
        }
    }

    @Test
    @Order(100)
    void theKubeconfigTokenAppearsInNoStatusRecordDeadLetterOrLogLine() throws Exception {
        assertThat(used).isNotEmpty();
        List<TopicRecorder.Rec> records = new ArrayList<>(fleet.status.all());
        records.addAll(fleet.dlq.all());
        assertThat(records).isNotEmpty();
        Path log = Path.of("target/storage-test.log");
        assertThat(log).exists();
        String logText = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(logText).contains("client opened from Secret");
        AsyncApiContract contract = AsyncApiContract.load();
        List<TopicRecorder.Rec> ours = fleet.status.all().stream()
                .filter(r -> "/capstan/storage".equals(r.headers().get("ce_source"))).toList();
        assertThat(ours).isNotEmpty();
        ours.forEach(r -> contract.assertValid(Topics.STATUS, r.key(), r.headers(), r.value()));
        for (SandboxCluster c : used) {
            String token = Fleet.token(c);
            assertThat(records).noneMatch(r -> (r.value() != null && r.value().contains(token))
                    || r.headers().values().stream().anyMatch(v -> v.contains(token)));
            assertThat(logText.contains(token)).as("token of " + c.name() + " in the log").isFalse();
        }
    }

    static ResourceDefinitionContext snapshotClasses() {
        return new ResourceDefinitionContext.Builder().withGroup("snapshot.storage.k8s.io").withVersion("v1")
                .withKind("VolumeSnapshotClass").withPlural("volumesnapshotclasses").withNamespaced(false).build();
    }
}
