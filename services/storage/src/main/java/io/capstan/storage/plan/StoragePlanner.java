package io.capstan.storage.plan;

import io.capstan.storage.profile.ClassSpec;
import io.capstan.storage.profile.DesiredStorage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Diffs desired against observed storage into a {@link StoragePlan}. Pure and deterministic: values in, value out,
 * inputs never changed (in the manner of external-dns {@code plan/plan.go}).
 *
 * <p>Rules:
 * <ul>
 *   <li>Ownership is per registered cluster ({@link Ownership#claim}): an object is this cluster's only when it
 *   carries label {@code app.kubernetes.io/managed-by=capstan}, annotation {@code capstan.io/owner=storage} and
 *   annotation {@code capstan.io/cluster=<this cluster>}; everything Capstan writes carries all three. A
 *   Capstan-managed object of another cluster (the same API server registered twice) is foreign to this one. A
 *   Capstan-managed object without {@code capstan.io/cluster} (written before the annotation existed) is adopted
 *   only when this cluster's profile asks for its name: the next update stamps it; otherwise it is foreign too.</li>
 *   <li>Foreign objects are never changed nor deleted, with one
 *   exception: when {@code ownsDefault} is true, a class marked default under either annotation key that is NOT
 *   labelled {@code app.kubernetes.io/managed-by=capstan} is demoted (the key(s) saying {@code "true"} set to
 *   {@code "false"}, plus {@link Ownership#DEMOTED_BY_ANNOTATION} = {@code storage/<cluster>}).</li>
 *   <li>A default class managed by Capstan for another registration (the same API server registered twice) is never
 *   demoted: with {@code ownsDefault} this cluster reports {@code DefaultClass=False DefaultClassConflict} naming
 *   that cluster and class and marks none of its own classes default, so exactly one default remains and neither
 *   writes. If both hold a default at once (a race), the smaller cluster name keeps its own and the other yields.</li>
 *   <li>When {@code ownsDefault} is false and a foreign default exists, no Capstan class is marked default: one
 *   foreign default gives {@code DefaultClass=True ForeignDefaultKept}; several give
 *   {@code DefaultClass=False DefaultClassConflict} (Capstan does not own the decision, so it only reports).</li>
 *   <li>At most one Capstan class is ever marked default; every other owned class carries {@code "false"}.</li>
 *   <li>A desired name taken by a foreign object is a conflict: reported (naming the other cluster when the object
 *   is Capstan's for another cluster), never overwritten.</li>
 *   <li>An owned class whose immutable fields differ is deleted and created again; other drift is updated in place
 *   with the resourceVersion read; owned classes no longer desired are deleted.</li>
 * </ul>
 */
public final class StoragePlanner {

    private StoragePlanner() {
    }

    /**
     * Computes the plan.
     *
     * @param cluster         the registered cluster's name, written to {@link Ownership#CLUSTER_ANNOTATION}
     * @param desired         the resolved profile
     * @param observed        the cluster as read in this pass
     * @param profileRevision written to {@link Ownership#PROFILE_REVISION_ANNOTATION} of owned classes
     * @return the plan; empty when the cluster already matches
     */
    public static StoragePlan plan(String cluster, DesiredStorage desired, ObservedStorage observed, long profileRevision) {
        Map<String, StorageClassState> byName = new LinkedHashMap<>();
        observed.classes().forEach(c -> byName.put(c.name(), c));
        Map<String, SnapshotClassState> snapByName = new LinkedHashMap<>();
        observed.snapshotClasses().forEach(c -> snapByName.put(c.name(), c));
        Set<String> desiredNames = desired.classes().stream().map(ClassSpec::name).collect(Collectors.toSet());
        // this cluster's classes: owned, or legacy (no cluster annotation) with a desired name, adopted
        java.util.function.Predicate<StorageClassState> ours = c -> switch (c.claim(cluster)) {
            case OURS -> true;
            case LEGACY -> desiredNames.contains(c.name());
            default -> false;
        };

        List<String> conflicts = new ArrayList<>();
        Set<String> conflicting = new java.util.HashSet<>();
        for (ClassSpec c : desired.classes()) {
            StorageClassState existing = byName.get(c.name());
            if (existing != null && !ours.test(existing)) {
                conflicts.add(conflictMessage("StorageClass", c.name(), existing.claim(cluster), existing.cluster()));
                conflicting.add(c.name());
            }
        }

        // defaults that are not this cluster's: those of no Capstan registration may be demoted (ownsDefault); those
        // labelled managed-by=capstan (another registration of the same API server, or legacy) never are
        List<StorageClassState> otherDefaults = observed.classes().stream()
                .filter(c -> !ours.test(c) && c.isDefault())
                .sorted(Comparator.comparing(StorageClassState::name)).toList();
        List<StorageClassState> demotable = otherDefaults.stream().filter(c -> !Ownership.capstanLabelled(c.labels())).toList();
        List<StorageClassState> capstanDefaults = otherDefaults.stream().filter(c -> Ownership.capstanLabelled(c.labels())).toList();
        List<String> demotableNames = demotable.stream().map(StorageClassState::name).toList();

        // decide the default
        String ourDefault = null;
        boolean demote = false;
        DefaultDecision decision;
        String wanted = desired.defaultClass();
        StorageClassState wantedNow = wanted == null ? null : byName.get(wanted);
        // tie-break when two registrations both hold a default (they raced): the smaller cluster name keeps its own
        boolean keepOnTie = wantedNow != null && ours.test(wantedNow) && wantedNow.isDefault()
                && capstanDefaults.stream().allMatch(o -> o.cluster() != null && !o.cluster().isEmpty()
                && cluster.compareTo(o.cluster()) < 0);
        if (wanted != null && conflicting.contains(wanted)) {
            StorageClassState taken = byName.get(wanted);
            decision = new DefaultDecision(false, "ClassNameConflict", "the default class " + wanted
                    + " cannot be ensured: a StorageClass of that name exists and " + whose(taken.claim(cluster), taken.cluster()),
                    null, List.of());
        } else if (wanted != null && desired.ownsDefault() && !capstanDefaults.isEmpty() && !keepOnTie) {
            // never demote another Capstan registration's default, and do not add a second default next to it
            decision = new DefaultDecision(false, "DefaultClassConflict", capstanDefaults.stream()
                    .map(o -> "StorageClass " + o.name() + " (" + describe(o, cluster) + ")")
                    .collect(Collectors.joining(", ")) + (capstanDefaults.size() == 1 ? " is" : " are")
                    + " the default; ownsDefault never demotes a class managed by Capstan for another registration, so "
                    + "StorageClass " + wanted + " is not marked default (decide which registration owns the default"
                    + " and set ownsDefault=false on the other)", null, List.of());
        } else if (wanted != null && (desired.ownsDefault() || otherDefaults.isEmpty())) {
            ourDefault = wanted;
            demote = desired.ownsDefault() && !demotable.isEmpty();
            decision = new DefaultDecision(true, "DefaultClassEnsured", "StorageClass " + wanted + " is the default"
                    + (demote ? "; demoted foreign default " + String.join(", ", demotableNames) : "")
                    + (capstanDefaults.isEmpty() ? "" : "; " + capstanDefaults.stream()
                    .map(o -> "StorageClass " + o.name() + " (" + describe(o, cluster) + ")")
                    .collect(Collectors.joining(", ")) + " is default too and yields (the smaller cluster name keeps it)"),
                    wanted, demote ? demotableNames : List.of());
        } else if (otherDefaults.size() == 1) {
            StorageClassState only = otherDefaults.get(0);
            decision = new DefaultDecision(true, "ForeignDefaultKept", "StorageClass " + only.name()
                    + " (" + describe(only, cluster) + ") is the default"
                    + (wanted != null ? "; ownsDefault is false, so Capstan marks none of this cluster's classes default" : ""),
                    only.name(), List.of());
        } else if (otherDefaults.size() > 1) {
            decision = new DefaultDecision(false, "DefaultClassConflict", "StorageClasses " + otherDefaults.stream()
                    .map(o -> o.name() + " (" + describe(o, cluster) + ")").collect(Collectors.joining(", "))
                    + " are all marked default; set ownsDefault in the storage profile to let Capstan resolve it", null,
                    List.of());
        } else {
            decision = new DefaultDecision(false, "NoDefaultClass", "the cluster has no default StorageClass", null, List.of());
        }

        List<StorageClassUpdate> demotions = new ArrayList<>();
        if (demote) {
            for (StorageClassState f : demotable) {
                Map<String, String> ann = new TreeMap<>(f.annotations());
                for (String key : List.of(Ownership.DEFAULT_CLASS, Ownership.BETA_DEFAULT_CLASS)) {
                    if ("true".equals(ann.get(key))) {
                        ann.put(key, "false");
                    }
                }
                ann.put(Ownership.DEMOTED_BY_ANNOTATION, Ownership.demotedBy(cluster));
                demotions.add(new StorageClassUpdate(f, f.withAnnotations(ann)));
            }
        }

        List<StorageClassUpdate> updates = new ArrayList<>();
        List<StorageClassState> deletes = new ArrayList<>();
        List<StorageClassState> creates = new ArrayList<>();
        for (ClassSpec c : desired.classes()) {
            if (conflicting.contains(c.name())) {
                continue;
            }
            StorageClassState want = render(cluster, c, c.name().equals(ourDefault), profileRevision);
            StorageClassState existing = byName.get(c.name());
            if (existing == null) {
                creates.add(want);
            } else if (existing.immutableFieldsDiffer(want)) {
                deletes.add(existing);
                creates.add(want);
            } else {
                StorageClassState merged = merge(existing, want);
                if (!merged.equals(existing)) {
                    updates.add(new StorageClassUpdate(existing, merged));
                }
            }
        }
        for (StorageClassState o : observed.classes()) {
            if (o.ownedBy(cluster) && !desiredNames.contains(o.name())) {
                deletes.add(o);
            }
        }
        // demote before promote: updates that clear a default run first
        updates.sort(Comparator.comparing((StorageClassUpdate u) -> u.after().isDefault()).thenComparing(u -> u.after().name()));

        List<SnapshotClassUpdate> snapUpdates = new ArrayList<>();
        List<SnapshotClassState> snapDeletes = new ArrayList<>();
        List<SnapshotClassState> snapCreates = new ArrayList<>();
        if (observed.snapshotApiServed()) {
            Set<String> wantedSnaps = new java.util.HashSet<>();
            for (ClassSpec c : desired.classes()) {
                if (!c.snapshot() || conflicting.contains(c.name())) {
                    continue;
                }
                wantedSnaps.add(c.name());
                SnapshotClassState want = new SnapshotClassState(c.name(), c.provisioner(), c.reclaimPolicy(),
                        Map.of(Ownership.MANAGED_BY_LABEL, Ownership.MANAGED_BY),
                        Map.of(Ownership.OWNER_ANNOTATION, Ownership.OWNER, Ownership.CLUSTER_ANNOTATION, cluster), null);
                SnapshotClassState existing = snapByName.get(c.name());
                Ownership.Claim claim = existing == null ? null : existing.claim(cluster);
                if (existing == null) {
                    snapCreates.add(want);
                } else if (claim == Ownership.Claim.FOREIGN || claim == Ownership.Claim.OTHER_CLUSTER) {
                    conflicts.add(conflictMessage("VolumeSnapshotClass", c.name(), claim, existing.cluster()));
                } else if (!existing.driver().equals(want.driver()) || !existing.deletionPolicy().equals(want.deletionPolicy())) {
                    snapDeletes.add(existing);
                    snapCreates.add(want);
                } else if (claim == Ownership.Claim.LEGACY) {
                    // adoption: stamp the cluster annotation in place, keeping what others added
                    Map<String, String> ann = new TreeMap<>(existing.annotations());
                    ann.putAll(want.annotations());
                    snapUpdates.add(new SnapshotClassUpdate(existing, new SnapshotClassState(existing.name(),
                            existing.driver(), existing.deletionPolicy(), existing.labels(), ann, existing.resourceVersion())));
                }
            }
            for (SnapshotClassState s : observed.snapshotClasses()) {
                if (s.ownedBy(cluster) && !wantedSnaps.contains(s.name())) {
                    snapDeletes.add(s);
                }
            }
        }
        return new StoragePlan(demotions, updates, deletes, creates, snapUpdates, snapDeletes, snapCreates, conflicts,
                decision);
    }

    private static String conflictMessage(String kind, String name, Ownership.Claim claim, String otherCluster) {
        return kind + " " + name + " exists and " + whose(claim, otherCluster) + "; it is left as it is";
    }

    private static String whose(Ownership.Claim claim, String otherCluster) {
        return switch (claim) {
            case OTHER_CLUSTER -> "is owned by another cluster: managed by Capstan for cluster " + otherCluster
                    + " (OwnedByAnotherCluster)";
            case LEGACY -> "is managed by Capstan without a capstan.io/cluster annotation (not provably this cluster's)";
            case OURS -> "is this cluster's";
            case FOREIGN -> "is not managed by Capstan";
        };
    }

    /** Who manages a class that is not this cluster's, for messages. */
    private static String describe(StorageClassState c, String cluster) {
        if (!Ownership.capstanLabelled(c.labels())) {
            return "not managed by Capstan";
        }
        return switch (c.claim(cluster)) {
            case OTHER_CLUSTER -> "managed by Capstan for cluster " + c.cluster();
            case LEGACY -> "managed by Capstan without a capstan.io/cluster annotation";
            default -> "labelled " + Ownership.MANAGED_BY_LABEL + "=" + Ownership.MANAGED_BY + " by another Capstan component";
        };
    }

    /**
     * The plan that removes everything this cluster owns (a deregistered cluster): every StorageClass and
     * VolumeSnapshotClass whose {@link Ownership#CLUSTER_ANNOTATION} names {@code cluster} is deleted. Foreign
     * objects, objects of other clusters and legacy objects without the cluster annotation (which cannot be told
     * apart from another cluster's) are untouched; the Capstan-managed ones kept are listed in
     * {@link StoragePlan#conflicts()} ("StorageClass x is owned by cluster alpha; kept").
     *
     * @param cluster  the deregistered cluster's name
     * @param observed the cluster as read
     */
    public static StoragePlan cleanup(String cluster, ObservedStorage observed) {
        List<String> kept = new ArrayList<>();
        observed.classes().stream().filter(c -> c.managed() && !c.ownedBy(cluster))
                .forEach(c -> kept.add(keptMessage("StorageClass", c.name(), c.cluster())));
        observed.snapshotClasses().stream().filter(c -> c.managed() && !c.ownedBy(cluster))
                .forEach(c -> kept.add(keptMessage("VolumeSnapshotClass", c.name(), c.cluster())));
        return new StoragePlan(List.of(), List.of(),
                observed.classes().stream().filter(c -> c.ownedBy(cluster)).toList(), List.of(), List.of(),
                observed.snapshotClasses().stream().filter(c -> c.ownedBy(cluster)).toList(), List.of(), kept,
                new DefaultDecision(false, "CleanedUp", "Capstan's classes of cluster " + cluster + " are removed", null,
                        List.of()));
    }

    private static String keptMessage(String kind, String name, String otherCluster) {
        return kind + "/" + name + (otherCluster == null
                ? " (managed by Capstan without a capstan.io/cluster annotation; not provably this cluster's)"
                : " (owned by cluster " + otherCluster + ")");
    }

    /** The StorageClass Capstan writes for a profile class. */
    static StorageClassState render(String cluster, ClassSpec c, boolean isDefault, long revision) {
        return new StorageClassState(c.name(), c.provisioner(), c.parameters(), c.reclaimPolicy(), c.volumeBindingMode(),
                c.allowVolumeExpansion(), c.mountOptions(), c.allowedTopologies(),
                Map.of(Ownership.MANAGED_BY_LABEL, Ownership.MANAGED_BY),
                Map.of(Ownership.OWNER_ANNOTATION, Ownership.OWNER, Ownership.CLUSTER_ANNOTATION, cluster,
                        Ownership.PROFILE_REVISION_ANNOTATION, Long.toString(revision),
                        Ownership.DEFAULT_CLASS, Boolean.toString(isDefault)),
                null);
    }

    /** Existing owned (or adopted legacy) class with the desired mutable fields; keeps labels and annotations others added. */
    private static StorageClassState merge(StorageClassState existing, StorageClassState want) {
        Map<String, String> labels = new TreeMap<>(existing.labels());
        labels.putAll(want.labels());
        Map<String, String> ann = new TreeMap<>(existing.annotations());
        ann.putAll(want.annotations());
        if (ann.containsKey(Ownership.BETA_DEFAULT_CLASS)) {
            ann.put(Ownership.BETA_DEFAULT_CLASS, want.annotations().get(Ownership.DEFAULT_CLASS));
        }
        return new StorageClassState(existing.name(), existing.provisioner(), existing.parameters(),
                existing.reclaimPolicy(), existing.volumeBindingMode(), want.allowVolumeExpansion(), want.mountOptions(),
                existing.allowedTopologies(), labels, ann, existing.resourceVersion());
    }
}
