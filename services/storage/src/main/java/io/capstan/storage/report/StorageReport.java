package io.capstan.storage.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.kit.status.StatusEntry;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.Conditions;
import io.capstan.model.status.StatusEvent;
import io.capstan.storage.plan.DefaultDecision;
import io.capstan.storage.plan.ObservedStorage;
import io.capstan.storage.plan.Ownership;
import io.capstan.storage.plan.SnapshotClassState;
import io.capstan.storage.plan.StorageClassState;
import io.capstan.storage.profile.DesiredStorage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Builds the status entries of one successful pass from what the cluster holds after apply. Pure.
 *
 * <p>Component entry ({@code <cluster>/storage}): conditions {@code Ready} (reasons {@code ClassesEnsured},
 * {@code NoStorageConfigured}, {@code ProfileNotFound}, {@code ClassNameConflict}) and {@code DefaultClass} (see {@link DefaultDecision});
 * details {@code {classes:[{name, provisioner, owned, default}], demoted:[name], snapshotApi, snapshotClasses:[name],
 * source}}. Object entries: one per StorageClass ({@code Ready=True}, reason {@code Owned}, {@code Foreign},
 * {@code OwnedByAnotherCluster} (Capstan's for the cluster named in {@code capstan.io/cluster}, never touched by this
 * one) or {@code DefaultDemoted}; details {@code {owned, default, provisioner, demoted, cluster?}}) and one per PersistentVolumeClaim
 * ({@link PvcAssessment}).
 */
public final class StorageReport {

    /** Component name, the second segment of every status key. */
    public static final String COMPONENT = "storage";
    /** Condition type for the default-class outcome. */
    public static final String DEFAULT_CLASS = "DefaultClass";

    private StorageReport() {
    }

    /**
     * @param cluster    the registered cluster's name (ownership is per cluster, see {@link Ownership#claim})
     * @param generation cluster generation (observedGeneration of the component entry)
     * @param desired    resolved profile
     * @param after      the cluster's storage after apply
     * @param decision   the default-class decision of the last plan
     * @param conflicts  conflict messages of the last plan
     * @param pvcs       every claim
     * @param csiDrivers every CSIDriver name
     */
    public static List<StatusEntry> build(String cluster, long generation, DesiredStorage desired, ObservedStorage after,
                                          DefaultDecision decision, List<String> conflicts, List<PvcState> pvcs,
                                          Set<String> csiDrivers) {
        return build(cluster, generation, desired, after, decision, conflicts, pvcs, csiDrivers, null);
    }

    /**
     * As {@link #build(String, long, DesiredStorage, ObservedStorage, DefaultDecision, List, List, Set)}, for a cluster
     * whose profile may not be defined.
     *
     * @param undefinedProfile the name of the cluster's profile when it is not defined (the orchestrator sent
     *                         {@code Profile.empty(name)}, revision 0), else null. Without classes (private, standalone)
     *                         the component is {@code Ready=False ProfileNotFound} naming it; when the infrastructure
     *                         defaults apply, the Ready message names it.
     */
    public static List<StatusEntry> build(String cluster, long generation, DesiredStorage desired, ObservedStorage after,
                                          DefaultDecision decision, List<String> conflicts, List<PvcState> pvcs,
                                          Set<String> csiDrivers, String undefinedProfile) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<StatusEntry> out = new ArrayList<>();
        List<StorageClassState> classes = after.classes().stream().sorted(Comparator.comparing(StorageClassState::name)).toList();

