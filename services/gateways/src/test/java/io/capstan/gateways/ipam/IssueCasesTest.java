package io.capstan.gateways.ipam;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three cases of issue 5 as sequential table rows through {@link AllocationPlanner} (pure: no cluster). Each
 * row is one reconcile pass over the full state; the previous pass's addresses come back through
 * {@link ServiceRequest#previous()} as they would from status.loadBalancer.ingress.
 */
class IssueCasesTest {

    static AddressPool pool(String name, boolean autoAssign, String... addresses) {
        return new AddressPool(name, AddressPool.Source.PROFILE, List.of(addresses).stream().map(AddressRange::parse).toList(),
                autoAssign, false, null, false);
    }

    static ServiceRequest svc(String name, int createdSecond) {
        return new ServiceRequest("default/" + name, "default", Map.of(), Map.of(), Instant.ofEpochSecond(createdSecond),
                List.of(IpFamily.IPv4), FamilyPolicy.SingleStack, List.of(), null, null, "", List.of(new Port("TCP", 80)),
                List.of(), null);
    }

    static ServiceRequest shared(String name, int created, String key, String proto, int port, String backend) {
        return new ServiceRequest("default/" + name, "default", Map.of(), Map.of(), Instant.ofEpochSecond(created),
                List.of(IpFamily.IPv4), FamilyPolicy.SingleStack, List.of(), null, key, backend,
                List.of(new Port(proto, port)), List.of(), null);
    }

    /** Feeds each Service its addresses of the last pass, as the cluster's Service status would. */
    static List<ServiceRequest> withStatus(List<ServiceRequest> reqs, AllocationPlanner.Plan last) {
        List<ServiceRequest> out = new ArrayList<>();
        for (ServiceRequest r : reqs) {
            Outcome o = last == null ? null : last.byKey().get(r.key());
            out.add(o == null ? r : r.withPrevious(o.addresses()));
        }
        return out;
    }

    static String ips(Outcome o) {
        return String.join(",", o.addresses().stream().map(IpAddress::toString).toList());
    }

    @Test
    void case1_aFullPoolMakesTheThirdServiceWaitAndAFreedAddressGoesToItWithoutAnEdit() {
        List<AddressPool> pools = List.of(pool("p", true, "192.0.2.10-192.0.2.11"));
        List<ServiceRequest> all = List.of(svc("s1", 1), svc("s2", 2), svc("s3", 3));

        AllocationPlanner.Plan p1 = AllocationPlanner.plan(pools, withStatus(all, null), Map.of());
        Map<String, Outcome> o = p1.byKey();
        assertThat(ips(o.get("default/s1"))).isEqualTo("192.0.2.10");
        assertThat(ips(o.get("default/s2"))).isEqualTo("192.0.2.11");
        assertThat(o.get("default/s3").state()).isEqualTo(AllocationState.Pending);
        assertThat(o.get("default/s3").reason()).isEqualTo("PoolExhausted");
        assertThat(o.get("default/s3").message()).contains("pool p");

        // s1 deleted; s3 unchanged (no edit): the next pass gives it .10, s2 keeps .11
        List<ServiceRequest> after = withStatus(List.of(svc("s2", 2), svc("s3", 3)), p1);
        Map<String, Outcome> o2 = AllocationPlanner.plan(pools, after, Map.of()).byKey();
        assertThat(ips(o2.get("default/s2"))).isEqualTo("192.0.2.11");
        assertThat(ips(o2.get("default/s3"))).isEqualTo("192.0.2.10");
        assertThat(o2.get("default/s3").state()).isEqualTo(AllocationState.Allocated);
    }

    @Test
    void case2_sharingNeedsTheSameKeyNoPortClashAndTheSameBackendEachRefusalWithItsReason() {
        List<AddressPool> pools = List.of(pool("one", true, "192.0.2.20/32"));
        List<ServiceRequest> all = List.of(
                shared("a", 1, "k1", "TCP", 80, "app=x"),
                shared("b", 2, "k1", "TCP", 80, "app=x"),
                shared("c", 3, "k1", "TCP", 443, "app=y"),
                shared("d", 4, "k1", "UDP", 80, "app=x"),
                shared("e", 5, "k2", "TCP", 8080, "app=x"));
        Map<String, Outcome> o = AllocationPlanner.plan(pools, all, Map.of()).byKey();
        assertThat(ips(o.get("default/a"))).isEqualTo("192.0.2.20");
        assertThat(ips(o.get("default/d"))).isEqualTo("192.0.2.20");
        assertThat(o.get("default/b")).extracting(Outcome::state, Outcome::reason)
                .containsExactly(AllocationState.Pending, "PortConflict");
        assertThat(o.get("default/b").message()).contains("TCP/80").contains("default/a");
        assertThat(o.get("default/c")).extracting(Outcome::state, Outcome::reason)
                .containsExactly(AllocationState.Pending, "BackendMismatch");
        assertThat(o.get("default/e")).extracting(Outcome::state, Outcome::reason)
                .containsExactly(AllocationState.Pending, "SharingKeyMismatch");
        assertThat(o.get("default/e").message()).contains("'k2'").contains("'k1'");

        // a restart (everything comes back from status) keeps every address and reason
        Map<String, Outcome> again = AllocationPlanner.plan(pools, withStatus(all, AllocationPlanner.plan(pools, all, Map.of())), Map.of()).byKey();
        for (String k : o.keySet()) {
            assertThat(again.get(k)).extracting(Outcome::state, Outcome::addresses, Outcome::reason)
                    .containsExactly(o.get(k).state(), o.get(k).addresses(), o.get(k).reason());
        }
    }

    @Test
    void case3_explicitAsksAreCheckedAgainstTheNamedPoolAndEveryPoolAndMayUseANonAutoPool() {
        List<AddressPool> pools = List.of(pool("pool-a", true, "192.0.2.0/28"), pool("pool-b", false, "198.51.100.0/28"));
        ServiceRequest x = svc("x", 1).withRequestedIps(List.of(IpAddress.parse("192.0.2.5")));
        x = new ServiceRequest(x.key(), x.namespace(), x.labels(), x.namespaceLabels(), x.created(), x.families(), x.policy(),
                x.requestedIps(), "pool-b", null, "", x.ports(), List.of(), null);
        ServiceRequest y = svc("y", 2).withRequestedIps(List.of(IpAddress.parse("203.0.113.7")));
        ServiceRequest z = svc("z", 3).withRequestedIps(List.of(IpAddress.parse("198.51.100.3")));
        ServiceRequest w = svc("w", 4);
        Map<String, Outcome> o = AllocationPlanner.plan(pools, List.of(x, y, z, w), Map.of()).byKey();
        assertThat(o.get("default/x")).extracting(Outcome::state, Outcome::reason)
                .containsExactly(AllocationState.Refused, "AddressNotInPool");
        assertThat(o.get("default/x").message()).contains("192.0.2.5").contains("pool-b").contains("pool-a");
        assertThat(o.get("default/y")).extracting(Outcome::state, Outcome::reason)
                .containsExactly(AllocationState.Refused, "AddressNotInAnyPool");
        assertThat(o.get("default/z")).extracting(Outcome::state, Outcome::pool).containsExactly(AllocationState.Allocated, "pool-b");
        assertThat(ips(o.get("default/z"))).isEqualTo("198.51.100.3");
        assertThat(o.get("default/w").pool()).isEqualTo("pool-a");
        assertThat(ips(o.get("default/w"))).isEqualTo("192.0.2.0");
    }
}
