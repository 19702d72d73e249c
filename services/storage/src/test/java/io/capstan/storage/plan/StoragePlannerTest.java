package io.capstan.storage.plan;

import io.capstan.model.cluster.Infrastructure;
import io.capstan.storage.profile.ClassSpec;
import io.capstan.storage.profile.DesiredStorage;
import io.capstan.storage.profile.StorageProfile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pure table test of {@link StoragePlanner}: sequential rows over one simulated cluster (in the manner of metallb's
 * allocator_test), each applying the plan in memory so the next row starts from the result. No Quarkus: the planner is
 * values in, values out.
 */
class StoragePlannerTest {

    /** The registered cluster the plans are computed for. */
    static final String ME = "prod-eu-1";

    /** An in-memory cluster that applies plans as an API server would (resourceVersion bumps, 409 ignored). */
    static final class FakeCluster {
        final Map<String, StorageClassState> classes = new TreeMap<>();
        final Map<String, SnapshotClassState> snaps = new TreeMap<>();
        boolean snapshotApi = true;
        int rv = 1;

        ObservedStorage observe() {
            return new ObservedStorage(new ArrayList<>(classes.values()), snapshotApi,
                    snapshotApi ? new ArrayList<>(snaps.values()) : List.of());
        }

        void put(StorageClassState s) {
            classes.put(s.name(), withRv(s));
        }

        StorageClassState withRv(StorageClassState s) {
            return new StorageClassState(s.name(), s.provisioner(), s.parameters(), s.reclaimPolicy(), s.volumeBindingMode(),
                    s.allowVolumeExpansion(), s.mountOptions(), s.allowedTopologies(), s.labels(), s.annotations(),
                    Integer.toString(rv++));
        }

        void apply(StoragePlan p) {
            p.demotions().forEach(u -> put(u.after()));
            p.updates().forEach(u -> put(u.after()));
            p.deletes().forEach(d -> classes.remove(d.name()));
            p.creates().forEach(this::put);
            p.snapshotUpdates().forEach(u -> snaps.put(u.after().name(), u.after()));
            p.snapshotDeletes().forEach(d -> snaps.remove(d.name()));
            p.snapshotCreates().forEach(s -> snaps.put(s.name(), s));
        }

        List<String> defaults() {
            return classes.values().stream().filter(StorageClassState::isDefault).map(StorageClassState::name).toList();
        }
    }

    static StorageClassState foreign(String name, String provisioner, Map<String, String> annotations) {
        return new StorageClassState(name, provisioner, Map.of(), null, null, false, List.of(), List.of(), Map.of(),
                annotations, null);
    }

    static DesiredStorage desired(boolean ownsDefault, ClassSpec... classes) {
        return DesiredStorage.resolve(new StorageProfile(ownsDefault, null,
                classes.length == 0 ? Optional.empty() : Optional.of(List.of(classes))), Infrastructure.EKS);
    }

