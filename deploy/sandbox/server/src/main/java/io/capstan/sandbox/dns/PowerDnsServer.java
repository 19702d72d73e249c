package io.capstan.sandbox.dns;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PowerDNS Authoritative Server 4.7 ({@code pdns_server}, Debian packages pdns-server and
 * pdns-backend-sqlite3) on 127.0.0.1, as a child process of this JVM, for tests and the sandbox: the gsqlite3 backend
 * in a database created from the schema the package ships, the HTTP API v1 and its webserver on a second loopback port
 * with a generated API key, AXFR allowed from loopback, no dynamic UPDATE.
 *
 * <p>Files under the directory it is given (rewritten on every {@link #start()}, so every start begins the zones
 * again from their initial records): {@code pdns.conf} (mode 0600: it holds the API key), {@code pdns.sqlite3},
 * {@code zones/<zone>.zone} (loaded with {@code pdnsutil load-zone} before the server starts, zone kind Native),
 * {@code pdns.log}, and the control socket and {@code pdns.pid} ({@code socket-dir}). The server runs with
 * {@code --config-dir} pointing there, {@code setuid}/{@code setgid} empty (it stays the user of this JVM),
 * {@code guardian=no}, {@code daemon=no}, no syslog, no security poll, no zone cache (a zone is seen at once).
 *
 * <p>{@link #stop()} stops the server and waits for it; a JVM shutdown hook does the same if the owner forgets, and a
 * server left by a killed JVM on the same directory is stopped by the next start. The API key is never logged and not
 * part of {@link #toString()}; it is generated once per directory (a {@code pdns.conf} left there by an earlier server
 * is read for it), so a restarted sandbox keeps the key its clients hold.
 */
public final class PowerDnsServer implements AutoCloseable {

    /** The API's server id. */
    public static final String SERVER_ID = "localhost";
    private static final String PDNS = "/usr/sbin/pdns_server";
    private static final String PDNSUTIL = "/usr/bin/pdnsutil";
    private static final List<Path> SCHEMAS = List.of(
        Path.of("/usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql"),
        Path.of("/usr/share/doc/pdns-backend-sqlite3/schema.sqlite3.sql"));

    private final Path dir;
    private final List<DnsZone> zones;
    private final ChildServer child = new ChildServer("pdns_server");
    private final String apiKey;
    private final int requestedDnsPort;
    private final int requestedApiPort;
    private volatile int dnsPort;
    private volatile int apiPort;

    /**
     * A server on free ports.
     *
     * @param dir   private directory for config, database and log (for example {@code target/pdns})
     * @param zones the zones to serve, at least one
     */
    public PowerDnsServer(Path dir, List<DnsZone> zones) {
        this(dir, zones, 0, 0);
    }

    /**
     * @param dir     private directory for config, database and log
     * @param zones   the zones to serve, at least one
     * @param dnsPort UDP and TCP port on 127.0.0.1 for DNS, or 0 for a free one
     * @param apiPort TCP port on 127.0.0.1 for the webserver and API, or 0 for a free one
     */
    public PowerDnsServer(Path dir, List<DnsZone> zones, int dnsPort, int apiPort) {
        this.requestedDnsPort = dnsPort;
        this.requestedApiPort = apiPort;
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath();
        this.zones = List.copyOf(zones);
        if (this.zones.isEmpty()) {
            throw new IllegalArgumentException("at least one zone");
        }
        this.apiKey = storedApiKey(this.dir.resolve("pdns.conf")).orElseGet(() -> {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            return HexFormat.of().formatHex(random);
        });
    }

    /** The API key of a pdns.conf this class wrote before in the same directory (a restarted sandbox keeps it). */
    private static Optional<String> storedApiKey(Path conf) {
        if (!Files.isRegularFile(conf)) {
            return Optional.empty();
        }
        try {
            return Files.readAllLines(conf, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("api-key="))
                .map(l -> l.substring("api-key=".length()).trim()).filter(k -> k.matches("[0-9a-f]{48}")).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Creates the database, loads the zones, starts pdns_server on free ports and waits until it answers the first
     * zone's SOA and its API answers (about 1 s here).
     *
     * @return this
     * @throws IOException when a binary or the schema is missing, pdnsutil fails, or the server exits or does not
     *                     answer within 30 s (message with the log's tail)
     * @throws IllegalStateException when already started
     */
    public synchronized PowerDnsServer start() throws IOException {
        if (child.isAlive()) {
            throw new IllegalStateException("already started");
        }
        for (String binary : List.of(PDNS, PDNSUTIL)) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new IOException(binary + " not found: install the Debian packages pdns-server and"
                    + " pdns-backend-sqlite3 (.ci/prepare does)");
            }
        }
        Path schema = SCHEMAS.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() -> new IOException(
            "gsqlite3 schema not found (" + SCHEMAS + "): install the Debian package pdns-backend-sqlite3"));
        Files.createDirectories(dir);
        ChildServer.stopOrphan(dir.resolve("pdns.pid"), "pdns_server");
        for (String stale : List.of("pdns.sqlite3", "pdns.sqlite3-wal", "pdns.sqlite3-shm", "pdns.sqlite3-journal",
            "pdns.log")) {
            Files.deleteIfExists(dir.resolve(stale));
        }
        dnsPort = requestedDnsPort == 0 ? BindServer.freeDnsPort() : requestedDnsPort;
        apiPort = requestedApiPort == 0 ? BindServer.freeDnsPort() : requestedApiPort;
        writeConfig();
        createDatabase(schema);
        Path zoneDir = dir.resolve("zones");
        Files.createDirectories(zoneDir);
        for (DnsZone zone : zones) {
            Path file = zoneDir.resolve(zone.name() + ".zone");
            Files.writeString(file, zone.masterFile(), StandardCharsets.UTF_8);
            pdnsutil(List.of("load-zone", zone.name(), file.toString()));
        }
        child.start(List.of(PDNS, "--config-dir=" + dir), dir, logFile(), dnsPort, zones.get(0).name(),
            Duration.ofSeconds(30));
        awaitApi(Duration.ofSeconds(15));
        return this;
    }

    private void writeConfig() throws IOException {
        Path conf = dir.resolve("pdns.conf");
        Files.deleteIfExists(conf);
        Files.createFile(conf, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        List<String> lines = List.of(
            "# written by io.capstan.sandbox.dns.PowerDnsServer",
            "launch=gsqlite3",
            "gsqlite3-database=" + dir.resolve("pdns.sqlite3"),
            "local-address=127.0.0.1",
            "local-port=" + dnsPort,
            "socket-dir=" + dir,
            "setuid=",
            "setgid=",
            "guardian=no",
            "daemon=no",
            "disable-syslog=yes",
            "loglevel=4",
            "security-poll-suffix=",
            "zone-cache-refresh-interval=0",
            "disable-axfr=no",
            "allow-axfr-ips=127.0.0.0/8",
            "dnsupdate=no",
            "api=yes",
            "api-key=" + apiKey,
            "webserver=yes",
            "webserver-address=127.0.0.1",
            "webserver-port=" + apiPort,
            "webserver-allow-from=127.0.0.0/8");
        Files.write(conf, lines, StandardCharsets.UTF_8);
    }

    private void createDatabase(Path schema) throws IOException {
        String sql = Files.readString(schema, StandardCharsets.UTF_8);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("pdns.sqlite3"));
             Statement st = c.createStatement()) {
            for (String statement : sql.split(";")) {
                if (!statement.isBlank()) {
                    st.executeUpdate(statement);
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot create the gsqlite3 database from " + schema + ": " + e.getMessage(), e);
        }
    }

    private void pdnsutil(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(PDNSUTIL, "--config-dir=" + dir));
        command.addAll(args);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile())).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("pdnsutil " + args + " did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("pdnsutil " + args + " exited " + p.exitValue() + ":\n"
                + ChildServer.tail(logFile()));
        }
    }

    private void awaitApi(Duration timeout) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl() + "/api/v1/servers/" + SERVER_ID))
            .header("X-API-Key", apiKey).timeout(Duration.ofSeconds(1)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline && child.isAlive()) {
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String tail = ChildServer.tail(logFile());
        stop();
        throw new IOException("PowerDNS API on port " + apiPort + " did not answer (" + last + "); log " + logFile()
            + ":\n" + tail);
    }

    /** @return {@code 127.0.0.1} */
    public String host() {
        return "127.0.0.1";
    }

    /** @return the DNS port (UDP and TCP), valid after {@link #start()} */
    public int dnsPort() {
        return dnsPort;
    }

    /** @return the webserver/API port, valid after {@link #start()} */
    public int apiPort() {
        return apiPort;
    }

    /** @return {@code http://127.0.0.1:<apiPort>} (the API is under {@code /api/v1}) */
    public String apiUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    /** @return the API key for the {@code X-API-Key} header (a credential: never log it) */
    public String apiKey() {
        return apiKey;
    }

    /** @return the directory holding config, database and log */
    public Path directory() {
        return dir;
    }

    /** @return the server's log (and pdnsutil's output) */
    public Path logFile() {
        return dir.resolve("pdns.log");
    }

    /** @return the zones served */
    public List<DnsZone> zones() {
        return zones;
    }

    /** @return the pid of pdns_server, or -1 when stopped */
    public long pid() {
        return child.pid();
    }

    /** @return whether pdns_server runs */
    public boolean isRunning() {
        return child.isAlive();
    }

    /** Stops pdns_server (SIGTERM, SIGKILL after 10 s) and waits for it to exit; idempotent. */
    public void stop() {
        child.stop();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "PowerDnsServer[dns 127.0.0.1:" + dnsPort + ", api " + apiUrl() + ", zones "
            + zones.stream().map(DnsZone::name).toList() + "]";
    }
}
