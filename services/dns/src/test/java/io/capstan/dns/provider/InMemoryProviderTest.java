package io.capstan.dns.provider;

import io.capstan.dns.provider.memory.InMemoryProvider;
import java.util.List;
import java.util.Optional;

/** {@link DnsProviderContract} for {@link InMemoryProvider} (no server: transfers are listings, no dig). */
class InMemoryProviderTest extends DnsProviderContract {

    private static final String ZONE = "memory.example.test";
    private final InMemoryProvider shared = new InMemoryProvider().addZone(ZONE, List.of(
        new RecordSet(ZONE, "TXT", 300, List.of("v=spf1 -all")),
        new RecordSet(ZONE, "MX", 300, List.of("10 mail.example.net")),
        new RecordSet("hand." + ZONE, "A", 120, List.of("192.0.2.10"))));
    private final InMemoryProvider small = new InMemoryProvider(100);

    @Override
    protected String zone() {
        return ZONE;
    }

    @Override
    protected DnsProvider provider(int maxRecordSetsPerMessage) {
        if (maxRecordSetsPerMessage == 100 || maxRecordSetsPerMessage == 1000) {
            // no message size in memory: a larger batch is the same provider
            return shared;
        }
        throw new UnsupportedOperationException("one batch size per in-memory zone");
    }

    @Override
    protected DnsProvider providerWithBadKey() {
        // no key at all: the nearest thing is a zone this provider does not serve
        return new BadZoneProvider(small);
    }

    @Override
    protected String badSecret() {
        return "no-secret-in-memory";
    }

    @Override
    protected Optional<DnsProvider> unreachableProvider() {
        return Optional.empty();
    }

    @Override
    protected List<String> zoneText() throws Exception {
        return shared.records(ZONE).stream()
            .flatMap(s -> s.targets().stream().map(t -> absolute(s.name()) + " " + s.ttl() + " IN " + s.type() + " "
                + t))
            .toList();
    }

    private static String absolute(String name) {
        return name + ".";
    }

    @Override
    protected Optional<Integer> dnsPort() {
        return Optional.empty();
    }

    /** Delegates to a provider that serves no zone, so every call fails as a refused one. */
    private record BadZoneProvider(InMemoryProvider delegate) implements DnsProvider {
        @Override
        public List<RecordSet> records(String zone) throws ProviderException {
            return delegate.records(zone);
        }

        @Override
        public void apply(ZoneChanges changes) throws ProviderException {
            delegate.apply(changes);
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        public void close() {
        }
    }
}