    @Test
    void sequentialRows() {
        FakeCluster cluster = new FakeCluster();
        DesiredStorage eks = desired(true);

        // row 1: an empty cluster gets the infrastructure default class, marked default, and its snapshot class
        StoragePlan p = StoragePlanner.plan(ME, eks, cluster.observe(), 1);
        assertThat(p.creates()).extracting(StorageClassState::name).containsExactly("gp3");
        assertThat(p.creates().get(0).ownedBy(ME)).isTrue();
        assertThat(p.creates().get(0).volumeBindingMode()).isEqualTo("WaitForFirstConsumer");
        assertThat(p.creates().get(0).allowVolumeExpansion()).isTrue();
        assertThat(p.snapshotCreates()).extracting(SnapshotClassState::driver).containsExactly("ebs.csi.aws.com");
        assertThat(p.defaultDecision().reason()).isEqualTo("DefaultClassEnsured");
        cluster.apply(p);
        assertThat(cluster.defaults()).containsExactly("gp3");

        // row 2: a second pass over the result writes nothing
        assertThat(StoragePlanner.plan(ME, eks, cluster.observe(), 1).isEmpty()).isTrue();

        // row 3: foreign default demoted when ownsDefault (GA key), with the demotion mark, carrying its resourceVersion
        cluster.put(foreign("standard", "kubernetes.io/gce-pd", Map.of(Ownership.DEFAULT_CLASS, "true")));
        StorageClassState standard = cluster.classes.get("standard");
        p = StoragePlanner.plan(ME, eks, cluster.observe(), 1);
        assertThat(p.demotions()).hasSize(1);
        assertThat(p.demotions().get(0).after().annotations())
                .containsEntry(Ownership.DEFAULT_CLASS, "false")
                .containsEntry(Ownership.DEMOTED_BY_ANNOTATION, "storage/" + ME);
        assertThat(p.demotions().get(0).after().resourceVersion()).isEqualTo(standard.resourceVersion());
        assertThat(p.defaultDecision().demoted()).containsExactly("standard");
        assertThat(p.size()).isEqualTo(1);
        cluster.apply(p);
        assertThat(cluster.defaults()).containsExactly("gp3");

        // row 4: the legacy beta key counts as default, and only that key is flipped
        cluster.put(foreign("legacy", "example.com/nfs", Map.of(Ownership.BETA_DEFAULT_CLASS, "true", "team", "a")));
        p = StoragePlanner.plan(ME, eks, cluster.observe(), 1);
        assertThat(p.demotions()).extracting(u -> u.before().name()).containsExactly("legacy");
        assertThat(p.demotions().get(0).after().annotations())
                .containsEntry(Ownership.BETA_DEFAULT_CLASS, "false").containsEntry("team", "a")
                .doesNotContainKey(Ownership.DEFAULT_CLASS);
        cluster.apply(p);
        assertThat(cluster.defaults()).containsExactly("gp3");

        // row 5: two defaults -> one (someone marked a second owned class default by hand)
        DesiredStorage two = desired(true, ClassSpec.of("fast", "rbd.csi.ceph.com", Map.of("pool", "fast"), true, true),
                ClassSpec.of("slow", "rbd.csi.ceph.com", Map.of("pool", "slow"), true, false));
        cluster.apply(StoragePlanner.plan(ME, two, cluster.observe(), 2));
        assertThat(cluster.classes).doesNotContainKey("gp3");
        assertThat(cluster.defaults()).containsExactly("fast");
        StorageClassState slow = cluster.classes.get("slow");
        Map<String, String> hand = new TreeMap<>(slow.annotations());
        hand.put(Ownership.DEFAULT_CLASS, "true");
        cluster.put(slow.withAnnotations(hand));
        assertThat(cluster.defaults()).containsExactly("fast", "slow");
        p = StoragePlanner.plan(ME, two, cluster.observe(), 2);
        assertThat(p.updates()).extracting(u -> u.after().name()).containsExactly("slow");
        cluster.apply(p);
        assertThat(cluster.defaults()).containsExactly("fast");

        // row 6: changed provisioner (immutable) -> delete + create of our class only
        DesiredStorage moved = desired(true, ClassSpec.of("fast", "cephfs.csi.ceph.com", Map.of("pool", "fast"), true, true),
                ClassSpec.of("slow", "rbd.csi.ceph.com", Map.of("pool", "slow"), true, false));
        p = StoragePlanner.plan(ME, moved, cluster.observe(), 3);
        assertThat(p.deletes()).extracting(StorageClassState::name).containsExactly("fast");
        assertThat(p.creates()).extracting(StorageClassState::name).containsExactly("fast");
        assertThat(p.creates().get(0).provisioner()).isEqualTo("cephfs.csi.ceph.com");
        assertThat(p.snapshotDeletes()).extracting(SnapshotClassState::name).containsExactly("fast");
        assertThat(p.snapshotCreates()).extracting(SnapshotClassState::driver).containsExactly("cephfs.csi.ceph.com");
        cluster.apply(p);

        // row 7: a foreign class is never touched (not default, so no demotion either)
        StorageClassState local = foreign("local-storage", "kubernetes.io/no-provisioner", Map.of());
        cluster.put(local);
        StorageClassState localSeen = cluster.classes.get("local-storage");
        p = StoragePlanner.plan(ME, moved, cluster.observe(), 3);
        assertThat(p.isEmpty()).isTrue();
        assertThat(cluster.classes.get("local-storage")).isEqualTo(localSeen);

        // row 8: a class dropped from the profile is deleted; foreign ones stay
        DesiredStorage onlyFast = desired(true, ClassSpec.of("fast", "cephfs.csi.ceph.com", Map.of("pool", "fast"), true, true));
        p = StoragePlanner.plan(ME, onlyFast, cluster.observe(), 4);
        assertThat(p.deletes()).extracting(StorageClassState::name).containsExactly("slow");
        cluster.apply(p);
        assertThat(cluster.classes).containsKeys("fast", "local-storage", "standard", "legacy").doesNotContainKey("slow");

        // row 9: the cleanup plan removes only owned objects
        p = StoragePlanner.cleanup(ME, cluster.observe());
        cluster.apply(p);
        assertThat(cluster.classes).containsOnlyKeys("local-storage", "standard", "legacy");
        assertThat(cluster.snaps).isEmpty();
    }

