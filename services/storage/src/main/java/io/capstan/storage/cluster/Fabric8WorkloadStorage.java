package io.capstan.storage.cluster;

import io.capstan.model.reconcile.ReconcileException;
import io.capstan.storage.plan.ObservedStorage;
import io.capstan.storage.plan.SnapshotClassState;
import io.capstan.storage.plan.SnapshotClassUpdate;
import io.capstan.storage.plan.StorageClassState;
import io.capstan.storage.plan.StorageClassUpdate;
import io.capstan.storage.profile.TopologyTerm;
import io.capstan.storage.reconcile.ApplyConflictException;
import io.capstan.kit.cluster.ClusterUnreachableException;
import io.capstan.storage.reconcile.WorkloadStorage;
import io.capstan.storage.report.PvcState;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.TopologySelectorLabelRequirement;
import io.fabric8.kubernetes.api.model.TopologySelectorTerm;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The {@link WorkloadStorage} port over a fabric8 client of one workload cluster. Writes are plain create, update
 * carrying the resourceVersion read (a stale one gets 409 from the API server) and delete; no patch, no server-side
 * apply, no paging, no set-based selector, so the same calls work against a real kube-apiserver and the sandbox.
 *
 * <p>VolumeSnapshotClass ({@code snapshot.storage.k8s.io/v1}, kubernetes-csi/external-snapshotter CRD) is read as a
 * generic resource with an explicit plural, so no API discovery is needed; a 404 on its list means "not served".
 */
public final class Fabric8WorkloadStorage implements WorkloadStorage {

    /** The VolumeSnapshotClass resource (cluster-scoped). */
    static final ResourceDefinitionContext SNAPSHOT_CLASS = new ResourceDefinitionContext.Builder()
            .withGroup("snapshot.storage.k8s.io").withVersion("v1").withKind("VolumeSnapshotClass")
            .withPlural("volumesnapshotclasses").withNamespaced(false).build();

    private final String cluster;
    private final KubernetesClient client;

    /**
     * @param cluster cluster name, for messages
     * @param client  a client of that cluster (owned by the caller)
     */
    public Fabric8WorkloadStorage(String cluster, KubernetesClient client) {
        this.cluster = cluster;
        this.client = client;
    }

