package io.capstan.dns.plan;

import io.capstan.dns.endpoint.Endpoint;
import io.capstan.dns.endpoint.RecordTargets;
import io.capstan.dns.endpoint.SourceRef;
import io.capstan.dns.name.DnsNames;
import io.capstan.dns.name.InvalidNameException;
import io.capstan.dns.provider.RecordSet;
import io.capstan.dns.provider.ZoneChanges;
import io.capstan.dns.registry.MarkerNameException;
import io.capstan.dns.registry.MarkerNames;
import io.capstan.dns.registry.MarkerValue;
import io.capstan.dns.registry.ZoneRegistry;
import io.capstan.dns.registry.ZoneRegistry.Ownership;
import io.capstan.dns.zone.ZoneSelector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The pure planner of one owner (one cluster), as ExternalDNS's {@code plan/plan.go} with its TXT registry
 * ({@code registry/txt}) folded in: the zones' current record sets and the owner's desired endpoints in, one
 * {@link ZoneChanges} per zone and one {@link HostnameOutcome} per (hostname, source) out. No I/O, no clock; the same
 * input always gives the same plan, and planning again after applying a plan gives no change (no churn).
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Names and targets are normalised ({@link DnsNames}, {@link RecordTargets}): case, trailing dots, IDN, address
 *   spelling, target order and TTL 0 (= the default TTL) never cause a change. A bad name, target or type is an
 *   {@code Error} for that name; the rest of the batch is planned.</li>
 *   <li>A name is published in the most specific zone holding it ({@link ZoneSelector}); outside every zone or the
 *   domain filter it is an {@code Error} ({@code NoZone}, {@code Denied}).</li>
 *   <li>Ownership is the ExternalDNS TXT registry: a record set belongs to the owners named by the marker at
 *   {@link MarkerNames#markerName} (or, for adoption, at the legacy / un-replaced wildcard name). A record set with no
 *   marker value of this owner is never changed or deleted.</li>
 *   <li>Two resources of this owner claiming one name: the resource named by this owner's marker at that name keeps
 *   it; otherwise the earliest {@code createdAt}, then the smallest {@code kind/namespace/name}, wins. The others are
 *   {@code Conflict ClaimedByResource} naming the winner. The winner keeps the name while it has no targets.</li>
 *   <li>A name with a marker value of another owner is {@code Conflict HeldByOwner} naming that owner and resource, and
 *   is not touched; a record set in the way without any marker is {@code Conflict NotOwned}.</li>
 *   <li>Multi-cluster ({@link PlannerSettings#multiCluster()}, for A, AAAA, CNAME, NS records): when this owner opted in
 *   and every other owner's value at the name lists its targets ({@code capstan/targets}), the record set is shared:
 *   its targets are the union of all owners' targets; this owner's value lists its own targets; a pass adds this owner's
 *   desired targets and removes only targets this owner listed and no other owner lists. The TTL stays as the first
 *   owner set it. A CNAME can be shared only while all owners name the same target.</li>
 *   <li>CNAME: never at the zone apex ({@code Error CnameAtApex}), never beside other data of the same name
 *   ({@code CnameWithOtherData}), exactly one target; its marker is a different name ({@code cname-...}), and no
 *   marker is ever placed at a name that holds or will hold a CNAME ({@code MarkerNameCollision}).</li>
 *   <li>Policy: {@code create-only} creates only, {@code upsert-only} never deletes, {@code sync} also deletes record
 *   sets of this owner that are no longer asked for (and markers of this owner whose record set is gone).</li>
 *   <li>Order for crash safety: a record set is created after (never before) its marker, and deleted before it (see
 *   {@code ZoneDraft#changes}). A create is a record set that did not exist when read: providers send it with the
 *   RFC 2136 §2.4.5 prerequisite "RRset does not exist" (and updates with §2.4.2 "RRset exists (value dependent)"
 *   using {@code updateOld}); if someone else created it meanwhile the update fails, and the next pass reads their
 *   record set and reports {@code Conflict}.</li>
 * </ul>
 * Thread-safe (immutable).
 */
public final class Planner {

    private static final Set<String> SHAREABLE_TYPES = Set.of("A", "AAAA", "CNAME", "NS");

    private final PlannerSettings settings;
    private final MarkerNames markerNames;

    /** @param settings the owner's settings */
    public Planner(PlannerSettings settings) {
        this.settings = settings;
        this.markerNames = settings.markerNames();
    }

    /** The settings. */
    public PlannerSettings settings() {
        return settings;
    }

    /** One source's wishes for one hostname. */
    private static final class Claim {
        final SourceRef source;
        Instant createdAt;
        final Map<String, Set<String>> targets = new TreeMap<>();
        final Map<String, Long> ttls = new TreeMap<>();
        String errorReason;
        String errorMessage;

        Claim(SourceRef source, Instant createdAt) {
            this.source = source;
            this.createdAt = createdAt;
        }

        void error(String reason, String message) {
            if (errorReason == null) {
                errorReason = reason;
                errorMessage = message;
            }
        }
    }

    private static final Comparator<Claim> CLAIM_ORDER = Comparator
            .comparing((Claim c) -> c.createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(c -> c.source);

    /**
     * Plans one pass.
     *
     * @param current the current record sets of every zone this owner may use, keyed by zone name (any spelling; the
     *                zones of the plan are exactly these keys), as {@link io.capstan.dns.provider.DnsProvider#records}
     *                returns them
     * @param desired every desired endpoint of this owner (all its sources), in any order
     * @return the zone changes and one outcome per (hostname, source)
     * @throws InvalidNameException when a zone name (a key of {@code current}) is invalid: a configuration error
     */
    public Plan plan(Map<String, List<RecordSet>> current, List<Endpoint> desired) {
        ZoneSelector selector = new ZoneSelector(current.keySet());
        Map<String, List<RecordSet>> byZone = new TreeMap<>();
        current.forEach((z, sets) -> byZone.computeIfAbsent(DnsNames.normalizeZone(z), k -> new ArrayList<>()).addAll(sets));
        Map<String, ZoneRegistry> registries = new TreeMap<>();
        Map<String, ZoneDraft> drafts = new TreeMap<>();
        byZone.forEach((z, sets) -> {
            ZoneRegistry r = new ZoneRegistry(z, sets, markerNames, selector);
            registries.put(z, r);
            drafts.put(z, new ZoneDraft(r, settings.defaultTtl()));
        });

        List<HostnameOutcome> outcomes = new ArrayList<>();
        Set<String> protectedNames = new HashSet<>();
        Map<String, Map<SourceRef, Claim>> claims = new TreeMap<>();
        for (Endpoint ep : desired) {
            String name;
            try {
                name = DnsNames.normalize(ep.dnsName());
            } catch (InvalidNameException e) {
                outcomes.add(new HostnameOutcome(ep.dnsName().strip().toLowerCase(Locale.ROOT), null, ep.source(),
                        OutcomeState.Error, Reasons.INVALID_NAME, e.getMessage(), List.of(), null, false));
                continue;
            }
            protectedNames.add(name);
            Claim c = claims.computeIfAbsent(name, k -> new LinkedHashMap<>())
                    .computeIfAbsent(ep.source(), s -> new Claim(s, ep.createdAt()));
            if (ep.createdAt() != null && (c.createdAt == null || ep.createdAt().isBefore(c.createdAt))) {
                c.createdAt = ep.createdAt();
            }
            String type = ep.recordType().strip().toUpperCase(Locale.ROOT);
            if (!type.matches("[A-Z][A-Z0-9]{0,9}") || type.equals("SOA")) {
                c.error(Reasons.INVALID_RECORD_TYPE, "record type \"" + ep.recordType() + "\" of " + name
                        + " cannot be published (SOA and unknown types are refused)");
                continue;
            }
            try {
                List<String> t = RecordTargets.normalize(type, ep.targets());
                c.targets.computeIfAbsent(type, k -> new TreeSet<>()).addAll(t);
                long ttl = ep.ttl() == 0 ? settings.defaultTtl() : ep.ttl();
                c.ttls.merge(type, ttl, Math::min);
            } catch (IllegalArgumentException e) {
                c.error(Reasons.INVALID_TARGET, name + " " + type + ": " + e.getMessage());
            }
        }

        // names that several desired record names would give one marker (a configured wildcard replacement equal to
        // a real label): the wildcard loses
        Map<String, Set<String>> markerUsers = new HashMap<>();
        for (var entry : claims.entrySet()) {
            String name = entry.getKey();
            Optional<String> zone = selector.zoneOf(name);
            if (zone.isEmpty()) {
                continue;
            }
            for (Claim c : entry.getValue().values()) {
                for (String type : c.targets.keySet()) {
                    try {
                        markerUsers.computeIfAbsent(markerNames.markerName(name, type, zone.get()),
                                k -> new TreeSet<>()).add(name);
                    } catch (MarkerNameException e) {
                        // reported per name below
                    }
                }
            }
        }
        Map<String, Set<String>> desiredTypesByName = new HashMap<>();
        claims.forEach((n, m) -> m.values().forEach(c ->
                desiredTypesByName.computeIfAbsent(n, k -> new TreeSet<>()).addAll(c.targets.keySet())));

        // first what no source asks for any more: a marker may then take a name this pass frees
        if (settings.policy().mayDelete()) {
            for (ZoneRegistry reg : registries.values()) {
                deleteUnclaimed(reg, drafts.get(reg.zone()), protectedNames);
            }
        }
        for (var entry : claims.entrySet()) {
            String name = entry.getKey();
            List<Claim> list = new ArrayList<>(entry.getValue().values());
            list.sort(CLAIM_ORDER);
            if (!settings.domainFilter().matches(name)) {
                for (Claim c : list) {
                    outcomes.add(error(name, null, c, Reasons.DENIED, name
                            + " is outside the domains owner " + settings.ownerId() + " may use: "
                            + describe(settings.domainFilter())));
                }
                continue;
            }
            Optional<String> zone = selector.zoneOf(name);
            if (zone.isEmpty()) {
                for (Claim c : list) {
                    outcomes.add(error(name, null, c, Reasons.NO_ZONE, "no zone of owner " + settings.ownerId()
                            + " holds " + name + " (zones: " + String.join(", ", selector.zones()) + ")"));
                }
                continue;
            }
            planName(name, zone.get(), list, registries.get(zone.get()), drafts.get(zone.get()), markerUsers,
                    desiredTypesByName, outcomes);
        }

        if (settings.policy().mayDelete()) {
            for (ZoneRegistry reg : registries.values()) {
                deleteOrphanMarkers(reg, drafts.get(reg.zone()), protectedNames, desiredTypesByName);
            }
        }

        List<ZoneChanges> changes = new ArrayList<>();
        for (ZoneDraft d : drafts.values()) {
            ZoneChanges zc = d.changes();
            if (!zc.isEmpty()) {
                changes.add(zc);
            }
        }
        outcomes.sort(Comparator.comparing(HostnameOutcome::hostname).thenComparing(HostnameOutcome::source));
        return new Plan(changes, outcomes);
    }

    private static HostnameOutcome error(String name, String zone, Claim c, String reason, String message) {
        return new HostnameOutcome(name, zone, c.source, OutcomeState.Error, reason, message, List.of(), null, false);
    }

    private static HostnameOutcome conflict(String name, String zone, Claim c, String reason, String message, Holder h) {
        return new HostnameOutcome(name, zone, c.source, OutcomeState.Conflict, reason, message, List.of(), h, false);
    }

    /** Ownership of {@code (name, type)}, or empty when its marker cannot be named. */
    private static Optional<Ownership> ownership(ZoneRegistry reg, String name, String type) {
        try {
            return Optional.of(reg.ownership(name, type));
        } catch (MarkerNameException e) {
            return Optional.empty();
        }
    }

    private void planName(String name, String zone, List<Claim> claims, ZoneRegistry reg, ZoneDraft draft,
                          Map<String, Set<String>> markerUsers, Map<String, Set<String>> desiredTypesByName,
                          List<HostnameOutcome> outcomes) {
        String owner = settings.ownerId();

        // every type that has data here or is asked for, with its ownership
        Set<String> types = new TreeSet<>(reg.typesAt(name));
        claims.forEach(c -> types.addAll(c.targets.keySet()));
        Map<String, Ownership> own = new TreeMap<>();
        Set<String> lookup = new TreeSet<>(types);
        lookup.addAll(MarkerNames.KNOWN_TYPES);
        for (String t : lookup) {
            if (types.contains(t)) {
                ownership(reg, name, t).ifPresent(o -> own.put(t, o));
                continue;
            }
            // a marker left without its record set still claims the name
            try {
                String m = markerNames.markerName(name, t, zone);
                List<MarkerValue> values = reg.markersAt(m);
                if (!values.isEmpty()) {
                    own.put(t, new Ownership(values, m, false));
                }
            } catch (MarkerNameException e) {
                // no marker possible for this type
            }
        }

        // winner among this owner's resources
        Set<String> heldBy = new LinkedHashSet<>();
        own.values().forEach(o -> o.valueOf(owner).ifPresent(v -> heldBy.add(v.resource())));
        Claim winner = claims.stream().filter(c -> heldBy.contains(c.source.registryResource())).findFirst()
                .orElse(claims.get(0));
        for (Claim c : claims) {
            if (c != winner) {
                outcomes.add(conflict(name, zone, c, Reasons.CLAIMED_BY_RESOURCE, name + " is already claimed by "
                        + winner.source.registryResource() + " (owner " + owner + ")"
                        + (heldBy.contains(winner.source.registryResource()) ? ", which holds its ownership marker"
                        : ", the earliest claimant") + "; remove the hostname from " + c.source.registryResource()
                        + " or from the holder", new Holder(owner, winner.source.registryResource())));
            }
        }

        if (winner.errorReason != null) {
            outcomes.add(error(name, zone, winner, winner.errorReason, winner.errorMessage));
            return;
        }
        Set<String> wanted = winner.targets.keySet();
        if (wanted.contains("CNAME")) {
            if (name.equals(zone)) {
                outcomes.add(error(name, zone, winner, Reasons.CNAME_AT_APEX, "a CNAME cannot be published at the zone"
                        + " apex " + zone + ": it would sit beside the zone's SOA and NS records (RFC 1034 §3.6.2,"
                        + " RFC 2181 §10.1); use A/AAAA records for the apex"));
                return;
            }
            if (wanted.size() > 1) {
                outcomes.add(error(name, zone, winner, Reasons.CNAME_WITH_OTHER_DATA, name + " asks for a CNAME and "
                        + String.join(", ", wanted.stream().filter(t -> !t.equals("CNAME")).toList())
                        + " records; a CNAME cannot sit beside other data (RFC 1034 §3.6.2)"));
                return;
            }
            if (winner.targets.get("CNAME").size() > 1) {
                outcomes.add(error(name, zone, winner, Reasons.INVALID_TARGET, name + " asks for a CNAME with "
                        + winner.targets.get("CNAME").size() + " targets; a CNAME has exactly one (RFC 1034 §3.6.2)"));
                return;
            }
        }
        if (wanted.contains("TXT") && (draft.hasMarkers(name) || markerUsers.containsKey(name))) {
            outcomes.add(error(name, zone, winner, Reasons.MARKER_NAME_COLLISION, "the TXT record " + name
                    + " is (or will be) an ownership marker of another record; TXT text cannot be published there"));
            return;
        }
        Map<String, String> markerOf = new TreeMap<>();
        for (String t : wanted) {
            String m;
            try {
                m = markerNames.markerName(name, t, zone);
            } catch (MarkerNameException e) {
                outcomes.add(error(name, zone, winner, Reasons.MARKER_NAME_INVALID, e.getMessage()));
                return;
            }
            Set<String> typesAtMarker = new TreeSet<>(draft.typesAt(m));
            typesAtMarker.addAll(desiredTypesByName.getOrDefault(m, Set.of()));
            boolean collides = typesAtMarker.contains("CNAME") || typesAtMarker.contains("TXT")
                    || (markerUsers.getOrDefault(m, Set.of()).size() > 1 && DnsNames.isWildcard(name));
            if (collides) {
                outcomes.add(error(name, zone, winner, Reasons.MARKER_NAME_COLLISION, "the ownership marker of " + name
                        + " " + t + " would be the TXT record " + m + ", a name that holds or is asked for other"
                        + " records (a CNAME, or TXT text that is not a marker); change the name, the TXT"
                        + " prefix/suffix or the wildcard replacement"));
                return;
            }
            markerOf.put(t, m);
        }

        // other owners
        List<MarkerValue> foreign = new ArrayList<>();
        own.values().forEach(o -> foreign.addAll(o.others(owner)));
        boolean shareable = settings.multiCluster() && SHAREABLE_TYPES.containsAll(wanted)
                && winner.targets.values().stream().flatMap(Set::stream).allMatch(MarkerValue::listable);
        if (!foreign.isEmpty()) {
            boolean mergeable = shareable && foreign.stream().allMatch(MarkerValue::isShared);
            if (mergeable && wanted.contains("CNAME")) {
                Set<String> union = new TreeSet<>(winner.targets.get("CNAME"));
                foreign.forEach(v -> union.addAll(v.targets()));
                mergeable = union.size() <= 1;
            }
            if (!mergeable) {
                MarkerValue h = foreign.get(0);
                String why = !settings.multiCluster() ? "" : !shareable
                        ? " (only A, AAAA, CNAME and NS records can be shared)"
                        : foreign.stream().allMatch(MarkerValue::isShared) ? " (a shared CNAME needs one common target)"
                        : " (that owner has not opted in to multi-cluster records)";
                outcomes.add(conflict(name, zone, winner, Reasons.HELD_BY_OWNER, name + " is held by owner " + h.owner()
                        + (h.resource().isEmpty() ? "" : " (" + h.resource() + ")") + why
                        + "; Capstan does not touch it", new Holder(h.owner(), h.resource())));
                return;
            }
        }

        // record sets in the way that nobody owns
        for (String t : reg.typesAt(name)) {
            Ownership o = own.get(t);
            boolean unowned = o == null || o.values().isEmpty();
            boolean inTheWay = wanted.contains(t) || t.equals("CNAME") || wanted.contains("CNAME");
            if (unowned && inTheWay) {
                outcomes.add(conflict(name, zone, winner, Reasons.NOT_OWNED, "the " + t + " record set " + name
                        + " exists without an ownership marker; Capstan never changes records it does not own (add the"
                        + " marker " + (o == null ? "" : o.markerName() + " ") + "to hand it over)", null));
                return;
            }
        }

        // our own data of another type in the way of a CNAME (or our CNAME in the way of other data)
        List<String> ourStale = new ArrayList<>();
        for (String t : reg.typesAt(name)) {
            Ownership o = own.get(t);
            if (!wanted.contains(t) && o != null && o.ownedBy(owner)) {
                ourStale.add(t);
            }
        }
        boolean staleInTheWay = ourStale.stream().anyMatch(t -> t.equals("CNAME") || wanted.contains("CNAME"));
        if (staleInTheWay && !settings.policy().mayDelete()) {
            outcomes.add(new HostnameOutcome(name, zone, winner.source, OutcomeState.Pending, Reasons.POLICY,
                    "replacing the " + String.join(", ", ourStale) + " records of " + name + " needs a delete, which the"
                    + " policy " + settings.policy().wire() + " forbids", List.of(), null, false));
            return;
        }

        String resource = winner.source.registryResource();
        boolean changed = false;
        boolean created = false;
        boolean blocked = false;
        boolean waiting = false;
        List<RecordSet> records = new ArrayList<>();
        for (String t : wanted) {
            Set<String> want = winner.targets.get(t);
            List<String> cur = reg.data(name, t);
            List<String> curNorm = RecordTargets.normalizeLenient(t, cur);
            long curTtl = reg.get(name, t).map(RecordSet::ttl).orElse(-1L);
            Ownership o = own.get(t);
            if (want.isEmpty()) {
                waiting = true;
                if (!cur.isEmpty()) {
                    records.add(new RecordSet(name, t, curTtl, curNorm));
                }
                continue;
            }
            Optional<MarkerValue> ours = o == null ? Optional.empty() : o.valueOf(owner);
            List<MarkerValue> others = o == null ? List.of() : o.others(owner);
            Set<String> newData;
            long newTtl;
            MarkerValue newValue;
            if (shareable) {
                Set<String> ourOld = ours.map(v -> v.targets() != null ? v.targets() : Set.copyOf(curNorm)).orElse(Set.of());
                Set<String> othersListed = new TreeSet<>();
                others.forEach(v -> othersListed.addAll(v.targets()));
                newData = new TreeSet<>(curNorm);
                for (String x : ourOld) {
                    if (!othersListed.contains(x)) {
                        newData.remove(x);
                    }
                }
                newData.addAll(want);
                newTtl = curNorm.isEmpty() || others.isEmpty() ? winner.ttls.get(t) : curTtl;
                newValue = MarkerValue.shared(owner, resource, want);
            } else {
                newData = want;
                newTtl = winner.ttls.get(t);
                newValue = MarkerValue.of(owner, resource);
            }
            boolean exists = !cur.isEmpty();
            boolean dataChange = !exists || !new TreeSet<>(curNorm).equals(newData) || curTtl != newTtl;
            String m = markerOf.get(t);
            boolean markerChange = reg.markersAt(m).stream().noneMatch(v -> v.owner().equals(owner) && v.sameAs(newValue));
            if (exists && (dataChange || markerChange) && !settings.policy().mayUpdate()) {
                blocked = true;
                records.add(new RecordSet(name, t, curTtl, curNorm));
                continue;
            }
            if (markerChange) {
                draft.setMarker(m, owner, newValue);
                changed = true;
            }
            if (dataChange) {
                draft.setData(name, t, newData, newTtl);
                changed = true;
                created |= !exists;
            }
            records.add(new RecordSet(name, t, newTtl, List.copyOf(newData)));
        }

        if (settings.policy().mayDelete()) {
            for (String t : ourStale) {
                changed |= removeOurs(reg, draft, name, t, own.get(t));
            }
        }

        OutcomeState state = blocked || (waiting && records.isEmpty()) ? OutcomeState.Pending : OutcomeState.Published;
        String reason;
        String message;
        if (blocked) {
            reason = Reasons.POLICY;
            message = "the records of " + name + " differ from the desired ones but the policy "
                    + settings.policy().wire() + " forbids updates";
        } else if (state == OutcomeState.Pending) {
            reason = Reasons.NO_TARGETS;
            message = winner.source.registryResource() + " has no target for " + name + " yet";
        } else if (!changed) {
            reason = Reasons.PUBLISHED;
            message = name + " is published in zone " + zone;
        } else {
            reason = created ? Reasons.CREATED : Reasons.UPDATED;
            message = name + " is " + (created ? "created" : "updated") + " in zone " + zone + " by this pass";
        }
        outcomes.add(new HostnameOutcome(name, zone, winner.source, state, reason, message, records, null, changed));
    }

    /**
     * Removes this owner's part of {@code (name, type)}: the whole record set when it is ours alone, only the targets
     * our marker lists (and no other owner lists) when shared; and our value from its primary marker.
     *
     * @return true when something changed
     */
    private boolean removeOurs(ZoneRegistry reg, ZoneDraft draft, String name, String type, Ownership o) {
        String owner = settings.ownerId();
        if (o == null || !o.ownedBy(owner)) {
            return false;
        }
        List<MarkerValue> others = o.others(owner);
        List<String> curNorm = RecordTargets.normalizeLenient(type, reg.data(name, type));
        Set<String> left = new TreeSet<>();
        if (!others.isEmpty()) {
            MarkerValue ours = o.valueOf(owner).orElseThrow();
            if (ours.targets() == null || others.stream().anyMatch(v -> v.targets() == null)) {
                return false; // not a shared record set: several single owners, leave it (should not happen)
            }
            Set<String> othersListed = new TreeSet<>();
            others.forEach(v -> othersListed.addAll(v.targets()));
            left.addAll(curNorm);
            for (String x : ours.targets()) {
                if (!othersListed.contains(x)) {
                    left.remove(x);
                }
            }
        }
        long ttl = reg.get(name, type).map(RecordSet::ttl).orElse(settings.defaultTtl());
        draft.setData(name, type, left, ttl);
        try {
            draft.setMarker(markerNames.markerName(name, type, reg.zone()), owner, null);
        } catch (MarkerNameException e) {
            // owned through an alternate marker only: removed with the orphan markers
        }
        return true;
    }

    /** Sync: record sets of this owner at names no source asks for any more. */
    private void deleteUnclaimed(ZoneRegistry reg, ZoneDraft draft, Set<String> protectedNames) {
        for (RecordSet rs : reg.recordSets().values()) {
            if (protectedNames.contains(rs.name()) || !settings.domainFilter().matches(rs.name())
                    || !reg.hasData(rs.name(), rs.type())) {
                continue;
            }
            ownership(reg, rs.name(), rs.type()).ifPresent(o -> removeOurs(reg, draft, rs.name(), rs.type(), o));
        }
    }

    /**
     * Sync: this owner's marker values whose record sets are gone (after this pass) and not asked for: left by a pass
     * cut short, by adoption of legacy markers, or by the removal of a type. A marker whose record set cannot be
     * worked out is left alone.
     */
    private void deleteOrphanMarkers(ZoneRegistry reg, ZoneDraft draft, Set<String> protectedNames,
                                     Map<String, Set<String>> desiredTypesByName) {
        String owner = settings.ownerId();
        // the markers of record sets that stay or are asked for: kept without working anything out
        Set<String> live = new HashSet<>();
        for (RecordSet rs : reg.recordSets().values()) {
            if (!draft.data(rs.name(), rs.type()).isEmpty()) {
                try {
                    live.add(markerNames.markerName(rs.name(), rs.type(), reg.zone()));
                } catch (MarkerNameException ignored) {
                    // no marker name
                }
            }
        }
        desiredTypesByName.forEach((name, types) -> {
            if (DnsNames.isAtOrBelow(name, reg.zone())) {
                for (String t : types) {
                    try {
                        live.add(markerNames.markerName(name, t, reg.zone()));
                    } catch (MarkerNameException ignored) {
                        // no marker name
                    }
                }
            }
        });
        for (var e : reg.markerSets().entrySet()) {
            String marker = e.getKey();
            if (live.contains(marker) || e.getValue().stream().noneMatch(v -> v.owner().equals(owner))) {
                continue;
            }
            List<MarkerNames.Owned> candidates = markerNames.recordsOf(marker, reg.zone());
            if (candidates.isEmpty()) {
                continue;
            }
            boolean needed = false;
            for (MarkerNames.Owned c : candidates) {
                if (!settings.domainFilter().matches(c.name())) {
                    needed = true; // not ours to judge
                    break;
                }
                if (c.type() == null) {
                    needed |= protectedNames.contains(c.name())
                            || draft.typesAt(c.name()).stream().anyMatch(t -> !t.equals("AAAA") && !t.equals("TXT"));
                } else {
                    needed |= !draft.data(c.name(), c.type()).isEmpty()
                            || desiredTypesByName.getOrDefault(c.name(), Set.of()).contains(c.type())
                            || (protectedNames.contains(c.name()) && !desiredTypesByName.containsKey(c.name()));
                }
            }
            if (!needed) {
                draft.setMarker(marker, owner, null);
            }
        }
    }

    /** The domain filter as a person reads it: {@code a.example, b.example (except x.a.example)}, or {@code any}. */
    private static String describe(io.capstan.dns.zone.DomainFilter f) {
        String in = f.includes().isEmpty() ? "any domain" : String.join(", ", f.includes());
        return f.excludes().isEmpty() ? in : in + " (except " + String.join(", ", f.excludes()) + ")";
    }
}