    static ClassSpec standard() {
        return ClassSpec.of("capstan-standard", "rbd.csi.ceph.com", Map.of("pool", "kubernetes"), true, true);
    }

    /** One API server registered twice, as "alpha" and as ME: nothing is claimed twice. */
    @Test
    void classesOfAnotherClusterOnTheSameApiServerAreNeverUpdatedNorDeleted() {
        FakeCluster apiServer = new FakeCluster();
        DesiredStorage profile = desired(true, standard());

        // row 1: alpha creates its class, stamped with its name
        StoragePlan p = StoragePlanner.plan("alpha", profile, apiServer.observe(), 1);
        assertThat(p.creates()).singleElement().satisfies(c -> assertThat(c.annotations())
                .containsEntry(Ownership.CLUSTER_ANNOTATION, "alpha").containsEntry(Ownership.OWNER_ANNOTATION, "storage"));
        assertThat(p.snapshotCreates()).singleElement().satisfies(c -> assertThat(c.annotations())
                .containsEntry(Ownership.CLUSTER_ANNOTATION, "alpha"));
        apiServer.apply(p);
        StorageClassState alphas = apiServer.classes.get("capstan-standard");
        SnapshotClassState alphaSnap = apiServer.snaps.get("capstan-standard");

        // row 2: class of another cluster with the desired name -> ClassNameConflict, untouched
        p = StoragePlanner.plan(ME, profile, apiServer.observe(), 1);
        assertThat(p.isEmpty()).isTrue();
        assertThat(p.conflicts()).singleElement().asString()
                .contains("StorageClass capstan-standard", "cluster alpha", "OwnedByAnotherCluster");
        assertThat(p.defaultDecision().reason()).isEqualTo("ClassNameConflict");
        assertThat(p.defaultDecision().message()).contains("cluster alpha");
        assertThat(apiServer.classes.get("capstan-standard")).isEqualTo(alphas);
        assertThat(apiServer.snaps.get("capstan-standard")).isEqualTo(alphaSnap);

        // row 3: ME's own class (another name) is created; alpha's default is foreign to ME and, as ME does not own
        // the default, kept and not written
        DesiredStorage mine = desired(false, ClassSpec.of("mine", "nfs.csi.k8s.io", Map.of(), true, true));
        p = StoragePlanner.plan(ME, mine, apiServer.observe(), 1);
        assertThat(p.creates()).extracting(StorageClassState::name).containsExactly("mine");
        assertThat(p.demotions()).isEmpty();
        assertThat(p.defaultDecision().reason()).isEqualTo("ForeignDefaultKept");
        apiServer.apply(p);

        // row 4: alpha's pass does not delete ME's class although alpha's profile does not list it
        p = StoragePlanner.plan("alpha", profile, apiServer.observe(), 1);
        assertThat(p.isEmpty()).isTrue();
        assertThat(apiServer.classes).containsKeys("mine", "capstan-standard");

        // row 5: class of another cluster is never deleted on cleanup; the kept ones are named
        p = StoragePlanner.cleanup(ME, apiServer.observe());
        assertThat(p.deletes()).extracting(StorageClassState::name).containsExactly("mine");
        assertThat(p.snapshotDeletes()).extracting(SnapshotClassState::name).containsExactly("mine");
        assertThat(p.conflicts()).containsExactly("StorageClass/capstan-standard (owned by cluster alpha)",
                "VolumeSnapshotClass/capstan-standard (owned by cluster alpha)");
        apiServer.apply(p);
        assertThat(apiServer.classes).containsOnlyKeys("capstan-standard");
        assertThat(apiServer.classes.get("capstan-standard")).isEqualTo(alphas);
        assertThat(apiServer.snaps).containsOnlyKeys("capstan-standard");
        assertThat(apiServer.snaps.get("capstan-standard")).isEqualTo(alphaSnap);
    }

