package io.capstan.dns.reconcile;

import io.capstan.sandbox.dns.BindServer;
import io.capstan.sandbox.dns.DnsZone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real BIND 9 for a test (io.capstan.sandbox.dns.BindServer on a random loopback port, files under
 * {@code target/bind-<name>}) and the {@code dig} command to read it back as any resolver would. Test support.
 */
public final class Bind implements AutoCloseable {

    /** The TSIG key name of test servers. */
    public static final String KEY = "capstan-test";

    private final BindServer server;

    private Bind(BindServer server) {
        this.server = server;
    }

    /** Starts named with those zones on a free port. */
    public static Bind start(String name, DnsZone... zones) {
        return start(name, 0, zones);
    }

    /** Starts named with those zones on that port (0: a free one); a restart of {@link #named()} keeps a given port. */
    public static Bind start(String name, int port, DnsZone... zones) {
        try {
            return new Bind(new BindServer(Path.of("target", "bind-" + name + "-" + ProcessHandle.current().pid()),
                    List.of(zones), KEY, "hmac-sha256", port).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start named", e);
        }
    }

    /** A loopback port free for both TCP and UDP now. */
    public static int freePort() {
        for (int i = 0; i < 20; i++) {
            try (java.net.ServerSocket t = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                 java.net.DatagramSocket u = new java.net.DatagramSocket(t.getLocalPort(),
                         java.net.InetAddress.getLoopbackAddress())) {
                return t.getLocalPort();
            } catch (IOException e) {
                // busy for UDP: try another
            }
        }
        throw new IllegalStateException("no free port");
    }

    /** {@code 127.0.0.1:<port>}. */
    public String server() {
        return server.host() + ":" + server.port();
    }

    /** The TSIG secret (base64; never printed). */
    public String secret() {
        return server.secret();
    }

    /** The server. */
    public BindServer named() {
        return server;
    }

    /**
     * {@code dig @127.0.0.1 -p <port> +short +norecurse <name> <type>}, answers sorted (TXT with their quotes).
     */
    public List<String> dig(String name, String type) {
        List<String> out = run("dig", "@" + server.host(), "-p", String.valueOf(server.port()), "+short", "+norecurse",
                "+time=2", "+tries=1", name, type);
        out.sort(null);
        return out;
    }

    /**
     * The whole zone by AXFR through {@code dig -k}, as {@code name ttl type data} lines without SOA, sorted.
     */
    public List<String> axfr(String zone) {
        List<String> out = new ArrayList<>();
        for (String line : run("dig", "@" + server.host(), "-p", String.valueOf(server.port()), "-k",
                server.keyFile().toString(), "+noall", "+answer", "+nocmd", "AXFR", zone)) {
            String[] f = line.trim().split("\\s+", 5);
            if (f.length < 5 || f[3].equals("SOA") || f[3].equals("TSIG")) {
                continue;
            }
            out.add(f[0] + " " + f[1] + " " + f[3] + " " + f[4]);
        }
        out = new ArrayList<>(out.stream().distinct().toList());
        out.sort(null);
        return out;
    }

    private static List<String> run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd[0]);
            }
            return new ArrayList<>(Arrays.stream(text.split("\n")).map(String::trim).filter(s -> !s.isEmpty()
                    && !s.startsWith(";")).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
