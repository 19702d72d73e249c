package io.capstan.sandbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The loopback TCP ports of one sandbox, by role ({@code kafka}, {@code kafka-controller}, {@code postgres},
 * {@code management}, {@code control}, {@code cluster/<name>}).
 *
 * <p>In stable mode the ports are read from and written to {@code <state-dir>/ports.json} so a restarted sandbox
 * answers on the same ports; in random mode every start picks fresh free ports (nothing is read, the file is still
 * written for inspection). A recorded port that is busy is replaced by a free one.
 */
public final class PortBook {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final boolean stable;
    private final Map<String, Integer> ports = new TreeMap<>();

    /**
     * @param file   the ports.json path
     * @param stable true to reuse the ports recorded in {@code file}
     * @throws UncheckedIOException when an existing file cannot be read
     */
    public PortBook(Path file, boolean stable) {
        this.file = file;
        this.stable = stable;
        if (stable && Files.isRegularFile(file)) {
            try {
                ports.putAll(JSON.readValue(file.toFile(), new TypeReference<Map<String, Integer>>() { }));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    /**
     * The port for a role: the recorded one when stable and still free, else a fresh free port, recorded.
     *
     * @param role role name, for example {@code kafka} or {@code cluster/alpha}
     * @return a TCP port on 127.0.0.1 that was free at the time of the call
     */
    public synchronized int port(String role) {
        Integer known = ports.get(role);
        if (known != null && isFree(known)) {
            return known;
        }
        int fresh = freePort();
        ports.put(role, fresh);
        save();
        return fresh;
    }

    /** Records the port a role actually got (for example when a server chose it itself). */
    public synchronized void record(String role, int port) {
        ports.put(role, port);
        save();
    }

    /** Forgets a role (a deleted cluster). */
    public synchronized void forget(String role) {
        ports.remove(role);
        save();
    }

    /** @return whether this book reuses recorded ports */
    public boolean stable() {
        return stable;
    }

    private void save() {
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), ports);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** @return a TCP port on 127.0.0.1 that the kernel just reported free */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
