package io.capstan.sandbox.dns;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real BIND 9 {@code named} (Debian package bind9) serving the given zones on 127.0.0.1, as a child process of
 * this JVM, for tests and the sandbox. It accepts RFC 2136 dynamic UPDATE and RFC 5936 AXFR signed with one RFC 8945
 * TSIG key that it generates (random 256-bit secret), and nothing unsigned but queries.
 *
 * <p>Files under the directory it is given (created if absent, rewritten on every {@link #start()}):
 * {@code named.conf}; {@code key.conf}, the key in the {@code tsig-keygen} format that {@code nsupdate -k},
 * {@code dig -k} and {@code named} accept (mode 0600); {@code zones/<zone>.zone} and their journals;
 * {@code named.log} (named's own output, {@code named -g}); {@code named.pid}. Every start begins the zones again
 * from their initial records.
 *
 * <p>Config (BIND 9.18 ARM): {@code listen-on port <port> { 127.0.0.1; }}, no IPv6, {@code recursion no},
 * {@code dnssec-validation no}, {@code notify no}, {@code controls { }} (no rndc channel), and per zone
 * {@code update-policy { grant <key> zonesub ANY; }} and {@code allow-transfer { key <key>; }}. named runs as the
 * user of this JVM (as root here it keeps root, so the zone journals are writable; no {@code -u}).
 *
 * <p>{@link #stop()} (or {@link #close()}) stops named and waits for it; a JVM shutdown hook does the same if the
 * owner forgets, and a named left by a killed JVM on the same directory is stopped by the next start. Files stay
 * for inspection. The secret is never logged and not part of {@link #toString()}. The key is generated once per
 * directory: a {@code key.conf} left there by an earlier server with the same key name and algorithm is reused, so a
 * restarted sandbox keeps the key its clients hold (the zones, though, start again from their initial records).
 */
public final class BindServer implements AutoCloseable {

    /** Key name used unless another is given. */
    public static final String DEFAULT_KEY_NAME = "capstan-key";
    /** TSIG algorithms named accepts for the key (RFC 8945 §6; hmac-md5 left out on purpose). */
    public static final Set<String> ALGORITHMS = Set.of("hmac-sha1", "hmac-sha224", "hmac-sha256", "hmac-sha384",
        "hmac-sha512");
    private static final String NAMED = "/usr/sbin/named";

    private final Path dir;
    private final List<DnsZone> zones;
    private final String keyName;
    private final String algorithm;
    private final int requestedPort;
    private final ChildServer child = new ChildServer("named");
    private final String secret;
    private volatile int port;

    /**
     * A server with key {@value #DEFAULT_KEY_NAME} (hmac-sha256) on a free port.
     *
     * @param dir   private directory for config, zones and log (for example {@code target/bind})
     * @param zones the zones to serve, at least one
     */
    public BindServer(Path dir, List<DnsZone> zones) {
        this(dir, zones, DEFAULT_KEY_NAME, "hmac-sha256", 0);
    }

    /**
     * @param dir       private directory for config, zones and log
     * @param zones     the zones to serve, at least one
     * @param keyName   TSIG key name, a DNS name without trailing dot ({@code capstan-key})
     * @param algorithm one of {@link #ALGORITHMS}
     * @param port      UDP and TCP port on 127.0.0.1, or 0 for a free one
     * @throws IllegalArgumentException on no zone, an unknown algorithm or a bad key name
     */
    public BindServer(Path dir, List<DnsZone> zones, String keyName, String algorithm, int port) {
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath();
        this.zones = List.copyOf(zones);
        if (this.zones.isEmpty()) {
            throw new IllegalArgumentException("at least one zone");
        }
        if (keyName == null || !keyName.matches("[A-Za-z0-9][A-Za-z0-9.-]*")) {
            throw new IllegalArgumentException("bad key name: " + keyName);
        }
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("algorithm must be one of " + ALGORITHMS + ": " + algorithm);
        }
        this.keyName = keyName;
        this.algorithm = algorithm;
        this.requestedPort = port;
        this.secret = storedSecret(this.dir.resolve("key.conf"), keyName, algorithm).orElseGet(() -> {
            byte[] random = new byte[algorithm.equals("hmac-sha512") || algorithm.equals("hmac-sha384") ? 64 : 32];
            new SecureRandom().nextBytes(random);
            return Base64.getEncoder().encodeToString(random);
        });
    }

    /**
     * The secret of a key file this class wrote before in the same directory for the same key name and algorithm, so
     * a restarted sandbox keeps the key its clients were given.
     */
    private static Optional<String> storedSecret(Path keyFile, String keyName, String algorithm) {
        if (!Files.isRegularFile(keyFile)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(keyFile, StandardCharsets.US_ASCII);
            Matcher m = Pattern.compile("key \"([^\"]+)\" \\{\\s*algorithm ([a-z0-9-]+);\\s*secret \"([A-Za-z0-9+/=]+)\";")
                .matcher(text);
            if (m.find() && m.group(1).equals(keyName) && m.group(2).equals(algorithm)) {
                return Optional.of(m.group(3));
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: a fresh key
        }
        return Optional.empty();
    }

    /**
     * Writes the config, starts named and waits until it answers the first zone's SOA (about 0.3 s here). A port
     * picked by this class that turns out busy is replaced, up to three times.
     *
     * @return this
     * @throws IOException when named is missing, exits or does not answer within 30 s (message with its log's tail)
     * @throws IllegalStateException when already started
     */
    public synchronized BindServer start() throws IOException {
        if (child.isAlive()) {
            throw new IllegalStateException("already started");
        }
        if (!Files.isExecutable(Path.of(NAMED))) {
            throw new IOException(NAMED + " not found: install the Debian package bind9 (.ci/prepare does)");
        }
        Files.createDirectories(dir);
        ChildServer.stopOrphan(dir.resolve("named.pid"), "named");
        int attempts = requestedPort == 0 ? 3 : 1;
        for (int attempt = 1; ; attempt++) {
            port = requestedPort == 0 ? freeDnsPort() : requestedPort;
            writeFiles();
            Files.deleteIfExists(logFile());
            try {
                child.start(List.of(NAMED, "-g", "-4", "-c", dir.resolve("named.conf").toString()), dir,
                    dir.resolve("named.log"), port, zones.get(0).name(), Duration.ofSeconds(30));
                return this;
            } catch (IOException e) {
                if (attempt >= attempts || !e.getMessage().contains("address in use")) {
                    throw e;
                }
            }
        }
    }

    private void writeFiles() throws IOException {
        Path zoneDir = dir.resolve("zones");
        Files.createDirectories(zoneDir);
        try (var old = Files.list(zoneDir)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        Path keyFile = keyFile();
        Files.deleteIfExists(keyFile);
        Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile, "key \"" + keyName + "\" {\n\talgorithm " + algorithm + ";\n\tsecret \"" + secret
            + "\";\n};\n", StandardCharsets.US_ASCII);
        StringBuilder conf = new StringBuilder()
            .append("# written by io.capstan.sandbox.dns.BindServer\n")
            .append("include \"").append(keyFile).append("\";\n")
            .append("options {\n")
            .append("\tdirectory \"").append(dir).append("\";\n")
            .append("\tpid-file \"").append(dir.resolve("named.pid")).append("\";\n")
            .append("\tsession-keyfile \"").append(dir.resolve("session.key")).append("\";\n")
            .append("\tmanaged-keys-directory \"").append(dir).append("\";\n")
            .append("\tlisten-on port ").append(port).append(" { 127.0.0.1; };\n")
            .append("\tlisten-on-v6 { none; };\n")
            .append("\trecursion no;\n")
            .append("\tdnssec-validation no;\n")
            .append("\tnotify no;\n")
            .append("\tallow-query { any; };\n")
            .append("};\n")
            .append("controls { };\n");
        for (DnsZone zone : zones) {
            Path file = zoneDir.resolve(zone.name() + ".zone");
            Files.writeString(file, zone.masterFile(), StandardCharsets.UTF_8);
            conf.append("zone \"").append(zone.name()).append("\" {\n")
                .append("\ttype primary;\n")
                .append("\tfile \"").append(file).append("\";\n")
                .append("\tupdate-policy { grant \"").append(keyName).append("\" zonesub ANY; };\n")
                .append("\tallow-transfer { key \"").append(keyName).append("\"; };\n")
                .append("};\n");
        }
        Files.writeString(dir.resolve("named.conf"), conf, StandardCharsets.UTF_8);
    }

    /** A port free for both TCP and UDP on 127.0.0.1 when asked. */
    static int freeDnsPort() {
        for (int i = 0; i < 20; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int candidate = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(candidate, InetAddress.getLoopbackAddress())) {
                    return candidate;
                } catch (IOException busy) {
                    // UDP side taken: try another
                }
            } catch (IOException e) {
                throw new IllegalStateException("no free port", e);
            }
        }
        throw new IllegalStateException("no port free for both TCP and UDP");
    }

    /** @return {@code 127.0.0.1} */
    public String host() {
        return "127.0.0.1";
    }

    /** @return the UDP/TCP port (valid after {@link #start()}) */
    public int port() {
        return port;
    }

    /** @return the TSIG key name, without trailing dot */
    public String keyName() {
        return keyName;
    }

    /** @return the TSIG algorithm name as BIND writes it, for example {@code hmac-sha256} */
    public String keyAlgorithm() {
        return algorithm;
    }

    /** @return the TSIG secret, base64 (a credential: never log it) */
    public String secret() {
        return secret;
    }

    /** @return the key file ({@code key.conf}) for {@code nsupdate -k} and {@code dig -k} */
    public Path keyFile() {
        return dir.resolve("key.conf");
    }

    /** @return the directory holding config, zones and log */
    public Path directory() {
        return dir;
    }

    /** @return named's log ({@code named -g} output) */
    public Path logFile() {
        return dir.resolve("named.log");
    }

    /** @return the zones served */
    public List<DnsZone> zones() {
        return zones;
    }

    /** @return the pid of named, or -1 when stopped */
    public long pid() {
        return child.pid();
    }

    /** @return whether named runs */
    public boolean isRunning() {
        return child.isAlive();
    }

    /** Stops named (SIGTERM, SIGKILL after 10 s) and waits for it to exit; idempotent. */
    public void stop() {
        child.stop();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        zones.forEach(z -> names.add(z.name()));
        return "BindServer[127.0.0.1:" + port + ", key " + keyName + " (" + algorithm + "), zones " + names + "]";
    }
}
