package io.capstan.sandbox.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.capstan.sandbox.Sandbox;
import io.capstan.sandbox.kube.KubeCluster;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox control API on 127.0.0.1 (JDK HTTP server), JSON in and out, errors as RFC 9457 problem+json:
 * <ul>
 *   <li>{@code GET /sandbox}: the sandbox.json document;</li>
 *   <li>{@code PUT /clusters/{name}}: start a workload cluster (201 created, 200 when it exists, 400 when the
 *       name is not a DNS-1123 label); answers the cluster entry {@code {"name","url","kubeconfig","running"}};</li>
 *   <li>{@code GET /clusters/{name}}: the cluster entry, 404 when unknown;</li>
 *   <li>{@code POST /clusters/{name}/stop}: close its API server port, keeping the objects (200);</li>
 *   <li>{@code POST /clusters/{name}/start}: serve it again on the same port with the same objects (200);</li>
 *   <li>{@code DELETE /clusters/{name}}: stop and forget (204, 404 when unknown).</li>
 * </ul>
 */
public final class ControlApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Sandbox sandbox;
    private final HttpServer server;

    /**
     * Binds the server (not yet started).
     *
     * @param sandbox the sandbox to control
     * @param port    port on 127.0.0.1
     * @throws IOException when the port cannot be bound
     */
    public ControlApi(Sandbox sandbox, int port) throws IOException {
        this.sandbox = sandbox;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "sandbox-control");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Starts serving. */
    public void start() {
        server.start();
    }

    /** @return {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getRawPath();
            ex.getRequestBody().readAllBytes();
            if ("/sandbox".equals(path)) {
                if (!"GET".equals(method)) {
                    problem(ex, 405, "Method not allowed", method + " " + path);
                    return;
                }
                send(ex, 200, sandbox.describe());
                return;
            }
            String[] seg = path.substring(1).split("/");
            if (seg.length < 2 || seg.length > 3 || !"clusters".equals(seg[0])) {
                problem(ex, 404, "Not found", "no such control resource: " + path);
                return;
            }
            String name = URLDecoder.decode(seg[1], StandardCharsets.UTF_8);
            if (seg.length == 2) {
                switch (method) {
                    case "PUT" -> {
                        if (!Sandbox.validClusterName(name)) {
                            problem(ex, 400, "Invalid cluster name",
                                "cluster name must be a DNS-1123 label (lowercase alphanumerics and '-', at most 63 "
                                    + "characters, not 'management')");
                            return;
                        }
                        boolean created = sandbox.ensureCluster(name);
                        send(ex, created ? 201 : 200, entry(sandbox.cluster(name)));
                    }
                    case "GET" -> {
                        KubeCluster c = sandbox.cluster(name);
                        if (c == null) {
                            problem(ex, 404, "Cluster not found", "no sandbox cluster named " + name);
                        } else {
                            send(ex, 200, entry(c));
                        }
                    }
                    case "DELETE" -> {
                        if (sandbox.deleteCluster(name)) {
                            ex.sendResponseHeaders(204, -1);
                        } else {
                            problem(ex, 404, "Cluster not found", "no sandbox cluster named " + name);
                        }
                    }
                    default -> problem(ex, 405, "Method not allowed", method + " " + path);
                }
                return;
            }
            if (!"POST".equals(method) || !("stop".equals(seg[2]) || "start".equals(seg[2]))) {
                problem(ex, 404, "Not found", "no such control resource: " + method + " " + path);
                return;
            }
            KubeCluster c = sandbox.cluster(name);
            if (c == null) {
                problem(ex, 404, "Cluster not found", "no sandbox cluster named " + name);
                return;
            }
            if ("stop".equals(seg[2])) {
                c.stop();
            } else {
                c.start();
            }
            sandbox.writeState();
            send(ex, 200, entry(c));
        } catch (RuntimeException e) {
            LOG.warn("control request failed", e);
            try {
                problem(ex, 500, "Sandbox error", e.getClass().getSimpleName());
            } catch (IOException ignored) {
                // response already started
            }
        }
    }

    private static Map<String, Object> entry(KubeCluster c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("url", c.url());
        m.put("kubeconfig", c.kubeconfig().toString());
        m.put("running", c.running());
        return m;
    }

    private static void send(HttpExchange ex, int code, Object body) throws IOException {
        write(ex, code, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void problem(HttpExchange ex, int code, String title, String detail) throws IOException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "about:blank");
        p.put("title", title);
        p.put("status", code);
        p.put("detail", detail);
        write(ex, code, "application/problem+json", JSON.writeValueAsBytes(p));
    }

    private static void write(HttpExchange ex, int code, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(code, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops the server immediately. */
    @Override
    public void close() {
        server.stop(0);
    }
}
