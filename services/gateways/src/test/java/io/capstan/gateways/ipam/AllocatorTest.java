package io.capstan.gateways.ipam;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Table tests of the pure allocator beyond the cases (MetalLB's allocator_test.go shape). */
class AllocatorTest {

    static AddressPool pool(String name, boolean avoidBuggy, ServiceAllocation sa, String... addresses) {
        return new AddressPool(name, AddressPool.Source.CLUSTER, List.of(addresses).stream().map(AddressRange::parse).toList(),
                true, avoidBuggy, sa, false);
    }

    static ServiceRequest req(String key, List<IpFamily> fams, FamilyPolicy pol) {
        return new ServiceRequest(key, key.split("/")[0], Map.of(), Map.of(), Instant.EPOCH, fams, pol, List.of(), null, null, "",
                List.of(new Port("TCP", 80)), List.of(), null);
    }

    @Test
    void addressesParseAndPrintCanonically() {
        assertThat(IpAddress.parse("fc00:f853:0ccd:e799::").toString()).isEqualTo("fc00:f853:ccd:e799::");
        assertThat(IpAddress.parse("2001:db8:0:0:1:0:0:1").toString()).isEqualTo("2001:db8::1:0:0:1");
        assertThat(IpAddress.parse("::ffff:192.0.2.1").toString()).isEqualTo("::ffff:c000:201");
        assertThat(IpAddress.parse("192.0.2.255").confusesBuggyFirmware()).isTrue();
        assertThatThrownBy(() -> IpAddress.parse("192.0.2")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> IpAddress.parse("example.com")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> AddressRange.parse("192.0.2.0/33")).hasMessageContaining("exceeds 32");
        assertThatThrownBy(() -> AddressRange.parse("192.0.2.1/24")).hasMessageContaining("host bits");
        assertThatThrownBy(() -> AddressRange.parse("192.0.2.1")).hasMessageContaining("prefix length is required");
        assertThatThrownBy(() -> AddressRange.parse("192.0.2.9-192.0.2.1")).hasMessageContaining("ends before");
        assertThat(AddressRange.parse("fc00:f853:0ccd:e799::/124").size().intValue()).isEqualTo(16);
    }

    @Test
    void avoidBuggyIpsSkipsDotZeroAndDot255() {
        Allocator a = new Allocator(List.of(pool("p", true, null, "192.0.2.255/32", "198.51.100.0/30")), Map.of());
        Outcome o = a.allocate(req("ns/s", List.of(IpFamily.IPv4), FamilyPolicy.SingleStack));
        assertThat(o.addresses()).containsExactly(IpAddress.parse("198.51.100.1"));
        assertThat(a.poolFor(IpAddress.parse("192.0.2.255"))).isNull();
    }

    @Test
    void dualStackTakesOneAddressPerFamilyFromOnePoolAndPreferFallsBackToThePrimary() {
        Allocator a = new Allocator(List.of(pool("v4", false, null, "192.0.2.0/30"),
                pool("dual", false, null, "198.51.100.8/30", "fc00:f853:ccd:e799::/124")), Map.of());
        Outcome d = a.allocate(req("ns/d", List.of(IpFamily.IPv6, IpFamily.IPv4), FamilyPolicy.RequireDualStack));
        assertThat(d.pool()).isEqualTo("dual");
        assertThat(d.addresses()).extracting(IpAddress::toString).containsExactly("fc00:f853:ccd:e799::", "198.51.100.8");
        Outcome six = a.allocate(req("ns/six", List.of(IpFamily.IPv6), FamilyPolicy.SingleStack));
        assertThat(six.addresses()).extracting(IpAddress::toString).containsExactly("fc00:f853:ccd:e799::1");
        Outcome pref = a.allocate(req("ns/pref", List.of(IpFamily.IPv4, IpFamily.IPv6), FamilyPolicy.PreferDualStack));
        assertThat(pref.addresses()).hasSize(2);
        Outcome none = new Allocator(List.of(pool("v4", false, null, "192.0.2.0/30")), Map.of())
                .allocate(req("ns/x", List.of(IpFamily.IPv6), FamilyPolicy.SingleStack));
        assertThat(none).extracting(Outcome::state, Outcome::reason).containsExactly(AllocationState.Refused, "NoSuitablePool");
    }

    @Test
    void serviceAllocationPinsPoolsByPriorityNamespaceAndSelector() {
        LabelSelector appBar = new LabelSelector(Map.of(), List.of(new LabelSelector.Requirement("app", "In", java.util.Set.of("bar"))));
        AddressPool pinned = pool("pinned", false, new ServiceAllocation(50, List.of("namespace-a"), List.of(), List.of(appBar)), "192.168.20.0/30");
        AddressPool high = pool("high", false, new ServiceAllocation(10, List.of("namespace-a"), List.of(), List.of()), "192.168.30.0/32");
        AddressPool general = pool("general", false, null, "10.0.0.0/30");
        Allocator a = new Allocator(List.of(pinned, high, general), Map.of());
        ServiceRequest bar = new ServiceRequest("namespace-a/bar", "namespace-a", Map.of("app", "bar"), Map.of(), Instant.EPOCH,
                null, null, null, null, null, "", List.of(), List.of(), null);
        assertThat(a.allocate(bar).pool()).isEqualTo("high");
        ServiceRequest bar2 = new ServiceRequest("namespace-a/bar2", "namespace-a", Map.of("app", "bar"), Map.of(), Instant.EPOCH,
                null, null, null, null, null, "", List.of(), List.of(), null);
        assertThat(a.allocate(bar2).pool()).isEqualTo("pinned");
        ServiceRequest other = ServiceRequest.simple("namespace-b/x", List.of());
        assertThat(a.allocate(other).pool()).isEqualTo("general");
        ServiceRequest asks = other.withRequestedIps(List.of(IpAddress.parse("192.168.20.2")));
        assertThat(new Allocator(List.of(pinned), Map.of()).allocate(asks).reason()).isEqualTo("PoolNotAllowed");
    }

    @Test
    void fleetWideAddressesHeldByAnotherClusterAreSkippedAndExplicitAsksWait() {
        AddressPool fleet = new AddressPool("fleet", AddressPool.Source.PROFILE, List.of(AddressRange.parse("192.0.2.40/30")),
                true, false, null, true);
        Allocator a = new Allocator(List.of(fleet), Map.of(IpAddress.parse("192.0.2.40"), "beta"));
        assertThat(a.allocate(ServiceRequest.simple("ns/a", List.of())).addresses()).extracting(IpAddress::toString)
                .containsExactly("192.0.2.41");
        Outcome o = a.allocate(ServiceRequest.simple("ns/b", List.of()).withRequestedIps(List.of(IpAddress.parse("192.0.2.40"))));
        assertThat(o).extracting(Outcome::state, Outcome::reason).containsExactly(AllocationState.Pending, "HeldByOtherCluster");
        assertThat(o.message()).contains("beta");
    }

    @Test
    void overlappingOrDuplicatePoolsAreLeftOutWithTheirReason() {
        PoolSet s = PoolSet.of(List.of(pool("a", false, null, "192.0.2.0/28")),
                List.of(pool("b", false, null, "192.0.2.8-192.0.2.20"), pool("a", false, null, "10.0.0.0/8"), pool("c", false, null, "10.0.0.0/8")),
                List.of());
        assertThat(s.valid()).extracting(AddressPool::name).containsExactly("a", "c");
        assertThat(s.invalid()).extracting(PoolSet.InvalidPool::name, PoolSet.InvalidPool::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "DuplicateName"), org.assertj.core.groups.Tuple.tuple("b", "Overlap"));
    }

    @Test
    void aRestoredAddressIsKeptBeforeAnyNewAllocationEvenForAYoungerService() {
        AddressPool p = pool("p", false, null, "192.0.2.10/31");
        ServiceRequest old = new ServiceRequest("ns/old", "ns", null, null, Instant.ofEpochSecond(1), null, null, null, null, null, "", List.of(), List.of(), null);
        ServiceRequest young = new ServiceRequest("ns/young", "ns", null, null, Instant.ofEpochSecond(9), null, null, null, null, null, "", List.of(),
                List.of(IpAddress.parse("192.0.2.10")), null);
        Map<String, Outcome> o = AllocationPlanner.plan(List.of(p), List.of(old, young), Map.of()).byKey();
        assertThat(o.get("ns/young").addresses()).extracting(IpAddress::toString).containsExactly("192.0.2.10");
        assertThat(o.get("ns/old").addresses()).extracting(IpAddress::toString).containsExactly("192.0.2.11");
    }
}
