package io.capstan.dns.provider.powerdns;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how {@link PowerDnsProvider} talks to the PowerDNS Authoritative HTTP API.
 *
 * @param apiUrl                  the webserver's base URL, for example {@code http://127.0.0.1:8081} (the API is
 *                                under {@code /api/v1})
 * @param apiKey                  the {@code X-API-Key} value (a credential: never printed by {@link #toString()})
 * @param serverId                the API's server id, {@code localhost} for the server itself
 * @param timeout                 connect and per-request timeout, default 10 s
 * @param maxRecordSetsPerRequest record sets per PATCH request, default 100
 */
public record PowerDnsConfig(URI apiUrl, String apiKey, String serverId, Duration timeout,
                             int maxRecordSetsPerRequest) {

    /** @throws IllegalArgumentException on a URL that is not absolute http(s), a blank key or server id, a timeout
     *  that is not positive, or a batch size below 1 */
    public PowerDnsConfig {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        serverId = serverId == null ? "localhost" : serverId;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        if (!"http".equals(apiUrl.getScheme()) && !"https".equals(apiUrl.getScheme()) || apiUrl.getHost() == null) {
            throw new IllegalArgumentException("apiUrl must be an absolute http(s) URL: " + apiUrl);
        }
        if (apiKey.isBlank() || serverId.isBlank()) {
            throw new IllegalArgumentException("apiKey and serverId must not be blank");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (maxRecordSetsPerRequest < 1) {
            throw new IllegalArgumentException("maxRecordSetsPerRequest must be at least 1");
        }
    }

    /** Server {@code localhost}, 10 s timeout, 100 record sets per request. */
    public static PowerDnsConfig of(String apiUrl, String apiKey) {
        return new PowerDnsConfig(URI.create(apiUrl), apiKey, "localhost", Duration.ofSeconds(10), 100);
    }

    /** A copy with another batch size. */
    public PowerDnsConfig withMaxRecordSetsPerRequest(int max) {
        return new PowerDnsConfig(apiUrl, apiKey, serverId, timeout, max);
    }

    /** A copy with another key. */
    public PowerDnsConfig withApiKey(String key) {
        return new PowerDnsConfig(apiUrl, key, serverId, timeout, maxRecordSetsPerRequest);
    }

    /** A copy with another timeout. */
    public PowerDnsConfig withTimeout(Duration value) {
        return new PowerDnsConfig(apiUrl, apiKey, serverId, value, maxRecordSetsPerRequest);
    }

    /** Everything but the key. */
    @Override
    public String toString() {
        return "PowerDnsConfig[" + apiUrl + ", server " + serverId + ", timeout " + timeout
            + ", maxRecordSetsPerRequest " + maxRecordSetsPerRequest + ']';
    }
}
