package io.capstan.dns.reconcile;

import io.capstan.dns.profile.ProviderSpec;
import io.capstan.dns.provider.DnsProvider;

import java.util.List;

/** Gives the {@link DnsProvider} a profile names ({@link ProviderCache} in the service). */
@FunctionalInterface
public interface ProviderSource {

    /**
     * @param spec  the profile's {@code dns.provider}
     * @param zones the zones the pass reads and changes
     * @return the provider, owned by the source (not closed by the caller)
     * @throws ProviderSetupException when its credential is missing or the type is unavailable
     */
    DnsProvider provider(ProviderSpec spec, List<String> zones);
}
