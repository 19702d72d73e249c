package io.capstan.gateways.ipam;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests of the allocator (jqwik): over random sequences of allocations, explicit assignments and releases
 * on a small pool (so that addresses are contended), no address is held by two Services without a compatible sharing
 * key (same key, same backend, disjoint ports), and a refused call changes nothing.
 */
class AllocatorPropertyTest {

    record Op(int kind, int svc, String key, String backend, int port, int ip) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 7),
                Arbitraries.of("", "k1", "k2"),
                Arbitraries.of("", "app=x", "app=y"),
                Arbitraries.of(80, 443),
                Arbitraries.integers().between(0, 4)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(40);
    }

    static ServiceRequest request(Op o) {
        return new ServiceRequest("ns/s" + o.svc(), "ns", Map.of(), Map.of(), Instant.EPOCH, null, null, List.of(), null,
                o.key(), o.backend(), List.of(new Port(o.port() == 80 ? "TCP" : "UDP", o.port())), List.of(), null);
    }

    @Property(tries = 400)
    void noAddressIsHeldByTwoServicesWithoutACompatibleSharingKeyAndAFailureChangesNothing(@ForAll("ops") List<Op> ops) {
        AddressPool p = new AddressPool("p", AddressPool.Source.PROFILE,
                List.of(AddressRange.parse("192.0.2.1-192.0.2.3")), true, false, null, false);
        Allocator a = new Allocator(List.of(p), Map.of());
        Map<String, ServiceRequest> held = new java.util.HashMap<>();
        for (Op o : ops) {
            ServiceRequest r = request(o);
            Map<String, String> before = a.snapshot();
            switch (o.kind()) {
                case 0 -> {
                    Outcome out = a.allocate(r);
                    if (out.allocated()) {
                        held.putIfAbsent(r.key(), r);
                    } else {
                        assertThat(a.snapshot()).isEqualTo(before);
                    }
                }
                case 1 -> {
                    Optional<Refusal> ref = a.assign(r, List.of(IpAddress.parse("192.0.2." + o.ip())));
                    if (ref.isEmpty()) {
                        held.put(r.key(), r);
                    } else {
                        assertThat(a.snapshot()).isEqualTo(before);
                    }
                }
                default -> {
                    a.release(r.key());
                    held.remove(r.key());
                }
            }
            for (Map.Entry<IpAddress, List<String>> e : a.usage().entrySet()) {
                assertThat(p.contains(e.getKey())).isTrue();
                List<String> holders = e.getValue();
                if (holders.size() < 2) {
                    continue;
                }
                Set<Port> ports = new HashSet<>();
                ServiceRequest first = held.get(holders.get(0));
                for (String h : holders) {
                    ServiceRequest s = held.get(h);
                    assertThat(s.sharingKey()).as("sharing key of %s on %s", h, e.getKey()).isNotNull().isEqualTo(first.sharingKey());
                    assertThat(s.backendKey()).isEqualTo(first.backendKey());
                    for (Port port : s.ports()) {
                        assertThat(ports.add(port)).as("port %s on %s used twice", port, e.getKey()).isTrue();
                    }
                }
            }
        }
    }
}
