package io.capstan.certificates.report;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code capstan_certificate_expiration_timestamp_seconds{cluster,namespace,name,issuer}} gauge (Prometheus name
 * of the Micrometer gauge {@code capstan.certificate.expiration.timestamp}, base unit seconds): the notAfter of the
 * certificate in each Certificate's Secret, as Unix seconds, like cert-manager's
 * {@code certmanager_certificate_expiration_timestamp_seconds}. A series exists while the Certificate has an issued
 * certificate and this replica owns its cluster; it is removed when either stops. Thread-safe.
 */
public final class ExpiryGauges {

    /** Micrometer name; Prometheus adds {@code _seconds}. */
    public static final String NAME = "capstan.certificate.expiration.timestamp";

    private record Series(String cluster, String namespace, String name, String issuer) {
    }

    private final MeterRegistry meters;
    private final Map<Series, AtomicLong> values = new ConcurrentHashMap<>();
    private final Map<Series, Gauge> gauges = new ConcurrentHashMap<>();

    /** @param meters the registry */
    public ExpiryGauges(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * Sets the series of a cluster to exactly these Certificates (others of that cluster are removed).
     *
     * @param cluster cluster name
     * @param views   the pass's Certificates; those with a notAfter get a series
     */
    public void update(String cluster, java.util.List<CertificateView> views) {
        java.util.Set<Series> live = new java.util.HashSet<>();
        for (CertificateView v : views) {
            if (v.notAfter() == null) {
                continue;
            }
            Series s = new Series(cluster, v.namespace(), v.name(), v.issuer() == null ? "" : v.issuer().name());
            live.add(s);
            AtomicLong value = values.computeIfAbsent(s, k -> new AtomicLong());
            value.set(v.notAfter().getEpochSecond());
            gauges.computeIfAbsent(s, k -> Gauge.builder(NAME, value, AtomicLong::doubleValue)
                    .description("The date after which the certificate expires, Unix seconds")
                    .baseUnit("seconds")
                    .tags("cluster", k.cluster, "namespace", k.namespace, "name", k.name, "issuer", k.issuer)
                    .strongReference(true).register(meters));
        }
        for (Series s : java.util.List.copyOf(gauges.keySet())) {
            if (s.cluster.equals(cluster) && !live.contains(s)) {
                remove(s);
            }
        }
    }

    /** Removes every series of a cluster. */
    public void forget(String cluster) {
        for (Series s : java.util.List.copyOf(gauges.keySet())) {
            if (s.cluster.equals(cluster)) {
                remove(s);
            }
        }
    }

    private void remove(Series s) {
        Gauge g = gauges.remove(s);
        values.remove(s);
        if (g != null) {
            meters.remove(g);
        }
    }

    /** The current value of a series, for tests. */
    public java.util.Optional<Instant> value(String cluster, String namespace, String name) {
        return values.entrySet().stream().filter(e -> e.getKey().cluster.equals(cluster)
                        && e.getKey().namespace.equals(namespace) && e.getKey().name.equals(name))
                .map(e -> Instant.ofEpochSecond(e.getValue().get())).findFirst();
    }
}
