package io.capstan.sandbox.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sandbox Kubernetes API server: the fabric8 mock in CRUD mode over plain HTTP on 127.0.0.1, behind a
 * {@link DiscoveryDispatcher}, with its kubeconfig file. {@link #stop()} closes the port and keeps the objects;
 * {@link #start()} serves them again on the same port.
 */
public final class KubeCluster {

    private static final Logger LOG = LoggerFactory.getLogger(KubeCluster.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Path kubeconfig;
    private final DiscoveryDispatcher dispatcher;
    private final String token;
    private final String namespace;
    private int port;
    private KubernetesMockServer server;
    private boolean kubeconfigWritten;

    /**
     * Creates the cluster (not yet serving).
     *
     * @param name       cluster name, also the kubeconfig context and cluster name
     * @param kubeconfig where to write the kubeconfig (parent directories are created)
     * @param port       the port to serve on, 0 for any free port
     * @param namespace  the namespace of the kubeconfig context
     */
    public KubeCluster(String name, Path kubeconfig, int port, String namespace) {
        this.name = name;
        this.namespace = namespace;
        this.kubeconfig = kubeconfig;
        this.port = port;
        this.dispatcher = new DiscoveryDispatcher(new KubernetesCrudDispatcher(List.of()));
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.token = "capstan-sandbox-" + HexFormat.of().formatHex(random);
    }

    /** @return the cluster name */
    public String name() {
        return name;
    }

    /** @return {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** @return the serving port (kept across stop/start) */
    public int port() {
        return port;
    }

    /** @return the absolute kubeconfig path */
    public Path kubeconfig() {
        return kubeconfig.toAbsolutePath();
    }

    /** @return whether the API server currently accepts connections */
    public synchronized boolean running() {
        return server != null;
    }

    /**
     * Starts serving (idempotent) and writes the kubeconfig (mode 0600, a fresh bearer token
     * {@code capstan-sandbox-<32 hex>} per sandbox process; the mock accepts any token) on the first start.
     *
     * @throws UncheckedIOException when the kubeconfig cannot be written
     */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        KubernetesMockServer s = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
            dispatcher, false);
        s.start(InetAddress.getLoopbackAddress(), port);
        port = s.getPort();
        server = s;
        if (!kubeconfigWritten) {
            writeKubeconfig();
            kubeconfigWritten = true;
        }
        LOG.info("Kubernetes API server {} serving on {}", name, url());
    }

    /** Stops serving: the port closes, the objects stay in memory (idempotent). */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server = null;
            LOG.info("Kubernetes API server {} stopped", name);
        }
    }

    /**
     * Stores an object through the dispatcher, as a POST to {@code collectionPath} would.
     *
     * @param collectionPath for example {@code /api/v1/namespaces}
     * @param object         the object as a JSON-ready map
     * @return the HTTP status (201 created, 409 exists)
     */
    public int create(String collectionPath, Map<String, Object> object) {
        try {
            byte[] body = JSON.writeValueAsBytes(object);
            RecordedRequest request = new RecordedRequest("HTTP/1.1", HttpMethod.POST, collectionPath,
                Headers.builder().add("Content-Type", "application/json").build(), new Buffer(body));
            MockResponse response = dispatcher.dispatch(request);
            return response.code();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates a Namespace if absent.
     *
     * @param namespace name
     */
    public void createNamespace(String namespace) {
        create("/api/v1/namespaces", Map.of("apiVersion", "v1", "kind", "Namespace",
            "metadata", Map.of("name", namespace)));
    }

    private void writeKubeconfig() {
        String yaml = "apiVersion: v1\n"
            + "kind: Config\n"
            + "clusters:\n"
            + "- name: " + name + "\n"
            + "  cluster:\n"
            + "    server: " + url() + "\n"
            + "contexts:\n"
            + "- name: " + name + "\n"
            + "  context:\n"
            + "    cluster: " + name + "\n"
            + "    user: " + name + "-admin\n"
            + "    namespace: " + namespace + "\n"
            + "current-context: " + name + "\n"
            + "users:\n"
            + "- name: " + name + "-admin\n"
            + "  user:\n"
            + "    token: " + token + "\n";
        try {
            Files.createDirectories(kubeconfig.getParent());
            Files.deleteIfExists(kubeconfig);
            Files.createFile(kubeconfig,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(kubeconfig, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + kubeconfig, e);
        }
    }
}
