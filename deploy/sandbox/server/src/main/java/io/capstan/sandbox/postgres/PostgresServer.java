package io.capstan.sandbox.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL 17 from zonky's embedded binaries, data kept in {@code <state-dir>/postgres} across restarts, with a
 * database {@code capstan} owned by the login role {@code capstan}. The role's password is generated once and
 * kept in {@code <state-dir>/postgres-credentials} (mode 0600).
 *
 * <p>zonky initialises the cluster with {@code initdb -A trust -U postgres}; as root it runs the binaries
 * unchanged (the zonky builds do not refuse uid 0), which LOCAL-SERVERS.md measured on this machine kind.
 */
public final class PostgresServer implements AutoCloseable {

    /** Database and role name. */
    public static final String NAME = "capstan";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);

    private final Path stateDir;
    private final int port;
    private EmbeddedPostgres postgres;
    private String password;

    /**
     * @param stateDir the sandbox state dir; uses {@code postgres/}, {@code postgres-work/} and
     *                 {@code postgres-credentials} inside it
     * @param port     TCP port on the loopback interface
     */
    public PostgresServer(Path stateDir, int port) {
        this.stateDir = stateDir;
        this.port = port;
    }

    /**
     * Starts PostgreSQL and ensures role and database exist with the stored password.
     *
     * @throws IOException when the server cannot start or the credentials file cannot be written
     * @throws SQLException when the role or database cannot be created
     */
    public void start() throws IOException, SQLException {
        Path data = stateDir.resolve("postgres");
        Path work = stateDir.resolve("postgres-work");
        Files.createDirectories(work);
        Path log = stateDir.resolve("logs").resolve("postgres.log");
        Files.createDirectories(log.getParent());
        password = loadOrCreatePassword(stateDir.resolve("postgres-credentials"));
        stopOrphan(data.resolve("postmaster.pid"));
        postgres = EmbeddedPostgres.builder()
            .setPort(port)
            .setDataDirectory(data)
            .setCleanDataDirectory(false)
            .setOverrideWorkingDirectory(work.toFile())
            .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .setServerConfig("unix_socket_directories", work.toAbsolutePath().toString())
            .start();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            boolean roleExists;
            try (PreparedStatement ps = c.prepareStatement("select 1 from pg_roles where rolname = ?")) {
                ps.setString(1, NAME);
                try (ResultSet rs = ps.executeQuery()) {
                    roleExists = rs.next();
                }
            }
            try (Statement st = c.createStatement()) {
                // The password is hex, so it can be quoted literally.
                st.execute((roleExists ? "alter role " : "create role ") + NAME + " login password '" + password + "'");
            }
            boolean dbExists;
            try (PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                ps.setString(1, NAME);
                try (ResultSet rs = ps.executeQuery()) {
                    dbExists = rs.next();
                }
            }
            if (!dbExists) {
                try (Statement st = c.createStatement()) {
                    st.execute("create database " + NAME + " owner " + NAME);
                }
            }
        }
        LOG.info("PostgreSQL ready on port {}", port);
    }

    /** @return {@code jdbc:postgresql://127.0.0.1:<port>/capstan} */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + NAME;
    }

    /** @return the role name, {@code capstan} */
    public String username() {
        return NAME;
    }

    /** @return the generated password of the role (secret) */
    public String password() {
        return password;
    }

    /**
     * Stops a postmaster left running on this data directory by a sandbox that was killed (SIGKILL skips the
     * shutdown hook): the first line of postmaster.pid is its pid (PostgreSQL docs, "Database File Layout").
     */
    private static void stopOrphan(Path pidFile) {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                .ifPresent(p -> {
                    LOG.warn("stopping orphaned postmaster {} of {}", pid, pidFile.getParent());
                    p.destroy();
                    p.onExit().orTimeout(15, java.util.concurrent.TimeUnit.SECONDS).join();
                });
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot check {}", pidFile, e);
        }
    }

    private static String loadOrCreatePassword(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (stored.matches("[0-9a-f]{32,}")) {
                return stored;
            }
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String fresh = HexFormat.of().formatHex(random);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, fresh + "\n", StandardCharsets.UTF_8);
        return fresh;
    }

    /** Stops PostgreSQL (pg_ctl stop -m fast); the data directory stays. */
    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