        ObjectNode details = f.objectNode();
        ArrayNode cls = details.putArray("classes");
        ArrayNode demoted = details.putArray("demoted");
        for (StorageClassState c : classes) {
            cls.addObject().put("name", c.name()).put("provisioner", c.provisioner()).put("owned", c.ownedBy(cluster))
                    .put("default", c.isDefault());
            if (demotedByUs(c, cluster, desired.ownsDefault())) {
                demoted.add(c.name());
            }
        }
        details.put("snapshotApi", after.snapshotApiServed());
        ArrayNode snaps = details.putArray("snapshotClasses");
        after.snapshotClasses().stream().filter(s -> s.ownedBy(cluster)).map(SnapshotClassState::name).sorted().forEach(snaps::add);
        details.put("source", desired.source().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        if (!conflicts.isEmpty()) {
            ArrayNode c = details.putArray("conflicts");
            conflicts.forEach(c::add);
        }

        Condition ready;
        String missing = undefinedProfile == null ? ""
                : "; profile " + undefinedProfile + " is not defined, so the infrastructure defaults apply";
        if (desired.classes().isEmpty() && undefinedProfile != null) {
            ready = Condition.of(Conditions.READY, ConditionStatus.False, "ProfileNotFound", "profile " + undefinedProfile
                    + " is not defined and this infrastructure has no default classes; define the profile with"
                    + " storage.classes");
        } else if (desired.classes().isEmpty()) {
            ready = Condition.of(Conditions.READY, ConditionStatus.False, "NoStorageConfigured",
                    "the profile lists no storage.classes and this infrastructure has no default classes");
        } else if (!conflicts.isEmpty()) {
            ready = Condition.of(Conditions.READY, ConditionStatus.False, "ClassNameConflict", String.join("; ", conflicts)
                    + missing);
        } else {
            ready = Condition.of(Conditions.READY, ConditionStatus.True, "ClassesEnsured", desired.classes().size()
                    + " StorageClass(es) ensured from the " + details.get("source").asText().replace('-', ' ') + missing);
        }
        String defaultMessage = decision.message();
        if (!demoted.isEmpty() && !decision.message().contains("demoted")) {
            defaultMessage += "; foreign default(s) demoted by this cluster: " + join(demoted);
        }
        Condition dflt = Condition.of(DEFAULT_CLASS, decision.satisfied() ? ConditionStatus.True : ConditionStatus.False,
                decision.reason(), defaultMessage);
        out.add(new StatusEntry(null, List.of(ready, dflt), details, generation));

        for (StorageClassState c : classes) {
            boolean dem = demotedByUs(c, cluster, desired.ownsDefault());
            Ownership.Claim claim = c.claim(cluster);
            boolean owned = claim == Ownership.Claim.OURS;
            ObjectNode d = f.objectNode().put("owned", owned).put("default", c.isDefault())
                    .put("provisioner", c.provisioner()).put("demoted", dem);
            if (c.cluster() != null && c.managed()) {
                d.put("cluster", c.cluster());
            }
            String reason = owned ? "Owned" : dem ? "DefaultDemoted"
                    : claim == Ownership.Claim.OTHER_CLUSTER ? "OwnedByAnotherCluster" : "Foreign";
            String msg = (switch (claim) {
                case OURS -> "managed by Capstan for this cluster";
                case OTHER_CLUSTER -> "managed by Capstan for cluster " + c.cluster()
                        + " (the same API server registered under another name); never changed or deleted by this cluster";
                case LEGACY -> "managed by Capstan without a capstan.io/cluster annotation; adopted only by a cluster whose"
                        + " profile asks for this name";
                case FOREIGN -> "not managed by Capstan";
            })
                    + (c.isDefault() ? ", the default class" : "")
                    + (dem ? ", demoted from default by this cluster because its profile owns the default" : "");
            out.add(new StatusEntry(new StatusEvent.Subject("storage.k8s.io/v1", "StorageClass", null, c.name()),
                    List.of(Condition.of(Conditions.READY, ConditionStatus.True, reason, msg)), d, 0));
        }

        List<ClassView> views = classes.stream().map(c -> new ClassView(c.name(), c.provisioner(), c.isDefault())).toList();
        for (PvcState p : pvcs.stream().sorted(Comparator.comparing(PvcState::namespace).thenComparing(PvcState::name)).toList()) {
            PvcAssessment.Verdict v = PvcAssessment.assess(p, views, csiDrivers);
            ObjectNode d = f.objectNode().put("phase", p.phase());
            if (v.storageClass() != null) {
                d.put("storageClass", v.storageClass());
            }
            out.add(new StatusEntry(new StatusEvent.Subject("v1", "PersistentVolumeClaim", p.namespace(), p.name()),
                    List.of(Condition.of(Conditions.READY, v.ready() ? ConditionStatus.True : ConditionStatus.False,
                            v.reason(), v.message())), d, 0));
        }
        return out;
    }

    /** A component entry for a pass that could not observe or apply (only Ready, with the reason). */
    public static StatusEntry failure(long generation, String reason, String message) {
        return new StatusEntry(null, List.of(Condition.of(Conditions.READY, ConditionStatus.False, reason, message)),
                null, generation);
    }

    /**
     * The component entry of a deregistered cluster whose Capstan classes are removed.
     *
     * @param generation the cluster's generation
     * @param removed    {@code Kind/name} of every object removed
     * @param kept       Capstan-managed objects kept because they are not this cluster's (messages of
     *                   {@code StoragePlanner.cleanup}), listed in {@code details.kept}
     */
    public static StatusEntry finalized(long generation, List<String> removed, List<String> kept) {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        ArrayNode r = d.putArray("removed");
        removed.forEach(r::add);
        if (!kept.isEmpty()) {
            ArrayNode k = d.putArray("kept");
            kept.forEach(k::add);
        }
        return new StatusEntry(null, List.of(
                Condition.of(Conditions.READY, ConditionStatus.False, "Deleting", "the cluster is deregistered"),
                Condition.of(Conditions.FINALIZED, ConditionStatus.True, "CleanedUp",
                        removed.size() + " object(s) managed by Capstan for this cluster removed; foreign classes untouched"
                        + (kept.isEmpty() ? "" : "; kept (not this cluster's): " + String.join(", ", kept)))), d, generation);
    }

    /**
     * True when {@code cluster} demoted the class: {@code capstan.io/default-demoted-by=storage/<cluster>}, or the
     * value {@code storage} of older versions when this cluster owns the default (a registration with
     * {@code ownsDefault=false} never claims a demotion).
     */
    private static boolean demotedByUs(StorageClassState c, String cluster, boolean ownsDefault) {
        String by = c.annotations().get(Ownership.DEMOTED_BY_ANNOTATION);
        return !c.ownedBy(cluster) && !c.isDefault()
                && (Ownership.demotedBy(cluster).equals(by) || ownsDefault && Ownership.OWNER.equals(by));
    }

    private static String join(JsonNode arr) {
        List<String> s = new ArrayList<>();
        arr.forEach(n -> s.add(n.asText()));
        return String.join(", ", s);
    }
}
