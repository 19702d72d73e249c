package io.capstan.sandbox.acme;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Pebble, the ACME test server (RFC 8555; Debian package {@code pebble}, {@code /usr/bin/pebble}), started as a
 * child process on random loopback ports with its own config written under a directory (LOCAL-SERVERS.md "ACME:
 * Pebble"): {@code PEBBLE_VA_NOSLEEP=1}, {@code PEBBLE_WFE_NONCEREJECT=0}, {@code PEBBLE_AUTHZREUSE=0} and
 * {@code -dnsserver host:port}, so that DNS-01 challenges are resolved through the given (sandbox) DNS server.
 *
 * <p>Its HTTPS listener (ACME directory and management API) presents a certificate for {@code localhost} and
 * {@code 127.0.0.1} signed by a throw-away root made with the {@code openssl} CLI on each start; clients trust
 * {@link #tlsRootPem()} (for the certificates service: a management Secret whose {@code ca.crt} is that PEM, named
 * by the ACME issuer's {@code trustSecretName}). Files: {@code pebble.json}, {@code tls-root.crt},
 * {@code pebble-cert.pem}, {@code pebble-key.pem}, {@code pebble.log}.
 */
public final class PebbleServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final int managementPort;
    private final String tlsRootPem;
    private final HttpClient http;

    private PebbleServer(Process process, int port, int managementPort, String tlsRootPem) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.tlsRootPem = tlsRootPem;
        this.http = HttpClient.newBuilder().sslContext(sslContext(tlsRootPem)).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Writes the config and TLS files under {@code dir} and starts Pebble; returns once its ACME port accepts
     * connections.
     *
     * @param dir       directory for config, keys and log, created if absent
     * @param dnsServer {@code host:port} of the DNS server Pebble resolves challenges through (e.g. the sandbox BIND)
     * @return the running server
     * @throws UncheckedIOException  when files cannot be written or the process cannot start
     * @throws IllegalStateException when openssl fails or Pebble does not listen within 30 s (its log is named)
     */
    public static PebbleServer start(Path dir, String dnsServer) {
        try {
            Path d = dir.toAbsolutePath();
            Files.createDirectories(d);
            String root = makeTls(d);
            int port = freePort();
            int management = freePort();
            Files.writeString(d.resolve("pebble.json"), """
                    {"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
                      "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d,
                      "ocspResponderURL": "", "externalAccountBindingRequired": false}}"""
                    .formatted(port, management, d.resolve("pebble-cert.pem"), d.resolve("pebble-key.pem"), freePort(), freePort()));
            ProcessBuilder pb = new ProcessBuilder("/usr/bin/pebble", "-config", d.resolve("pebble.json").toString(),
                    "-dnsserver", dnsServer).redirectErrorStream(true).redirectOutput(d.resolve("pebble.log").toFile());
            pb.environment().put("PEBBLE_VA_NOSLEEP", "1");
            pb.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
            pb.environment().put("PEBBLE_AUTHZREUSE", "0");
            Process p = pb.start();
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            while (!listening(port)) {
                if (!p.isAlive() || Instant.now().isAfter(deadline)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("pebble did not listen on 127.0.0.1:" + port + "; see " + d.resolve("pebble.log"));
                }
                p.waitFor(100, TimeUnit.MILLISECONDS);
            }
            return new PebbleServer(p, port, management, root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start pebble in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting pebble", e);
        }
    }

    /** The ACME directory URL, {@code https://127.0.0.1:<port>/dir}. */
    public String directoryUrl() {
        return "https://127.0.0.1:" + port + "/dir";
    }

    /** The management API base URL, {@code https://127.0.0.1:<managementPort>}. */
    public String managementUrl() {
        return "https://127.0.0.1:" + managementPort;
    }

    /** PEM of the root that signed Pebble's HTTPS certificate (what ACME clients must trust). */
    public String tlsRootPem() {
        return tlsRootPem;
    }

    /**
     * The root of the chains Pebble issues now, from its management API ({@code GET /roots/0}).
     *
     * @return PEM text
     * @throws IllegalStateException when the API does not answer 200
     */
    public String issuingRootPem() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(managementUrl() + "/roots/0"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("pebble /roots/0 answered " + r.statusCode());
        }
        return r.body();
    }

    /** Stops Pebble (SIGTERM, then SIGKILL after 10 s). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String makeTls(Path d) throws IOException, InterruptedException {
        Files.writeString(d.resolve("pebble-ext.cnf"), """
                basicConstraints=critical,CA:FALSE
                keyUsage=critical,digitalSignature
                extendedKeyUsage=serverAuth
                subjectAltName=DNS:localhost,IP:127.0.0.1
                """);
        openssl(d, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "tls-root.key", "-out", "tls-root.crt", "-subj", "/CN=Capstan sandbox pebble TLS root", "-days", "30");
        openssl(d, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "pebble-key.pem", "-out", "pebble.csr", "-subj", "/CN=localhost");
        openssl(d, "x509", "-req", "-in", "pebble.csr", "-CA", "tls-root.crt", "-CAkey", "tls-root.key",
                "-set_serial", "0x" + Long.toHexString(System.nanoTime()), "-days", "30", "-extfile", "pebble-ext.cnf",
                "-out", "pebble-cert.pem");
        return Files.readString(d.resolve("tls-root.crt"));
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("openssl " + args[0] + " failed; see " + dir.resolve("openssl.log"));
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static SSLContext sslContext(String rootPem) {
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            ks.setCertificateEntry("root", CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(rootPem.getBytes(StandardCharsets.US_ASCII))));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot trust pebble's TLS root: " + e.getMessage(), e);
        }
    }
}