    @Test
    void legacyClassWithoutClusterAnnotationIsAdoptedAndStamped() {
        FakeCluster cluster = new FakeCluster();
        Map<String, String> legacyLabels = Map.of(Ownership.MANAGED_BY_LABEL, Ownership.MANAGED_BY);
        Map<String, String> legacyAnn = Map.of(Ownership.OWNER_ANNOTATION, Ownership.OWNER,
                Ownership.PROFILE_REVISION_ANNOTATION, "1", Ownership.DEFAULT_CLASS, "true", "team", "a");
        cluster.put(new StorageClassState("capstan-standard", "rbd.csi.ceph.com", Map.of("pool", "kubernetes"), "Delete",
                "WaitForFirstConsumer", true, List.of(), List.of(), legacyLabels, legacyAnn, null));
        cluster.put(new StorageClassState("old", "nfs.csi.k8s.io", Map.of(), null, null, true, List.of(), List.of(),
                legacyLabels, Map.of(Ownership.OWNER_ANNOTATION, Ownership.OWNER), null));
        cluster.snaps.put("capstan-standard", new SnapshotClassState("capstan-standard", "rbd.csi.ceph.com", "Delete",
                legacyLabels, Map.of(Ownership.OWNER_ANNOTATION, Ownership.OWNER), "7"));
        StorageClassState before = cluster.classes.get("capstan-standard");
        StorageClassState old = cluster.classes.get("old");

        // the desired name is adopted: one in-place update stamps the cluster, keeping what others added
        StoragePlan p = StoragePlanner.plan(ME, desired(true, standard()), cluster.observe(), 1);
        assertThat(p.conflicts()).isEmpty();
        assertThat(p.deletes()).isEmpty();
        assertThat(p.creates()).isEmpty();
        assertThat(p.updates()).singleElement().satisfies(u -> {
            assertThat(u.after().resourceVersion()).isEqualTo(before.resourceVersion());
            assertThat(u.after().annotations()).containsEntry(Ownership.CLUSTER_ANNOTATION, ME).containsEntry("team", "a");
        });
        assertThat(p.snapshotUpdates()).singleElement().satisfies(u -> {
            assertThat(u.after().resourceVersion()).isEqualTo("7");
            assertThat(u.after().annotations()).containsEntry(Ownership.CLUSTER_ANNOTATION, ME);
        });
        assertThat(p.defaultDecision().reason()).isEqualTo("DefaultClassEnsured");
        cluster.apply(p);
        assertThat(cluster.classes.get("capstan-standard").ownedBy(ME)).isTrue();
        assertThat(cluster.snaps.get("capstan-standard").ownedBy(ME)).isTrue();
        // a legacy class this cluster does not ask for is not adopted: never deleted nor changed
        assertThat(cluster.classes.get("old")).isEqualTo(old);

        // stamped: the next pass writes nothing, and another registration of the same API server sees ME's class
        assertThat(StoragePlanner.plan(ME, desired(true, standard()), cluster.observe(), 1).isEmpty()).isTrue();
        assertThat(StoragePlanner.plan("alpha", desired(true, standard()), cluster.observe(), 1).conflicts())
                .allSatisfy(m -> assertThat(m).contains("cluster " + ME));

        // cleanup removes the adopted class, keeps the unadopted legacy one (not provably this cluster's)
        p = StoragePlanner.cleanup(ME, cluster.observe());
        cluster.apply(p);
        assertThat(cluster.classes).containsOnlyKeys("old");
        assertThat(p.conflicts()).singleElement().asString().contains("old", "without a capstan.io/cluster annotation");
    }

