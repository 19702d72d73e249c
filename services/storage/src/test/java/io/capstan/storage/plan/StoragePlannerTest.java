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
        StoragePlan p = StoragePlanner.plan(eks, cluster.observe(), 1);
        assertThat(p.creates()).extracting(StorageClassState::name).containsExactly("gp3");
        assertThat(p.creates().get(0).owned()).isTrue();
        assertThat(p.creates().get(0).volumeBindingMode()).isEqualTo("WaitForFirstConsumer");
        assertThat(p.creates().get(0).allowVolumeExpansion()).isTrue();
        assertThat(p.snapshotCreates()).extracting(SnapshotClassState::driver).containsExactly("ebs.csi.aws.com");
        assertThat(p.defaultDecision().reason()).isEqualTo("DefaultClassEnsured");
        cluster.apply(p);
        assertThat(cluster.defaults()).containsExactly("gp3");

        // row 2: a second pass over the result writes nothing
        assertThat(StoragePlanner.plan(eks, cluster.observe(), 1).isEmpty()).isTrue();

        // row 3: foreign default demoted when ownsDefault (GA key), with the demotion mark, carrying its resourceVersion
        cluster.put(foreign("standard", "kubernetes.io/gce-pd", Map.of(Ownership.DEFAULT_CLASS, "true")));
        StorageClassState standard = cluster.classes.get("standard");
        p = StoragePlanner.plan(eks, cluster.observe(), 1);
        assertThat(p.demotions()).hasSize(1);
        assertThat(p.demotions().get(0).after().annotations())
                .containsEntry(Ownership.DEFAULT_CLASS, "false")
                .containsEntry(Ownership.DEMOTED_BY_ANNOTATION, "storage");
        assertThat(p.demotions().get(0).after().resourceVersion()).isEqualTo(standard.resourceVersion());
        assertThat(p.defaultDecision().demoted()).containsExactly("standard");
        assertThat(p.size()).isEqualTo(1);
        cluster.apply(p);
        assertThat(cluster.defaults()).containsExactly("gp3");

        // row 4: the legacy beta key counts as default, and only that key is flipped
        cluster.put(foreign("legacy", "example.com/nfs", Map.of(Ownership.BETA_DEFAULT_CLASS, "true", "team", "a")));
        p = StoragePlanner.plan(eks, cluster.observe(), 1);
        assertThat(p.demotions()).extracting(u -> u.before().name()).containsExactly("legacy");
        assertThat(p.demotions().get(0).after().annotations())
                .containsEntry(Ownership.BETA_DEFAULT_CLASS, "false").containsEntry("team", "a")
                .doesNotContainKey(Ownership.DEFAULT_CLASS);
        cluster.apply(p);
        assertThat(cluster.defaults()).containsExactly("gp3");

        // row 5: two defaults -> one (someone marked a second owned class default by hand)
        DesiredStorage two = desired(true, ClassSpec.of("fast", "rbd.csi.ceph.com", Map.of("pool", "fast"), true, true),
                ClassSpec.of("slow", "rbd.csi.ceph.com", Map.of("pool", "slow"), true, false));
        cluster.apply(StoragePlanner.plan(two, cluster.observe(), 2));
        assertThat(cluster.classes).doesNotContainKey("gp3");
        assertThat(cluster.defaults()).containsExactly("fast");
        StorageClassState slow = cluster.classes.get("slow");
        Map<String, String> hand = new TreeMap<>(slow.annotations());
        hand.put(Ownership.DEFAULT_CLASS, "true");
        cluster.put(slow.withAnnotations(hand));
        assertThat(cluster.defaults()).containsExactly("fast", "slow");
        p = StoragePlanner.plan(two, cluster.observe(), 2);
        assertThat(p.updates()).extracting(u -> u.after().name()).containsExactly("slow");
        cluster.apply(p);
        assertThat(cluster.defaults()).containsExactly("fast");

        // row 6: changed provisioner (immutable) -> delete + create of our class only
        DesiredStorage moved = desired(true, ClassSpec.of("fast", "cephfs.csi.ceph.com", Map.of("pool", "fast"), true, true),
                ClassSpec.of("slow", "rbd.csi.ceph.com", Map.of("pool", "slow"), true, false));
        p = StoragePlanner.plan(moved, cluster.observe(), 3);
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
        p = StoragePlanner.plan(moved, cluster.observe(), 3);
        assertThat(p.isEmpty()).isTrue();
        assertThat(cluster.classes.get("local-storage")).isEqualTo(localSeen);

        // row 8: a class dropped from the profile is deleted; foreign ones stay
        DesiredStorage onlyFast = desired(true, ClassSpec.of("fast", "cephfs.csi.ceph.com", Map.of("pool", "fast"), true, true));
        p = StoragePlanner.plan(onlyFast, cluster.observe(), 4);
        assertThat(p.deletes()).extracting(StorageClassState::name).containsExactly("slow");
        cluster.apply(p);
        assertThat(cluster.classes).containsKeys("fast", "local-storage", "standard", "legacy").doesNotContainKey("slow");

        // row 9: the cleanup plan removes only owned objects
        p = StoragePlanner.cleanup(cluster.observe());
        cluster.apply(p);
        assertThat(cluster.classes).containsOnlyKeys("local-storage", "standard", "legacy");
        assertThat(cluster.snaps).isEmpty();
    }

    @Test
    void whenTheProfileDoesNotOwnTheDefaultAForeignDefaultIsKeptAndNoneOfOursIsDefault() {
        FakeCluster cluster = new FakeCluster();
        cluster.put(foreign("theirs", "example.com/x", Map.of(Ownership.BETA_DEFAULT_CLASS, "true")));
        StoragePlan p = StoragePlanner.plan(desired(false), cluster.observe(), 1);
        assertThat(p.demotions()).isEmpty();
        assertThat(p.creates()).singleElement().satisfies(c -> assertThat(c.isDefault()).isFalse());
        assertThat(p.defaultDecision().reason()).isEqualTo("ForeignDefaultKept");
        assertThat(p.defaultDecision().satisfied()).isTrue();
        cluster.apply(p);
        assertThat(cluster.defaults()).containsExactly("theirs");

        // a second foreign default: reported as a conflict, still not resolved (the profile does not own it)
        cluster.put(foreign("other", "example.com/y", Map.of(Ownership.DEFAULT_CLASS, "true")));
        p = StoragePlanner.plan(desired(false), cluster.observe(), 1);
        assertThat(p.isEmpty()).isTrue();
        assertThat(p.defaultDecision().reason()).isEqualTo("DefaultClassConflict");
        assertThat(p.defaultDecision().satisfied()).isFalse();
    }

    @Test
    void aDesiredNameTakenByAForeignClassIsAConflictAndIsNeverOverwritten() {
        FakeCluster cluster = new FakeCluster();
        cluster.put(foreign("gp3", "ebs.csi.aws.com", Map.of()));
        StoragePlan p = StoragePlanner.plan(desired(true), cluster.observe(), 1);
        assertThat(p.isEmpty()).isTrue();
        assertThat(p.conflicts()).singleElement().asString().contains("gp3");
        assertThat(p.defaultDecision().reason()).isEqualTo("ClassNameConflict");
    }

    @Test
    void noSnapshotClassWhenTheSnapshotApiIsNotServed() {
        FakeCluster cluster = new FakeCluster();
        cluster.snapshotApi = false;
        StoragePlan p = StoragePlanner.plan(desired(true), cluster.observe(), 1);
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
        StoragePlan p = StoragePlanner.plan(desired, observed, 7);
        assertThat(p.isEmpty()).isFalse();
        assertThat(observed).isEqualTo(copy);
        assertThat(desired).isEqualTo(desiredCopy);
        assertThat(observed.classes().get(0).annotations()).containsEntry(Ownership.DEFAULT_CLASS, "true");
    }
}
