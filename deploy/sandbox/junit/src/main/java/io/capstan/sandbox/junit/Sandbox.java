package io.capstan.sandbox.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The sandbox of this test JVM: {@code io.capstan.sandbox.SandboxMain} of capstan-sandbox-server started once as
 * a child process ({@link #shared()}), with a real Kafka broker, a real PostgreSQL and fabric8 CRUD mock Kubernetes
 * API servers (management plus workload clusters created on demand).
 *
 * <p>The child runs {@code <java.home>/bin/java -cp <repo>/deploy/sandbox/server/target/classes:<its
 * target/sandbox.classpath> io.capstan.sandbox.SandboxMain --state-dir <module>/target/sandbox-<pid>
 * --ports random --exit-on-stdin-eof}. The repository root comes from the system property
 * {@code capstan.repo.root} (set by the parent POM's surefire configuration), else the nearest directory above
 * {@code user.dir} that holds {@code mvnw}. Its output goes to {@code <state-dir>/sandbox.log}, never to the test
 * output. It ends when this JVM exits (shutdown hook, and stdin EOF if this JVM is killed).
 */
public final class Sandbox implements AutoCloseable {

    /** How long the child may take to print its READY line. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Sandbox shared;

    private final Path stateDir;
    /** The child, when this class loader started it; null when attached to one another class loader started. */
    private final Process process;
    private final ProcessHandle handle;
    private final JsonNode state;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final boolean isShared;

    private Sandbox(Path stateDir, Process process, JsonNode state, boolean isShared) {
        this(stateDir, process, process.toHandle(), state, isShared);
    }

    private Sandbox(Path stateDir, Process process, ProcessHandle handle, JsonNode state, boolean isShared) {
        this.stateDir = stateDir;
        this.process = process;
        this.handle = handle;
        this.state = state;
        this.isShared = isShared;
    }

    /**
     * The sandbox of this JVM, started on the first call (blocks up to {@link #START_TIMEOUT}).
     *
     * @return the running sandbox
     * @throws IllegalStateException when the server classes are not built or the child does not get ready in time
     *                               (the message points at the sandbox.log)
     */
    public static Sandbox shared() {
        // Quarkus loads test resources in more than one class loader (a test profile restarts the application), so
        // "once per JVM" needs JVM-wide state: the system properties, and their monitor as the lock.
        synchronized (System.getProperties()) {
            if (shared == null) {
                String running = System.getProperty(SHARED_PROPERTY);
                if (running != null) {
                    shared = attach(running);
                } else {
                    Path stateDir = Path.of(System.getProperty("user.dir"), "target",
                        "sandbox-" + ProcessHandle.current().pid()).toAbsolutePath();
                    shared = launch(stateDir, false, true, false);
                    System.setProperty(SHARED_PROPERTY, shared.handle.pid() + "|" + stateDir);
                }
            }
            return shared;
        }
    }

    /** JVM-wide record of the shared sandbox: {@code <child pid>|<state dir>}. */
    private static final String SHARED_PROPERTY = "io.capstan.sandbox.shared";

    private static Sandbox attach(String running) {
        int bar = running.indexOf('|');
        long pid = Long.parseLong(running.substring(0, bar));
        Path stateDir = Path.of(running.substring(bar + 1));
        ProcessHandle handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive).orElseThrow(() ->
            new IllegalStateException("the shared sandbox (pid " + pid + ") is gone, see " + stateDir.resolve("sandbox.log")));
        try {
            return new Sandbox(stateDir, null, handle, JSON.readTree(stateDir.resolve("sandbox.json").toFile()), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stateDir.resolve("sandbox.json"), e);
        }
    }

    /**
     * Starts a sandbox of its own (not the shared one) on a given state directory, for tests of restarts: a second
     * start on the same directory with {@code stablePorts} answers on the same ports with Kafka's records and
     * PostgreSQL's rows kept (API server objects live in memory and are not kept). The caller closes it.
     *
     * @param stateDir    state directory, kept as it is when it exists
     * @param stablePorts true for {@code --ports stable}, false for {@code --ports random}
     * @return the running sandbox
     * @throws IllegalStateException as {@link #shared()}
     */
    public static Sandbox start(Path stateDir, boolean stablePorts) {
        return launch(stateDir.toAbsolutePath(), stablePorts, false, false);
    }

    /**
     * Starts a sandbox of its own with the main job's fleet servers ({@code SandboxMain --fleet}): besides Kafka,
     * PostgreSQL and the API servers, a real BIND 9 serving {@code sandbox.capstan.test}, {@code example.com},
     * {@code example.net} and {@code example.org} with a TSIG key, and the sandbox institutional CA, handed to the
     * services as the management Secrets {@code sandbox-dns-tsig} (key {@code secret}) and {@code sandbox-ca}
     * ({@code tls.crt}, {@code tls.key}, {@code ca.crt}). Random ports; a state directory that exists is emptied
     * first. The caller closes it. See {@link #dnsServer()}, {@link #dnsKeyFile()}, {@link #caBundle()}.
     *
     * @param stateDir state directory (for example {@code <module>/target/fleet-sandbox})
     * @return the running sandbox
     * @throws IllegalStateException as {@link #shared()}; without BIND installed (/usr/sbin/named) the sandbox
     *                               starts with no DNS server and {@link #dnsServer()} is null
     */
    public static Sandbox startFleet(Path stateDir) {
        Path dir = stateDir.toAbsolutePath();
        try {
            if (Files.exists(dir)) {
                deleteTree(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + dir, e);
        }
        return launch(dir, false, false, true);
    }

    private static Sandbox launch(Path stateDir, boolean stablePorts, boolean isShared, boolean fleet) {
        Path root = repoRoot();
        Path server = root.resolve("deploy/sandbox/server/target");
        Path classes = server.resolve("classes");
        Path classpathFile = server.resolve("sandbox.classpath");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException("capstan-sandbox-server is not built: " + server + " lacks classes/ or "
                + "sandbox.classpath; run ./mvnw -B -pl deploy/sandbox/server -am install -DskipTests");
        }
        Path log = stateDir.resolve("sandbox.log");
        try {
            if (isShared && Files.exists(stateDir)) {
                deleteTree(stateDir);
            }
            Files.createDirectories(stateDir.resolve("tmp"));
            String classpath = classes + java.io.File.pathSeparator
                + Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-Xmx768m");
            cmd.add("-XX:+UseSerialGC");
            cmd.add("-XX:TieredStopAtLevel=1");
            cmd.add("-Djava.io.tmpdir=" + stateDir.resolve("tmp"));
            cmd.add("-cp");
            cmd.add(classpath);
            cmd.add("io.capstan.sandbox.SandboxMain");
            cmd.add("--state-dir");
            cmd.add(stateDir.toString());
            cmd.add("--ports");
            cmd.add(stablePorts ? "stable" : "random");
            cmd.add("--exit-on-stdin-eof");
            if (fleet) {
                cmd.add("--fleet");
            }
            ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(stateDir.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Process process = pb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "capstan-sandbox-stop"));
            CompletableFuture<Path> ready = new CompletableFuture<>();
            Thread pump = new Thread(() -> pump(process, log, ready), "capstan-sandbox-stdout");
            pump.setDaemon(true);
            pump.start();
            Path stateFile;
            try {
                stateFile = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                stop(process);
                throw new IllegalStateException("sandbox did not get ready within " + START_TIMEOUT.toSeconds()
                    + " s, see " + log, e);
            }
            return new Sandbox(stateDir, process, JSON.readTree(stateFile.toFile()), isShared);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the sandbox, see " + log, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the sandbox", e);
        }
    }

    private static void pump(Process process, Path log, CompletableFuture<Path> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8));
             OutputStream out = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (!ready.isDone() && line.startsWith("SANDBOX READY ")) {
                    ready.complete(Path.of(line.substring("SANDBOX READY ".length()).trim()));
                }
            }
        } catch (IOException e) {
            // the child is gone; the future below reports it
        }
        ready.completeExceptionally(new IllegalStateException("sandbox exited before READY (exit code "
            + (process.isAlive() ? "?" : String.valueOf(process.exitValue())) + ")"));
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static Path repoRoot() {
        String prop = System.getProperty("capstan.repo.root");
        if (prop != null && !prop.isBlank() && Files.isDirectory(Path.of(prop, "deploy", "sandbox"))) {
            return Path.of(prop).toAbsolutePath();
        }
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("deploy/sandbox"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the Capstan repository root: set -Dcapstan.repo.root");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** @return Kafka bootstrap servers, {@code 127.0.0.1:<port>} */
    public String kafkaBootstrap() {
        return state.path("kafkaBootstrap").asText();
    }

    /** @return {@code jdbc:postgresql://127.0.0.1:<port>/capstan} */
    public String jdbcUrl() {
        return state.path("postgres").path("jdbcUrl").asText();
    }

    /** @return PostgreSQL role, {@code capstan} */
    public String postgresUser() {
        return state.path("postgres").path("username").asText();
    }

    /** @return PostgreSQL password of the role (secret: do not log) */
    public String postgresPassword() {
        return state.path("postgres").path("password").asText();
    }

    /** @return management API server URL, {@code http://127.0.0.1:<port>} */
    public String managementUrl() {
        return state.path("management").path("url").asText();
    }

    /** @return namespace of Capstan on the management cluster, {@code capstan-system} */
    public String managementNamespace() {
        return state.path("management").path("namespace").asText();
    }

    /** @return absolute path of the management kubeconfig */
    public Path managementKubeconfigPath() {
        return Path.of(state.path("management").path("kubeconfig").asText());
    }

    /**
     * @return {@code host:port} of the sandbox DNS server (BIND 9, {@link #startFleet} only), or null when the
     *         sandbox has none
     */
    public String dnsServer() {
        JsonNode v = state.path("dns").path("server");
        return v.isTextual() ? v.asText() : null;
    }

    /** @return the sandbox base zone ({@code sandbox.capstan.test}), or null without a DNS server */
    public String dnsBaseZone() {
        JsonNode v = state.path("dns").path("baseZone");
        return v.isTextual() ? v.asText() : null;
    }

    /**
     * @return the {@code dns} section of sandbox.json ({@code server, zones, baseZone, keyName, keyAlgorithm,
     *         keyFile, secretRef {name, key}}), a missing node without a DNS server; holds no secret value
     */
    public JsonNode dns() {
        return state.path("dns");
    }

    /** @return path of the TSIG key file ({@code nsupdate -k}, {@code dig -k}), or null without a DNS server */
    public Path dnsKeyFile() {
        JsonNode v = state.path("dns").path("keyFile");
        return v.isTextual() ? Path.of(v.asText()) : null;
    }

    /** @return path of the sandbox CA's root certificate (PEM), or null when the sandbox has no fleet servers */
    public Path caBundle() {
        JsonNode v = state.path("pki").path("caBundle");
        return v.isTextual() ? Path.of(v.asText()) : null;
    }

    /** @return the control API base URL */
    public String controlUrl() {
        return state.path("controlUrl").asText();
    }

    /** @return the sandbox state directory (under the calling module's target/) */
    public Path stateDir() {
        return stateDir;
    }

    /**
     * A fabric8 client for the management cluster, default namespace {@code capstan-system}; the caller closes it.
     *
     * @return a new client
     */
    public KubernetesClient managementClient() {
        return client(managementKubeconfigPath());
    }

    /**
     * The workload cluster of that name, started on first use (PUT /clusters/{name}; idempotent).
     *
     * @param name DNS-1123 label
     * @return the cluster
     * @throws IllegalArgumentException when the sandbox refuses the name (400)
     */
    public SandboxCluster cluster(String name) {
        JsonNode entry = control("PUT", "/clusters/" + name);
        return new SandboxCluster(this, entry.path("name").asText(), entry.path("url").asText(),
            Path.of(entry.path("kubeconfig").asText()));
    }

    /**
     * Calls the control API.
     *
     * @param method HTTP method
     * @param path   path, for example {@code /clusters/alpha/stop}
     * @return the JSON answer (empty object for 204)
     * @throws IllegalArgumentException on a 4xx answer, with the problem detail
     * @throws IllegalStateException on other failures
     */
    JsonNode control(String method, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(controlUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400 && response.statusCode() < 500) {
                throw new IllegalArgumentException(method + " " + path + " -> " + response.statusCode() + ": "
                    + response.body());
            }
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " -> " + response.statusCode());
            }
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("sandbox control API failed: " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static KubernetesClient client(Path kubeconfig) {
        try {
            Config config = Config.fromKubeconfig(Files.readString(kubeconfig, StandardCharsets.UTF_8));
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + kubeconfig, e);
        }
    }

    /**
     * Stops a sandbox made by {@link #start(Path, boolean)} (SIGTERM, clean shutdown, then waits for the process);
     * does nothing for the shared sandbox, which ends with the JVM.
     */
    @Override
    public void close() {
        if (!isShared) {
            stop(process);
        }
    }

    /** Closes the child's stdin, which ends a sandbox started with --exit-on-stdin-eof (as a killed JVM would). */
    void closeStdin() throws IOException {
        process.getOutputStream().close();
    }

    /** @return whether the child process is still running */
    public boolean alive() {
        return handle.isAlive();
    }
}
