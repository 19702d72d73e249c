package io.capstan.e2e;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged Capstan service ({@code services/<name>/target/quarkus-app/quarkus-run.jar}) run as a child process,
 * configured only through environment variables, as a container would be. Its output goes to a log file, never to
 * the test output, so that secret material cannot leak into build logs.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Path jar;
    private final Path log;
    private final Map<String, String> env;
    private final int httpPort;
    private final String xmx;
    private Process process;

    /**
     * @param repoRoot repository root
     * @param name     service folder under services/
     * @param logDir   where {@code <name>.log} is written (appended across restarts)
     * @param env      environment on top of the test JVM's
     */
    public ServiceProcess(Path repoRoot, String name, Path logDir, Map<String, String> env) {
        this(repoRoot, name, logDir, env, "256m");
    }

    /**
     * @param repoRoot repository root
     * @param name     service folder under services/
     * @param logDir   where {@code <name>.log} is written (appended across restarts)
     * @param env      environment on top of the test JVM's
     * @param xmx      maximum heap, e.g. {@code 256m}
     */
    public ServiceProcess(Path repoRoot, String name, Path logDir, Map<String, String> env, String xmx) {
        this.xmx = xmx;
        this.name = name;
        this.jar = repoRoot.resolve("services").resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        this.log = logDir.resolve(name + ".log");
        this.httpPort = freePort();
        this.env = env;
    }

    /** Starts the process and waits (up to 90 s) until {@code /q/health/ready} answers 200. */
    public ServiceProcess start() {
        return start(Duration.ofSeconds(90));
    }

    /**
     * Starts the process and waits until {@code /q/health/ready} answers 200.
     *
     * @param timeout how long to wait for readiness (several services starting at once on 2 cores take longer)
     * @throws IllegalStateException when the process exits or is not ready in time (the message names the log)
     */
    public ServiceProcess start(Duration timeout) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the build (./mvnw install) first");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + xmx);
        cmd.add("-jar");
        cmd.add(jar.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        try {
            Files.createDirectories(log.getParent());
            process = pb.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (ready()) {
                return this;
            }
            try {
                process.waitFor(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    private boolean ready() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/q/health/ready").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(1000);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Kills the process at once (SIGKILL), as a crashed pod would die. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Base URL, {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The log file. */
    public Path log() {
        return log;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
