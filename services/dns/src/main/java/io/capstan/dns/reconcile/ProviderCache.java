package io.capstan.dns.reconcile;

import io.capstan.dns.profile.ProviderSpec;
import io.capstan.dns.profile.SecretRef;
import io.capstan.dns.provider.DnsProvider;
import io.capstan.dns.provider.ProviderException;
import io.capstan.dns.provider.memory.InMemoryProvider;
import io.capstan.dns.provider.powerdns.PowerDnsConfig;
import io.capstan.dns.provider.powerdns.PowerDnsProvider;
import io.capstan.dns.provider.rfc2136.Rfc2136Config;
import io.capstan.dns.provider.rfc2136.Rfc2136Provider;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds and caches the {@link DnsProvider} a profile names ({@code dns.provider}). Credentials are read from the
 * management namespace through {@link SecretReader} on every call (so a rotated key takes effect at the next pass)
 * and compared by SHA-256 only; a provider whose spec or secret changed is closed and rebuilt. The in-memory provider
 * is one instance for the whole service (every cluster naming no server shares its zones, as clusters share a real
 * server), serving each zone a profile lists from the first pass that needs it. Thread-safe.
 */
public final class ProviderCache implements ProviderSource, AutoCloseable {

    /** Reads one key of a Secret of the management namespace. */
    @FunctionalInterface
    public interface SecretReader {
        /**
         * @return the decoded value, empty when the Secret or the key is absent
         * @throws RuntimeException when the management API server cannot be read
         */
        Optional<String> read(SecretRef ref);
    }

    private static final Logger LOG = Logger.getLogger(ProviderCache.class);

    private record Cached(String fingerprint, DnsProvider provider) {
    }

    private final SecretReader secrets;
    private final Duration timeout;
    private final int maxRecordSetsPerMessage;
    private final InMemoryProvider memory;
    private final Set<String> memoryZones = ConcurrentHashMap.newKeySet();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /**
     * @param secrets                 reads credentials
     * @param timeout                 per DNS message ({@code capstan.dns.provider.timeout})
     * @param maxRecordSetsPerMessage record sets per UPDATE message ({@code capstan.dns.provider.max-record-sets-per-message})
     */
    public ProviderCache(SecretReader secrets, Duration timeout, int maxRecordSetsPerMessage) {
        this.secrets = secrets;
        this.timeout = timeout;
        this.maxRecordSetsPerMessage = maxRecordSetsPerMessage;
        this.memory = new InMemoryProvider(maxRecordSetsPerMessage);
    }

    /** The shared in-memory provider (the sandbox's zones when no server is configured). */
    public InMemoryProvider memory() {
        return memory;
    }

    /**
     * The provider of a spec, serving {@code zones}.
     *
     * @throws ProviderSetupException when its Secret or key is missing
     */
    @Override
    public DnsProvider provider(ProviderSpec spec, List<String> zones) {
        switch (spec.type()) {
            case MEMORY -> {
                for (String z : zones) {
                    if (memoryZones.add(z)) {
                        try {
                            memory.records(z);
                        } catch (ProviderException e) {
                            memory.addZone(z);
                        }
                    }
                }
                return memory;
            }
            case RFC2136 -> {
                String secret = secret(spec.secretRef(), "TSIG secret");
                String fp = spec + "|" + spec.tsigAlgorithm() + "|" + sha256(secret);
                return cached(spec.toString(), fp, () -> {
                    int colon = spec.server().lastIndexOf(':');
                    String host = spec.server().substring(0, colon).replace("[", "").replace("]", "");
                    int port = Integer.parseInt(spec.server().substring(colon + 1));
                    return new Rfc2136Provider(new Rfc2136Config(host, port, spec.tsigKeyName(), spec.tsigAlgorithm(),
                            secret, timeout, maxRecordSetsPerMessage, false));
                });
            }
            case PDNS -> {
                String key = secret(spec.secretRef(), "PowerDNS API key");
                String fp = spec + "|" + spec.serverId() + "|" + sha256(key);
                return cached(spec.toString(), fp, () -> new PowerDnsProvider(new PowerDnsConfig(
                        java.net.URI.create(spec.server()), key, spec.serverId(), timeout, maxRecordSetsPerMessage)));
            }
            default -> throw new ProviderSetupException("ProviderUnavailable", "provider type " + spec.type().value()
                    + " is not available in this build");
        }
    }

    private String secret(SecretRef ref, String what) {
        Optional<String> v;
        try {
            v = secrets.read(ref);
        } catch (RuntimeException e) {
            throw new ProviderSetupException("ProviderSecretUnreadable", "cannot read the " + what + " Secret "
                    + ref.name() + ": " + e.getClass().getSimpleName());
        }
        return v.filter(s -> !s.isBlank()).map(String::strip).orElseThrow(() -> new ProviderSetupException(
                "ProviderSecretMissing", "the " + what + " is not in Secret " + ref.name() + " key " + ref.key()
                + " of the management namespace"));
    }

    private DnsProvider cached(String id, String fingerprint, java.util.function.Supplier<DnsProvider> build) {
        Cached c = cache.compute(id, (k, old) -> {
            if (old != null && old.fingerprint().equals(fingerprint)) {
                return old;
            }
            if (old != null) {
                old.provider().close();
                LOG.infof("DNS provider %s: settings or credential changed; rebuilt", id);
            }
            return new Cached(fingerprint, build.get());
        });
        return c.provider();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        cache.values().forEach(c -> c.provider().close());
        cache.clear();
        memory.close();
    }
}
