package io.capstan.dns.provider.rfc2136;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where and how {@link Rfc2136Provider} talks to a primary name server.
 *
 * @param host                    server address or name, for example {@code 127.0.0.1}
 * @param port                    UDP/TCP port, usually 53
 * @param keyName                 TSIG key name (RFC 8945), without trailing dot, as the server knows it
 * @param keyAlgorithm            {@code hmac-sha256} (default), {@code hmac-sha512}, {@code hmac-sha384},
 *                                {@code hmac-sha224} or {@code hmac-sha1}
 * @param secret                  the key's secret, base64 (a credential: never printed by {@link #toString()})
 * @param timeout                 for the answer to one UPDATE message, and for a whole AXFR; default 10 s
 * @param maxRecordSetsPerMessage record sets per UPDATE message, default 100; a message also stays under the 64 KiB
 *                                DNS message limit
 * @param tcp                     always use TCP; otherwise UDP for messages up to 512 octets and TCP above (dnsjava's
 *                                {@code SimpleResolver}), AXFR always over TCP
 */
public record Rfc2136Config(String host, int port, String keyName, String keyAlgorithm, String secret,
                            Duration timeout, int maxRecordSetsPerMessage, boolean tcp) {

    /** The accepted algorithm names. */
    public static final Set<String> ALGORITHMS = Set.of("hmac-sha1", "hmac-sha224", "hmac-sha256", "hmac-sha384",
        "hmac-sha512");

    /** @throws IllegalArgumentException on a missing host/key, a port out of range, an unknown algorithm, a timeout
     *  that is not positive or a batch size below 1 */
    public Rfc2136Config {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(secret, "secret");
        keyAlgorithm = keyAlgorithm == null ? "hmac-sha256" : keyAlgorithm.toLowerCase(Locale.ROOT);
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        if (host.isBlank() || keyName.isBlank()) {
            throw new IllegalArgumentException("host and keyName must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (!ALGORITHMS.contains(keyAlgorithm)) {
            throw new IllegalArgumentException("keyAlgorithm must be one of " + ALGORITHMS + ": " + keyAlgorithm);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (maxRecordSetsPerMessage < 1) {
            throw new IllegalArgumentException("maxRecordSetsPerMessage must be at least 1");
        }
    }

    /** hmac-sha256, 10 s timeout, 100 record sets per message, UDP/TCP by size. */
    public static Rfc2136Config of(String host, int port, String keyName, String secret) {
        return new Rfc2136Config(host, port, keyName, "hmac-sha256", secret, Duration.ofSeconds(10), 100, false);
    }

    /** A copy with another batch size. */
    public Rfc2136Config withMaxRecordSetsPerMessage(int max) {
        return new Rfc2136Config(host, port, keyName, keyAlgorithm, secret, timeout, max, tcp);
    }

    /** A copy with another timeout. */
    public Rfc2136Config withTimeout(Duration value) {
        return new Rfc2136Config(host, port, keyName, keyAlgorithm, secret, value, maxRecordSetsPerMessage, tcp);
    }

    /** A copy with another key (name, algorithm, secret). */
    public Rfc2136Config withKey(String name, String algorithm, String value) {
        return new Rfc2136Config(host, port, name, algorithm, value, timeout, maxRecordSetsPerMessage, tcp);
    }

    /** A copy that always uses TCP (or not). */
    public Rfc2136Config withTcp(boolean value) {
        return new Rfc2136Config(host, port, keyName, keyAlgorithm, secret, timeout, maxRecordSetsPerMessage, value);
    }

    /** Everything but the secret. */
    @Override
    public String toString() {
        return "Rfc2136Config[" + host + ':' + port + ", key " + keyName + " (" + keyAlgorithm + "), timeout "
            + timeout + ", maxRecordSetsPerMessage " + maxRecordSetsPerMessage + (tcp ? ", tcp" : "") + ']';
    }
}
