package io.capstan.dns.reconcile;

import io.capstan.dns.provider.DnsProvider;
import io.capstan.dns.provider.ProviderException;
import io.capstan.dns.provider.RecordSet;
import io.capstan.dns.provider.ZoneChanges;
import io.capstan.sandbox.dns.DnsZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A service stopped between two UPDATE messages of one zone (the first message applied, the rest never sent), then
 * a new instance with nothing in memory: against a real BIND 9, the zone ends with every record exactly once and every
 * ownership marker exactly once, no orphan marker and no orphan record, foreign records untouched; the same for a
 * deregistration cut short. No Kafka or Quarkus: the reconciler's pass is run directly, as the work queue would.
 */
class CrashBetweenBatchesTest {

    static final List<String> FOREIGN = List.of("@ 300 IN TXT \"v=spf1 -all\"", "@ 300 IN MX 10 mail.example.com.",
            "hand 300 IN A 192.0.2.250");
    static Bind bind;

    @BeforeAll
    static void start() {
        bind = Bind.start("crash", new DnsZone("example.com", FOREIGN));
    }

    @AfterAll
    static void stop() {
        bind.close();
    }

    /** Applies only the first {@code batch} record sets of the first apply, then "dies". */
    static DnsProvider dyingAfterFirstBatch(DnsProvider real, int batch, AtomicBoolean died) {
        return new DnsProvider() {
            @Override
            public List<RecordSet> records(String zone) throws ProviderException {
                return real.records(zone);
            }

            @Override
            public void apply(ZoneChanges c) throws ProviderException {
                if (died.get()) {
                    throw new ProviderException("killed", true, 0, null);
                }
                died.set(true);
                // the provider's own order: deletes, updates, creates; the first message holds the first `batch` of them
                List<RecordSet> deletes = c.deletes().subList(0, Math.min(batch, c.deletes().size()));
                int left = batch - deletes.size();
                List<RecordSet> creates = left <= 0 || !c.updateNew().isEmpty() ? List.of()
                        : c.creates().subList(0, Math.min(left, c.creates().size()));
                real.apply(new ZoneChanges(c.zone(), creates, List.of(), List.of(), deletes));
                throw new ProviderException("killed after the first UPDATE message", true, batch, null);
            }

            @Override
            public String describe() {
                return "dying " + real.describe();
            }

            @Override
            public void close() {
                real.close();
            }
        };
    }

    static List<String> owned(List<String> axfr) {
        List<String> out = new ArrayList<>(axfr);
        out.removeIf(l -> l.contains("v=spf1") || l.contains(" MX ") || l.startsWith("hand.") || l.contains(" NS ")
                || l.startsWith("ns1."));
        return out;
    }

    @Test
    void aPassKilledBetweenTwoUpdateMessagesLeavesNoOrphanAndNoDuplicateAfterRestart() throws Exception {
        List<String> foreignBefore = bind.axfr("example.com").stream().filter(l -> !owned(List.of(l)).contains(l)).toList();
        AtomicBoolean died = new AtomicBoolean();
        Passes first = new Passes(bind, 4, real -> dyingAfterFirstBatch(real, 4, died));
        String profile = first.profile("[\"example.com\"]", "[\"example.com\"]", "");
        first.register("alpha", profile, 1, false);
        for (int i = 0; i < 10; i++) {
            first.object("alpha", Passes.service("shop", "web-" + i, "web-" + i + ".example.com", "192.0.2." + (10 + i)));
        }
        assertThatThrownBy(() -> first.pass("alpha")).isInstanceOf(ProviderException.class);
        List<String> cut = owned(bind.axfr("example.com"));
        assertThat(cut).as("the first message (markers first) was applied, not the rest").hasSize(4)
                .allMatch(l -> l.contains(" TXT ") && l.contains("heritage=external-dns"));

        // "restart": a new instance, nothing in memory, same objects replayed
        Passes second = new Passes(bind, 4, p -> p);
        second.register("alpha", profile, 1, false);
        for (int i = 0; i < 10; i++) {
            second.object("alpha", Passes.service("shop", "web-" + i, "web-" + i + ".example.com", "192.0.2." + (10 + i)));
        }
        assertThat(second.pass("alpha")).isEqualTo("applied");
        List<String> zone = owned(bind.axfr("example.com"));
        for (int i = 0; i < 10; i++) {
            String name = "web-" + i + ".example.com.";
            assertThat(zone).as(name).filteredOn(l -> l.startsWith(name + " ")).containsExactly(
                    name + " 300 A 192.0.2." + (10 + i));
            assertThat(bind.dig("web-" + i + ".example.com", "A")).containsExactly("192.0.2." + (10 + i));
        }
        assertThat(zone).filteredOn(l -> l.contains("heritage=external-dns")).hasSize(10)
                .allMatch(l -> l.contains("external-dns/owner=alpha") && l.contains("external-dns/resource=service/shop/web-"));
        assertThat(zone).hasSize(20);
        assertThat(second.pass("alpha")).as("a third pass changes nothing").isEqualTo("unchanged");
        assertThat(bind.axfr("example.com")).containsAll(foreignBefore);

        // deregistration killed after its first message, then finished by a new instance
        AtomicBoolean died2 = new AtomicBoolean();
        Passes third = new Passes(bind, 4, real -> dyingAfterFirstBatch(real, 4, died2));
        third.register("alpha", profile, 2, true);
        assertThatThrownBy(() -> third.pass("alpha")).isInstanceOf(ProviderException.class);
        List<String> half = owned(bind.axfr("example.com"));
        assertThat(half).as("records go first, their markers after: no record is left without its marker")
                .hasSize(16);
        long records = half.stream().filter(l -> l.contains(" A ")).count();
        long markers = half.stream().filter(l -> l.contains("heritage=external-dns")).count();
        assertThat(markers).isGreaterThanOrEqualTo(records);
        Passes fourth = new Passes(bind, 4, p -> p);
        fourth.register("alpha", profile, 2, true);
        assertThat(fourth.pass("alpha")).isEqualTo("finalized");
        assertThat(owned(bind.axfr("example.com"))).isEmpty();
        assertThat(bind.axfr("example.com")).containsExactlyInAnyOrderElementsOf(foreignBefore);
        assertThat(fourth.status.get("alpha/dns").conditions()).anySatisfy(c -> {
            assertThat(c.type()).isEqualTo("Finalized");
            assertThat(c.reason()).isEqualTo("CleanedUp");
        });
    }
}