    @Override
    public ObservedStorage observeStorage() {
        List<StorageClassState> classes = call("list StorageClasses",
                () -> client.storage().v1().storageClasses().list().getItems().stream().map(Fabric8WorkloadStorage::toState).toList());
        boolean served = true;
        List<SnapshotClassState> snaps = List.of();
        try {
            snaps = client.genericKubernetesResources(SNAPSHOT_CLASS).list().getItems().stream()
                    .map(Fabric8WorkloadStorage::toSnapshotState).toList();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                served = false;
            } else {
                throw translate("list VolumeSnapshotClasses", e);
            }
        }
        return new ObservedStorage(classes, served, snaps);
    }

    @Override
    public List<PvcState> claims() {
        return call("list PersistentVolumeClaims", () -> client.persistentVolumeClaims().inAnyNamespace().list().getItems()
                .stream().map(Fabric8WorkloadStorage::toPvc).toList());
    }

    @Override
    public Set<String> csiDrivers() {
        return call("list CSIDrivers", () -> {
            Set<String> names = new TreeSet<>();
            client.storage().v1().csiDrivers().list().getItems().forEach(d -> names.add(d.getMetadata().getName()));
            return names;
        });
    }

    @Override
    public void create(StorageClassState state) {
        call("create StorageClass " + state.name(), () -> client.storage().v1().storageClasses().resource(toFabric8(state)).create());
    }

    @Override
    public void update(StorageClassUpdate update) {
        StorageClass sc = toFabric8(update.after());
        sc.getMetadata().setResourceVersion(update.before().resourceVersion());
        call("update StorageClass " + update.after().name(), () -> client.storage().v1().storageClasses().resource(sc).update());
    }

    @Override
    public void delete(StorageClassState state) {
        call("delete StorageClass " + state.name(), () -> client.storage().v1().storageClasses().withName(state.name()).delete());
    }

    @Override
    public void createSnapshotClass(SnapshotClassState state) {
        GenericKubernetesResource r = toGeneric(state);
        call("create VolumeSnapshotClass " + state.name(), () -> client.genericKubernetesResources(SNAPSHOT_CLASS).resource(r).create());
    }

    @Override
    public void updateSnapshotClass(SnapshotClassUpdate update) {
        GenericKubernetesResource r = toGeneric(update.after());
        r.getMetadata().setResourceVersion(update.before().resourceVersion());
        call("update VolumeSnapshotClass " + update.after().name(),
                () -> client.genericKubernetesResources(SNAPSHOT_CLASS).resource(r).update());
    }

    private static GenericKubernetesResource toGeneric(SnapshotClassState state) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion("snapshot.storage.k8s.io/v1");
        r.setKind("VolumeSnapshotClass");
        r.setMetadata(new ObjectMetaBuilder().withName(state.name()).withLabels(new HashMap<>(state.labels()))
                .withAnnotations(new HashMap<>(state.annotations())).build());
        r.setAdditionalProperty("driver", state.driver());
        r.setAdditionalProperty("deletionPolicy", state.deletionPolicy());
        return r;
    }

    @Override
    public void deleteSnapshotClass(SnapshotClassState state) {
        call("delete VolumeSnapshotClass " + state.name(),
                () -> client.genericKubernetesResources(SNAPSHOT_CLASS).withName(state.name()).delete());
    }

    /** Converts a fabric8 StorageClass into the planner's value. */
    public static StorageClassState toState(StorageClass sc) {
        ObjectMeta m = sc.getMetadata();
        List<TopologyTerm> topo = new ArrayList<>();
        if (sc.getAllowedTopologies() != null) {
            for (TopologySelectorTerm t : sc.getAllowedTopologies()) {
                Map<String, List<String>> req = new LinkedHashMap<>();
                if (t.getMatchLabelExpressions() != null) {
                    for (TopologySelectorLabelRequirement r : t.getMatchLabelExpressions()) {
                        req.put(r.getKey(), r.getValues());
                    }
                }
                topo.add(new TopologyTerm(req));
            }
        }
        return new StorageClassState(m.getName(), sc.getProvisioner(), sc.getParameters(), sc.getReclaimPolicy(),
                sc.getVolumeBindingMode(), Boolean.TRUE.equals(sc.getAllowVolumeExpansion()), sc.getMountOptions(), topo,
                m.getLabels(), m.getAnnotations(), m.getResourceVersion());
    }

    /** Converts the planner's value into a fabric8 StorageClass (without resourceVersion). */
    public static StorageClass toFabric8(StorageClassState s) {
        List<TopologySelectorTerm> topo = new ArrayList<>();
        for (TopologyTerm t : s.allowedTopologies()) {
            List<TopologySelectorLabelRequirement> reqs = new ArrayList<>();
            t.matchLabelExpressions().forEach((k, v) -> reqs.add(new TopologySelectorLabelRequirement(k, new ArrayList<>(v))));
            topo.add(new TopologySelectorTerm(reqs));
        }
        return new StorageClassBuilder()
                .withNewMetadata().withName(s.name()).withLabels(new HashMap<>(s.labels()))
                .withAnnotations(new HashMap<>(s.annotations())).endMetadata()
                .withProvisioner(s.provisioner()).withParameters(s.parameters().isEmpty() ? null : new HashMap<>(s.parameters()))
                .withReclaimPolicy(s.reclaimPolicy()).withVolumeBindingMode(s.volumeBindingMode())
                .withAllowVolumeExpansion(s.allowVolumeExpansion())
                .withMountOptions(s.mountOptions().isEmpty() ? null : new ArrayList<>(s.mountOptions()))
                .withAllowedTopologies(topo.isEmpty() ? null : topo)
                .build();
    }

    private static SnapshotClassState toSnapshotState(GenericKubernetesResource r) {
        Map<String, Object> p = r.getAdditionalProperties();
        return new SnapshotClassState(r.getMetadata().getName(), (String) p.get("driver"), (String) p.get("deletionPolicy"),
                r.getMetadata().getLabels(), r.getMetadata().getAnnotations(), r.getMetadata().getResourceVersion());
    }

    private static PvcState toPvc(PersistentVolumeClaim p) {
        Map<String, String> ann = p.getMetadata().getAnnotations() == null ? Map.of() : p.getMetadata().getAnnotations();
        return new PvcState(p.getMetadata().getNamespace(), p.getMetadata().getName(),
                p.getStatus() == null ? null : p.getStatus().getPhase(),
                p.getSpec() == null ? null : p.getSpec().getStorageClassName(), ann.get(PvcState.BETA_CLASS_ANNOTATION),
                p.getSpec() == null ? null : p.getSpec().getVolumeName());
    }

    private <T> T call(String what, Supplier<T> op) {
        try {
            return op.get();
        } catch (KubernetesClientException e) {
            throw translate(what, e);
        }
    }

    private RuntimeException translate(String what, KubernetesClientException e) {
        int code = e.getCode();
        String msg = "cluster " + cluster + ": " + what + " failed" + (code > 0 ? " with HTTP " + code : "") + ": "
                + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : String.valueOf(e.getMessage()));
        if (code == 409) {
            return new ApplyConflictException(msg, e);
        }
        if (code == 400 || code == 422) {
            return ReconcileException.terminal("ApplyRejected", msg);
        }
        return new ClusterUnreachableException(msg, e);
    }
}
