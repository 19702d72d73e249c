package io.capstan.sandbox.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DNS server running as a child process of this JVM: started with its output appended to a log file, probed with
 * an SOA query until it answers, stopped with SIGTERM then SIGKILL (children included), and stopped by a JVM
 * shutdown hook if its owner forgets. Package-private plumbing of {@link BindServer} and {@link PowerDnsServer}.
 */
final class ChildServer {

    private static final Logger LOG = LoggerFactory.getLogger(ChildServer.class);

    private final String label;
    private Process process;
    private Thread hook;

    ChildServer(String label) {
        this.label = label;
    }

    /**
     * Starts the command and waits until the server answers an SOA query for {@code zone} on 127.0.0.1:port (UDP).
     *
     * @throws IOException when the process cannot start, exits early, or does not answer within {@code timeout};
     *                     the message carries the log's last lines
     */
    synchronized void start(List<String> command, Path workDir, Path log, int port, String zone, Duration timeout)
        throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = pb.start();
        Process started = process;
        hook = new Thread(() -> kill(started), "stop-" + label);
        Runtime.getRuntime().addShutdownHook(hook);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String tail = tail(log);
                stop();
                throw new IOException(label + " exited with " + started.exitValue() + " before answering; log "
                    + log + ":\n" + tail);
            }
            if (answersSoa(port, zone, Duration.ofMillis(200))) {
                LOG.info("{} answers on 127.0.0.1:{} (pid {})", label, port, process.pid());
                return;
            }
        }
        String tail = tail(log);
        stop();
        throw new IOException(label + " did not answer SOA " + zone + " on port " + port + " within " + timeout
            + "; log " + log + ":\n" + tail);
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Stops the process and its descendants; idempotent. */
    synchronized void stop() {
        if (process == null) {
            return;
        }
        kill(process);
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
            hook = null;
        }
        process = null;
    }

    private static void kill(Process p) {
        List<ProcessHandle> descendants = p.descendants().toList();
        p.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Kills a server a previous JVM left running on this directory (SIGKILL of the JVM skips shutdown hooks): the pid
     * file's first line, if that process is alive and its command ends with {@code executable}.
     */
    static void stopOrphan(Path pidFile, String executable) {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.endsWith(executable)).orElse(false))
                .ifPresent(h -> {
                    LOG.warn("stopping orphaned {} {} of {}", executable, pid, pidFile.getParent());
                    h.destroy();
                    h.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> {
                        h.destroyForcibly();
                        return h;
                    }).join();
                });
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot check {}", pidFile, e);
        }
    }

    /**
     * Sends one RFC 1035 §4.1 query (QTYPE SOA, class IN, RD clear) over UDP and reports whether a response with
     * RCODE NOERROR and the AA bit came back within {@code wait}.
     */
    static boolean answersSoa(int port, String zone, Duration wait) {
        int id = ThreadLocalRandom.current().nextInt(1 << 16);
        ByteBuffer q = ByteBuffer.allocate(512);
        q.putShort((short) id).putShort((short) 0).putShort((short) 1).putShort((short) 0).putShort((short) 0)
            .putShort((short) 0);
        for (String label : zone.split("\\.")) {
            byte[] b = label.getBytes(StandardCharsets.US_ASCII);
            q.put((byte) b.length).put(b);
        }
        q.put((byte) 0).putShort((short) 6).putShort((short) 1);
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
            socket.send(new DatagramPacket(q.array(), q.position(), InetAddress.getLoopbackAddress(), port));
            byte[] buf = new byte[4096];
            DatagramPacket answer = new DatagramPacket(buf, buf.length);
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                socket.receive(answer);
                if (answer.getLength() >= 12 && ((buf[0] & 0xff) << 8 | (buf[1] & 0xff)) == id) {
                    boolean aa = (buf[2] & 0x04) != 0;
                    int rcode = buf[3] & 0x0f;
                    return aa && rcode == 0;
                }
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // ICMP port unreachable while the server binds: not up yet
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