    @Test
    void whenTheProfileDoesNotOwnTheDefaultAForeignDefaultIsKeptAndNoneOfOursIsDefault() {
        FakeCluster cluster = new FakeCluster();
        cluster.put(foreign("theirs", "example.com/x", Map.of(Ownership.BETA_DEFAULT_CLASS, "true")));
        StoragePlan p = StoragePlanner.plan(ME, desired(false), cluster.observe(), 1);
        assertThat(p.demotions()).isEmpty();
        assertThat(p.creates()).singleElement().satisfies(c -> assertThat(c.isDefault()).isFalse());
        assertThat(p.defaultDecision().reason()).isEqualTo("ForeignDefaultKept");
        assertThat(p.defaultDecision().satisfied()).isTrue();
        cluster.apply(p);
        assertThat(cluster.defaults()).containsExactly("theirs");

        // a second foreign default: reported as a conflict, still not resolved (the profile does not own it)
        cluster.put(foreign("other", "example.com/y", Map.of(Ownership.DEFAULT_CLASS, "true")));
        p = StoragePlanner.plan(ME, desired(false), cluster.observe(), 1);
        assertThat(p.isEmpty()).isTrue();
        assertThat(p.defaultDecision().reason()).isEqualTo("DefaultClassConflict");
        assertThat(p.defaultDecision().satisfied()).isFalse();
    }

    @Test
    void aDesiredNameTakenByAForeignClassIsAConflictAndIsNeverOverwritten() {
        FakeCluster cluster = new FakeCluster();
        cluster.put(foreign("gp3", "ebs.csi.aws.com", Map.of()));
        StoragePlan p = StoragePlanner.plan(ME, desired(true), cluster.observe(), 1);
        assertThat(p.isEmpty()).isTrue();
        assertThat(p.conflicts()).singleElement().asString().contains("gp3");
        assertThat(p.defaultDecision().reason()).isEqualTo("ClassNameConflict");
    }

    @Test
    void noSnapshotClassWhenTheSnapshotApiIsNotServed() {
        FakeCluster cluster = new FakeCluster();
        cluster.snapshotApi = false;
        StoragePlan p = StoragePlanner.plan(ME, desired(true), cluster.observe(), 1);
        assertThat(p.creates()).hasSize(1);
        assertThat(p.snapshotCreates()).isEmpty();
    }

    @Test
    void inputNeverMutated() {
        FakeCluster cluster = new FakeCluster();
        cluster.put(foreign("standard", "kubernetes.io/gce-pd", Map.of(Ownership.DEFAULT_CLASS, "true")));
        ObservedStorage observed = cluster.observe();
        ObservedStorage copy = new ObservedStorage(new ArrayList<>(observed.classes()), observed.snapshotApiServed(),
                new ArrayList<>(observed.snapshotClasses()));
        DesiredStorage desired = desired(true);
        DesiredStorage desiredCopy = new DesiredStorage(new ArrayList<>(desired.classes()), desired.defaultClass(),
                desired.ownsDefault(), desired.source());
        StoragePlan p = StoragePlanner.plan(ME, desired, observed, 7);
        assertThat(p.isEmpty()).isFalse();
        assertThat(observed).isEqualTo(copy);
        assertThat(desired).isEqualTo(desiredCopy);
        assertThat(observed.classes().get(0).annotations()).containsEntry(Ownership.DEFAULT_CLASS, "true");
    }

    static ClassSpec nope() {
        return ClassSpec.of("nope-class", "nfs.csi.k8s.io", Map.of(), true, true);
    }

