package io.capstan.gateways.ipam;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * MetalLB-compatible address allocator for one cluster: pools and the addresses Services hold, nothing else (no
 * client, no I/O, not thread-safe; one instance per reconcile pass). Follows MetalLB's
 * {@code internal/allocator/allocator.go}:
 * <ul>
 *   <li>an explicit address ({@code spec.loadBalancerIP}, {@code metallb.io/loadBalancerIPs}) must lie in a pool
 *   (not skipped by {@code avoidBuggyIPs}) that serves the Service, and in the named pool when
 *   {@code metallb.io/address-pool} is set; a pool with {@code autoAssign: false} serves explicit requests;</li>
 *   <li>automatic allocation tries, in order, the pools with a {@code serviceAllocation} selecting the Service
 *   (ascending priority, unset last, then by name), then the {@code autoAssign} pools without one (by name); inside a
 *   pool the ranges in order and the lowest free address first;</li>
 *   <li>an address already used may be given to another Service only when both carry the same
 *   {@code metallb.io/allow-shared-ip} key, have equal backend keys (both {@code externalTrafficPolicy: Cluster}, or
 *   the same selector) and no protocol+port in common;</li>
 *   <li>addresses of a fleet-wide pool held by another cluster are never given.</li>
 * </ul>
 * A failed {@link #assign} or {@link #allocate} changes nothing. The pools passed in are never modified.
 */
public final class Allocator {

    private record Held(String pool, List<IpAddress> ips, List<Port> ports, String sharingKey, String backendKey) {
    }

    private static final class Use {
        final String sharingKey;
        final String backendKey;
        final Map<Port, String> ports = new HashMap<>();
        final TreeSet<String> services = new TreeSet<>();

        Use(String sharingKey, String backendKey) {
            this.sharingKey = sharingKey;
            this.backendKey = backendKey;
        }
    }

    private final List<AddressPool> pools;
    private final Map<String, AddressPool> byName = new LinkedHashMap<>();
    private final Map<IpAddress, String> heldElsewhere;
    private final Map<String, Held> allocated = new HashMap<>();
    private final Map<IpAddress, Use> uses = new HashMap<>();
    /** per range: every address before it is unusable for a Service without a sharing key (valid until a release) */
    private final Map<AddressRange, BigInteger> hints = new HashMap<>();

    /**
     * @param pools         valid, non-overlapping pools with unique names ({@link PoolSet} checks this)
     * @param heldElsewhere addresses of fleet-wide pools claimed by other clusters, to the holding cluster's name
     */
    public Allocator(List<AddressPool> pools, Map<IpAddress, String> heldElsewhere) {
        List<AddressPool> sorted = new ArrayList<>(pools);
        sorted.sort(Comparator.comparing(AddressPool::name));
        this.pools = List.copyOf(sorted);
        this.pools.forEach(p -> byName.put(p.name(), p));
        this.heldElsewhere = heldElsewhere == null ? Map.of() : Map.copyOf(heldElsewhere);
    }

    /** The pool holding the address, or null. */
    public AddressPool poolFor(IpAddress ip) {
        for (AddressPool p : pools) {
            if (p.contains(ip)) {
                return p;
            }
        }
        return null;
    }

    /** The pool of that name, or null. */
    public AddressPool pool(String name) {
        return byName.get(name);
    }

    /** Addresses held by a Service, empty when none. */
    public List<IpAddress> addresses(String key) {
        Held h = allocated.get(key);
        return h == null ? List.of() : h.ips();
    }

    /** The Services holding an address, sorted. */
    public List<String> holders(IpAddress ip) {
        Use u = uses.get(ip);
        return u == null ? List.of() : List.copyOf(u.services);
    }

    /** Every held address to its holders, sorted by address. */
    public Map<IpAddress, List<String>> usage() {
        Map<IpAddress, List<String>> out = new TreeMap<>();
        uses.forEach((ip, u) -> out.put(ip, List.copyOf(u.services)));
        return out;
    }

    /**
     * A comparable copy of the whole state (Service to pool, addresses, ports, keys), for tests that prove a failed
     * call changed nothing.
     */
    public Map<String, String> snapshot() {
        Map<String, String> out = new TreeMap<>();
        allocated.forEach((k, h) -> out.put(k, h.toString()));
        uses.forEach((ip, u) -> out.put("ip:" + ip, u.sharingKey + "|" + u.backendKey + "|" + new TreeMap<>(u.ports) + "|" + u.services));
        return out;
    }

    /** Frees what the Service holds; true when it held something. */
    public boolean release(String key) {
        Held h = allocated.remove(key);
        if (h == null) {
            return false;
        }
        for (IpAddress ip : h.ips()) {
            Use u = uses.get(ip);
            u.services.remove(key);
            u.ports.values().removeIf(key::equals);
            if (u.services.isEmpty()) {
                uses.remove(ip);
            }
        }
        hints.clear();
        return true;
    }

    /**
     * Gives exactly these addresses to the Service, replacing what it held, when every rule allows it.
     *
     * @param req the Service
     * @param ips one address, or two of different families
     * @return empty when granted, else why not (and nothing changed)
     */
    public Optional<Refusal> assign(ServiceRequest req, List<IpAddress> ips) {
        Refusal r = check(req, ips);
        if (r != null) {
            return Optional.of(r);
        }
        commit(req, ips);
        return Optional.empty();
    }

    /**
     * Serves one Service: its explicit addresses, else an address of its named pool, else the first free address of
     * the pools that may serve it. A Service that already holds addresses keeps them.
     *
     * @return Allocated with the addresses, or Pending/Refused with the specific reason (nothing changed then)
     */
    public Outcome allocate(ServiceRequest req) {
        Objects.requireNonNull(req, "req");
        if (allocated.containsKey(req.key())) {
            Held h = allocated.get(req.key());
            return granted(req, h.ips(), h.pool());
        }
        if (req.invalid() != null) {
            return outcome(req, Refusal.refused("InvalidRequest", req.invalid()), req.requestedPool());
        }
        if (!req.requestedIps().isEmpty()) {
            return allocateExplicit(req);
        }
        List<AddressPool> candidates;
        if (req.requestedPool() != null) {
            AddressPool p = byName.get(req.requestedPool());
            if (p == null) {
                return outcome(req, Refusal.refused("UnknownPool", "address pool '" + req.requestedPool()
                        + "' (metallb.io/address-pool) does not exist"), req.requestedPool());
            }
            if (!serves(p, req)) {
                return outcome(req, Refusal.refused("PoolNotAllowed", "pool " + p.name()
                        + " does not serve this Service (its serviceAllocation selects other namespaces or Services)"), p.name());
            }
            candidates = List.of(p);
        } else {
            candidates = autoPools(req);
        }
        return allocateFrom(req, candidates);
    }

    private Outcome allocateExplicit(ServiceRequest req) {
        List<IpAddress> ips = req.requestedIps();
        Refusal fam = familyCheck(req, ips);
        if (fam != null) {
            return outcome(req, fam, req.requestedPool());
        }
        if (req.requestedPool() != null && !byName.containsKey(req.requestedPool())) {
            return outcome(req, Refusal.refused("UnknownPool", "address pool '" + req.requestedPool()
                    + "' (metallb.io/address-pool) does not exist"), req.requestedPool());
        }
        for (IpAddress ip : ips) {
            AddressPool p = poolFor(ip);
            if (p == null) {
                return outcome(req, Refusal.refused("AddressNotInAnyPool", "requested address " + ip
                        + " is in no address pool"), req.requestedPool());
            }
            if (req.requestedPool() != null && !p.name().equals(req.requestedPool())) {
                return outcome(req, Refusal.refused("AddressNotInPool", "requested address " + ip + " is not in pool "
                        + req.requestedPool() + " (it belongs to pool " + p.name() + ")"), req.requestedPool());
            }
        }
        Optional<Refusal> r = assign(req, ips);
        return r.map(x -> outcome(req, x, poolFor(ips.get(0)).name()))
                .orElseGet(() -> granted(req, ips, poolFor(ips.get(0)).name()));
    }

    private static Refusal familyCheck(ServiceRequest req, List<IpAddress> ips) {
        if (ips.size() > 2 || (ips.size() == 2 && ips.get(0).family() == ips.get(1).family())) {
            return Refusal.refused("FamilyMismatch", "at most one requested address per IP family, got " + ips);
        }
        List<IpFamily> wanted = req.wantedFamilies();
        for (IpAddress ip : ips) {
            if (!wanted.contains(ip.family())) {
                return Refusal.refused("FamilyMismatch", "requested address " + ip + " is " + ip.family()
                        + " but the Service's ipFamilies are " + req.families());
            }
        }
        if (req.policy() != FamilyPolicy.PreferDualStack && ips.size() != wanted.size()) {
            return Refusal.refused("FamilyMismatch", "the Service (" + req.policy() + ", " + req.families()
                    + ") needs one requested address per family " + wanted + ", got " + ips);
        }
        return null;
    }

    /** Pinned pools (serviceAllocation selecting the Service) by priority, then the other autoAssign pools. */
    private List<AddressPool> autoPools(ServiceRequest req) {
        List<AddressPool> pinned = new ArrayList<>();
        List<AddressPool> rest = new ArrayList<>();
        for (AddressPool p : pools) {
            if (!p.autoAssign()) {
                continue;
            }
            if (p.serviceAllocation() != null) {
                if (p.serviceAllocation().serves(req.namespace(), req.namespaceLabels(), req.labels())) {
                    pinned.add(p);
                }
            } else {
                rest.add(p);
            }
        }
        pinned.sort(Comparator.<AddressPool>comparingInt(p -> p.priority() == 0 ? Integer.MAX_VALUE : p.priority())
                .thenComparing(AddressPool::name));
        pinned.addAll(rest);
        return pinned;
    }

    private Outcome allocateFrom(ServiceRequest req, List<AddressPool> candidates) {
        List<IpFamily> wanted = req.wantedFamilies();
        Refusal best = null;
        boolean tried = false;
        List<IpAddress> fallback = null;
        String fallbackPool = null;
        for (AddressPool p : candidates) {
            List<IpAddress> found = new ArrayList<>();
            for (IpFamily f : wanted) {
                if (p.ranges().stream().noneMatch(r -> r.family() == f)) {
                    continue;
                }
                tried = true;
                Refusal[] why = new Refusal[1];
                IpAddress a = findFree(p, f, req, why);
                if (a != null) {
                    found.add(a);
                } else if (why[0] != null && (best == null || why[0].specificity() > best.specificity())) {
                    best = why[0];
                }
            }
            if (found.size() == wanted.size()) {
                commit(req, found);
                return granted(req, found, p.name());
            }
            if (req.policy() == FamilyPolicy.PreferDualStack && !found.isEmpty()) {
                boolean primary = found.get(0).family() == req.families().get(0);
                if (fallback == null || (primary && fallback.get(0).family() != req.families().get(0))) {
                    fallback = found.subList(0, 1);
                    fallbackPool = p.name();
                }
            }
        }
        if (fallback != null) {
            commit(req, fallback);
            return granted(req, fallback, fallbackPool);
        }
        String names = String.join(", ", candidates.stream().map(AddressPool::name).toList());
        if (!tried) {
            return outcome(req, Refusal.refused("NoSuitablePool", candidates.isEmpty()
                    ? "no address pool with autoAssign serves this Service"
                    : "no pool among [" + names + "] has " + wanted + " addresses"), req.requestedPool());
        }
        String pool = candidates.size() == 1 ? candidates.get(0).name() : req.requestedPool();
        if (best == null || best.specificity() == 0) {
            return outcome(req, Refusal.pending("PoolExhausted", "no free " + wanted.get(0) + " address in pool"
                    + (candidates.size() == 1 ? " " : "s ") + names + "; waiting for one to be freed"), pool);
        }
        return outcome(req, best, pool);
    }

    /** The lowest address of the pool and family usable by the Service, or null (why[0] = the most specific refusal). */
    private IpAddress findFree(AddressPool p, IpFamily f, ServiceRequest req, Refusal[] why) {
        if (p.serviceAllocation() != null && !serves(p, req)) {
            return null;
        }
        for (AddressRange r : p.ranges()) {
            if (r.family() != f) {
                continue;
            }
            boolean advance = req.sharingKey() == null;
            BigInteger v = advance ? hints.getOrDefault(r, r.first().value()) : r.first().value();
            BigInteger last = r.last().value();
            for (; v.compareTo(last) <= 0; v = v.add(BigInteger.ONE)) {
                IpAddress a = new IpAddress(f, v);
                if (p.avoidBuggyIPs() && a.confusesBuggyFirmware()) {
                    continue;
                }
                Refusal x = usable(p, a, req);
                if (x == null) {
                    if (advance) {
                        hints.put(r, v);
                    }
                    return a;
                }
                if (why[0] == null || x.specificity() > why[0].specificity()) {
                    why[0] = x;
                }
            }
            if (advance) {
                hints.put(r, last.add(BigInteger.ONE));
            }
        }
        return null;
    }

    private boolean serves(AddressPool p, ServiceRequest req) {
        return p.serviceAllocation() == null
                || p.serviceAllocation().serves(req.namespace(), req.namespaceLabels(), req.labels());
    }

    /** Every rule for a whole assignment; null when allowed. */
    private Refusal check(ServiceRequest req, List<IpAddress> ips) {
        if (ips.isEmpty()) {
            return Refusal.refused("InvalidRequest", "no address to assign");
        }
        Refusal fam = familyCheck(req, ips);
        if (fam != null && req.policy() != FamilyPolicy.PreferDualStack) {
            return fam;
        }
        for (IpAddress ip : ips) {
            AddressPool p = poolFor(ip);
            if (p == null) {
                return Refusal.refused("AddressNotInAnyPool", "address " + ip + " is in no address pool");
            }
            if (!serves(p, req)) {
                return Refusal.refused("PoolNotAllowed", "pool " + p.name() + " of address " + ip
                        + " does not serve this Service (its serviceAllocation selects other namespaces or Services)");
            }
            Refusal r = usable(p, ip, req);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /** Sharing and fleet rules for one address; null when the Service may use it. */
    private Refusal usable(AddressPool p, IpAddress ip, ServiceRequest req) {
        if (p.fleetWide()) {
            String other = heldElsewhere.get(ip);
            if (other != null) {
                return Refusal.pending("HeldByOtherCluster", "address " + ip + " of fleet-wide pool " + p.name()
                        + " is held by cluster " + other);
            }
        }
        Use u = uses.get(ip);
        if (u == null) {
            return null;
        }
        List<String> others = u.services.stream().filter(s -> !s.equals(req.key())).toList();
        if (others.isEmpty()) {
            return null;
        }
        String by = String.join(", ", others);
        if (u.sharingKey == null) {
            return Refusal.pending("AddressInUse", "address " + ip + " is held by " + by + ", which does not allow sharing");
        }
        if (req.sharingKey() == null) {
            return Refusal.pending("AddressInUse", "address " + ip + " is shared by " + by + " under key '" + u.sharingKey
                    + "'; this Service has no metallb.io/allow-shared-ip key");
        }
        if (!u.sharingKey.equals(req.sharingKey())) {
            return Refusal.pending("SharingKeyMismatch", "sharing key '" + req.sharingKey() + "' does not match key '"
                    + u.sharingKey + "' of address " + ip + " (held by " + by + ")");
        }
        if (!u.backendKey.equals(req.backendKey())) {
            return Refusal.pending("BackendMismatch", "address " + ip + " is shared under key '" + u.sharingKey + "' by "
                    + by + " with " + describeBackend(u.backendKey) + ", this Service has " + describeBackend(req.backendKey())
                    + ": both must use externalTrafficPolicy Cluster or select the same pods");
        }
        for (Port port : req.ports()) {
            String holder = u.ports.get(port);
            if (holder != null && !holder.equals(req.key())) {
                return Refusal.pending("PortConflict", "port " + port + " is already in use on " + ip + " by " + holder);
            }
        }
        return null;
    }

    private static String describeBackend(String backendKey) {
        return backendKey.isEmpty() ? "externalTrafficPolicy Cluster"
                : "externalTrafficPolicy Local and selector " + backendKey;
    }

    private void commit(ServiceRequest req, List<IpAddress> ips) {
        release(req.key());
        AddressPool pool = poolFor(ips.get(0));
        allocated.put(req.key(), new Held(pool.name(), List.copyOf(ips), req.ports(), req.sharingKey(), req.backendKey()));
        for (IpAddress ip : ips) {
            Use u = uses.computeIfAbsent(ip, x -> new Use(req.sharingKey(), req.backendKey()));
            u.services.add(req.key());
            for (Port port : req.ports()) {
                u.ports.put(port, req.key());
            }
        }
    }

    private static Outcome granted(ServiceRequest req, List<IpAddress> ips, String pool) {
        return new Outcome(req.key(), AllocationState.Allocated, ips, pool, "Allocated",
                "holds " + String.join(", ", ips.stream().map(IpAddress::toString).toList()) + " from pool " + pool);
    }

    private static Outcome outcome(ServiceRequest req, Refusal r, String pool) {
        return new Outcome(req.key(), r.state(), List.of(), pool, r.reason(), r.message());
    }
}