    /** One API server registered as e1a and e1b, both with ownsDefault and different default classes. */
    @Test
    void defaultOwnedByAnotherCapstanClusterIsNeverDemotedAndIsReportedAsDefaultClassConflict() {
        FakeCluster apiServer = new FakeCluster();
        DesiredStorage a = desired(true, standard());
        DesiredStorage b = desired(true, nope());
        apiServer.apply(StoragePlanner.plan("e1a", a, apiServer.observe(), 1));
        StorageClassState aClass = apiServer.classes.get("capstan-standard");

        StoragePlan p = StoragePlanner.plan("e1b", b, apiServer.observe(), 1);
        assertThat(p.demotions()).as("another Capstan cluster's default is never demoted").isEmpty();
        assertThat(p.updates()).isEmpty();
        assertThat(p.creates()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("nope-class");
            assertThat(c.isDefault()).as("not a second default next to e1a's").isFalse();
        });
        assertThat(p.defaultDecision().reason()).isEqualTo("DefaultClassConflict");
        assertThat(p.defaultDecision().satisfied()).isFalse();
        assertThat(p.defaultDecision().message()).contains("capstan-standard", "cluster e1a", "nope-class")
                .doesNotContain("not managed by Capstan");
        apiServer.apply(p);
        assertThat(apiServer.classes.get("capstan-standard")).isEqualTo(aClass);
        assertThat(apiServer.defaults()).containsExactly("capstan-standard");
    }

    @Test
    void twoOwnsDefaultRegistrationsConvergeWithZeroWritesOnTheSecondPass() {
        // in both orders, and after a race where both classes were default at once
        for (List<String> order : List.of(List.of("e1a", "e1b"), List.of("e1b", "e1a"))) {
            FakeCluster apiServer = new FakeCluster();
            Map<String, DesiredStorage> profiles = Map.of("e1a", desired(true, standard()), "e1b", desired(true, nope()));
            for (String c : order) {
                apiServer.apply(StoragePlanner.plan(c, profiles.get(c), apiServer.observe(), 1));
            }
            for (String c : order) {
                apiServer.apply(StoragePlanner.plan(c, profiles.get(c), apiServer.observe(), 1));
            }
            for (String c : order) {
                assertThat(StoragePlanner.plan(c, profiles.get(c), apiServer.observe(), 1).isEmpty())
                        .as("order %s, cluster %s: no write once converged", order, c).isTrue();
            }
            assertThat(apiServer.defaults()).as("order %s", order).hasSize(1);
        }

        FakeCluster raced = new FakeCluster();
        raced.snapshotApi = false;
        raced.put(StoragePlanner.render("e1a", standard(), true, 1));
        raced.put(StoragePlanner.render("e1b", nope(), true, 1));
        assertThat(StoragePlanner.plan("e1a", desired(true, standard()), raced.observe(), 1).isEmpty())
                .as("the smaller cluster name keeps its default").isTrue();
        StoragePlan yield = StoragePlanner.plan("e1b", desired(true, nope()), raced.observe(), 1);
        assertThat(yield.demotions()).isEmpty();
        assertThat(yield.updates()).singleElement().satisfies(u -> {
            assertThat(u.after().name()).isEqualTo("nope-class");
            assertThat(u.after().isDefault()).isFalse();
        });
        raced.apply(yield);
        assertThat(raced.defaults()).containsExactly("capstan-standard");
        assertThat(StoragePlanner.plan("e1a", desired(true, standard()), raced.observe(), 1).isEmpty()).isTrue();
        assertThat(StoragePlanner.plan("e1b", desired(true, nope()), raced.observe(), 1).isEmpty()).isTrue();
    }

    @Test
    void demotionsAreReportedOnlyByTheClusterThatMadeThem() {
        FakeCluster apiServer = new FakeCluster();
        apiServer.put(foreign("standard", "kubernetes.io/gce-pd", Map.of(Ownership.DEFAULT_CLASS, "true")));
        StoragePlan p = StoragePlanner.plan("e1a", desired(true, standard()), apiServer.observe(), 1);
        assertThat(p.demotions()).singleElement().satisfies(u -> assertThat(u.after().annotations())
                .containsEntry(Ownership.DEMOTED_BY_ANNOTATION, "storage/e1a"));
        apiServer.apply(p);
        // a second registration, ownsDefault=false, sees e1a's default and claims nothing
        DesiredStorage other = desired(false, ClassSpec.of("mine", "nfs.csi.k8s.io", Map.of(), true, true));
        apiServer.apply(StoragePlanner.plan("e1b", other, apiServer.observe(), 1));
        ObservedStorage after = apiServer.observe();

        java.util.function.BiFunction<String, DesiredStorage, com.fasterxml.jackson.databind.JsonNode> component = (c, d) -> {
            StoragePlan check = StoragePlanner.plan(c, d, after, 1);
            return io.capstan.storage.report.StorageReport.build(c, 1, d, after, check.defaultDecision(), check.conflicts(),
                    List.of(), java.util.Set.of()).get(0).details();
        };
        assertThat(component.apply("e1a", desired(true, standard())).path("demoted").toString()).isEqualTo("[\"standard\"]");
        assertThat(component.apply("e1b", other).path("demoted").toString()).isEqualTo("[]");
        assertThat(component.apply("e1c", desired(true, nope())).path("demoted").toString())
                .as("another ownsDefault registration did not demote it either").isEqualTo("[]");
        StoragePlan keptByB = StoragePlanner.plan("e1b", other, after, 1);
        assertThat(keptByB.defaultDecision().reason()).isEqualTo("ForeignDefaultKept");
        assertThat(keptByB.defaultDecision().message()).contains("managed by Capstan for cluster e1a")
                .doesNotContain("not managed by Capstan");
    }
}
