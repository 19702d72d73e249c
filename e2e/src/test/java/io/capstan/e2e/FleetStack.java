package io.capstan.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.sandbox.junit.Sandbox;
import io.capstan.sandbox.junit.SandboxCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The main job's fleet for end-to-end tests and benchmarks: the sandbox with its fleet servers
 * ({@link Sandbox#startFleet}: real BIND 9 and the sandbox CA), the workload clusters {@code alpha} (standalone,
 * profile {@code sandbox}) and {@code beta} (openstack, profile {@code sandbox-openstack}), and every packaged
 * service ({@link #SERVICES}) as a process, configured as {@code ./capstan up} configures them: status heartbeat
 * {@value #HEARTBEAT}, orchestrator stale limit {@value #STALE_AFTER}, components in dependency order. The profiles
 * are the repository's {@code deploy/sandbox/profiles} files with the sandbox DNS server filled in, as
 * {@code ./capstan up} does.
 */
public final class FleetStack implements AutoCloseable {

    /** The services, orchestrator first; the others are the expected components in the order of what they need. */
    static final List<String> SERVICES = List.of("orchestrator", "cluster-watcher", "storage", "gateways", "dns",
            "certificates");
    /** Status heartbeat of every service (as ./capstan up sets it). */
    static final String HEARTBEAT = "10s";
    /** The orchestrator's capstan.status.stale-after (as ./capstan up sets it). */
    static final String STALE_AFTER = "30s";
    /** How long each service may take to get ready: six JVMs start at once, on 2 cores in CI. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(Integer.getInteger("capstan.e2e.start-timeout", 240));
    /** Config prefix of each service's status heartbeat key. */
    private static final Map<String, String> PREFIX = Map.of("cluster-watcher", "WATCHER", "storage", "STORAGE",
            "gateways", "GATEWAYS", "dns", "DNS", "certificates", "CERTIFICATES");
    /** Sandbox clusters: name, infrastructure, profile. */
    static final Map<String, String[]> CLUSTERS = new LinkedHashMap<>();

    static {
        CLUSTERS.put("alpha", new String[]{"standalone", "sandbox"});
        CLUSTERS.put("beta", new String[]{"openstack", "sandbox-openstack"});
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final Path root;
    final Sandbox sandbox;
    final Map<String, SandboxCluster> clusters = new LinkedHashMap<>();
    final Map<String, KubernetesClient> kube = new LinkedHashMap<>();
    final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    final String token = "e2e-" + UUID.randomUUID();
    /** capstan.components of the orchestrator: the started services after it. */
    private final String components;
    /** Every API answer (headers and body), to search for secrets. */
    final List<String> answers = new CopyOnWriteArrayList<>();

    /**
     * Starts the sandbox and the services (in parallel) and waits until each answers /q/health/ready.
     *
     * @param name   state folder under e2e/target and log folder name
     * @param xmx    heap of each service, e.g. {@code 256m}
     */
    public FleetStack(String name, String xmx) {
        this(name, xmx, SERVICES);
    }

    /**
     * Starts the sandbox and only the given services (orchestrator first); the orchestrator expects the others as its
     * components, in the order given.
     *
     * @param name     state folder under e2e/target and log folder name
     * @param xmx      heap of each service, e.g. {@code 256m}
     * @param only     a subset of {@link #SERVICES}, starting with {@code orchestrator}
     */
    public FleetStack(String name, String xmx, List<String> only) {
        components = String.join(",", only.subList(1, only.size()));
        root = repoRoot();
        sandbox = Sandbox.startFleet(root.resolve("e2e/target/" + name + "-sandbox"));
        for (String c : CLUSTERS.keySet()) {
            SandboxCluster cluster = sandbox.cluster(c);
            clusters.put(c, cluster);
            kube.put(c, cluster.client());
        }
        Path logs = root.resolve("e2e/target/" + name + "-logs");
        List<CompletableFuture<ServiceProcess>> starting = new ArrayList<>();
        for (String s : only) {
            ServiceProcess p = new ServiceProcess(root, s, logs, env(s), xmx);
            services.put(s, p);
            starting.add(CompletableFuture.supplyAsync(() -> p.start(START_TIMEOUT)));
        }
        starting.forEach(CompletableFuture::join);
    }

    private Map<String, String> env(String service) {
        if (service.equals("orchestrator")) {
            Map<String, String> env = Fleet.orchestratorEnv(sandbox, token);
            env.put("CAPSTAN_COMPONENTS", components);
            env.put("CAPSTAN_STATUS_STALE_AFTER", STALE_AFTER);
            return env;
        }
        Map<String, String> env = Fleet.serviceEnv(sandbox);
        env.put("CAPSTAN_" + PREFIX.get(service) + "_STATUS_HEARTBEAT", HEARTBEAT);
        return env;
    }

    /** PUTs the repository's sandbox profiles (DNS server filled in) and registers alpha and beta. */
    public void registerClusters() throws Exception {
        for (String profile : List.of("sandbox", "sandbox-openstack")) {
            HttpResponse<String> r = call("PUT", "/api/v1/profiles/" + profile, profile(profile));
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("PUT profile " + profile + ": " + r.statusCode() + " " + r.body());
            }
        }
        for (Map.Entry<String, String[]> c : CLUSTERS.entrySet()) {
            ObjectNode body = JSON.createObjectNode();
            body.put("name", c.getKey());
            body.put("infrastructure", c.getValue()[0]);
            body.put("profile", c.getValue()[1]);
            body.put("site", "sandbox");
            body.put("kubeconfig", clusters.get(c.getKey()).kubeconfig());
            body.putObject("labels").put("capstan.io/sandbox", "true");
            HttpResponse<String> r = call("POST", "/api/v1/clusters", body.toString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("POST cluster " + c.getKey() + ": " + r.statusCode() + " " + r.body());
            }
        }
    }

    /** A profile file of deploy/sandbox/profiles with dns.provider = rfc2136 against the sandbox BIND. */
    public String profile(String name) throws IOException {
        // -Dcapstan.e2e.profiles=DIR tries other profiles (as CAPSTAN_PROFILES_DIR does for ./capstan up)
        Path dir = Path.of(System.getProperty("capstan.e2e.profiles", root.resolve("deploy/sandbox/profiles").toString()));
        ObjectNode p = (ObjectNode) JSON.readTree(dir.resolve(name + ".json").toFile());
        JsonNode dns = sandbox.dns();
        if (p.path("spec").path("dns").isObject() && dns.path("server").isTextual()) {
            ObjectNode provider = ((ObjectNode) p.path("spec").path("dns")).putObject("provider");
            provider.put("type", "rfc2136");
            provider.put("server", dns.path("server").asText());
            ObjectNode tsig = provider.putObject("tsig");
            tsig.put("keyName", dns.path("keyName").asText());
            tsig.put("algorithm", dns.path("keyAlgorithm").asText());
            tsig.set("secretRef", dns.path("secretRef"));
        }
        return p.toString();
    }

    /** Creates every object of a YAML stream in a cluster, in order (as {@code kubectl create -f}). */
    public List<HasMetadata> apply(String cluster, String yaml) {
        KubernetesClient client = kube.get(cluster);
        List<HasMetadata> items = client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
        for (HasMetadata item : items) {
            client.resource(item).create();
        }
        return items;
    }

    /** The demo workload of a cluster, deploy/sandbox/demo/&lt;cluster&gt;/portal.yaml. */
    public String demo(String cluster) {
        try {
            return Files.readString(root.resolve("deploy/sandbox/demo/" + cluster + "/portal.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The A records the sandbox BIND answers for a name (dnsjava, UDP, no recursion).
     *
     * @return the addresses, sorted; empty for NXDOMAIN or no A record
     */
    public List<String> dig(String hostname) throws IOException {
        String server = sandbox.dnsServer();
        int colon = server.lastIndexOf(':');
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(server.substring(0, colon),
                Integer.parseInt(server.substring(colon + 1))));
        resolver.setTimeout(Duration.ofSeconds(3));
        Message answer = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(hostname + "."), Type.A, DClass.IN)));
        List<String> out = new ArrayList<>();
        if (answer.getRcode() == Rcode.NOERROR) {
            for (Record r : answer.getSection(Section.ANSWER)) {
                if (r instanceof ARecord a) {
                    out.add(a.getAddress().getHostAddress());
                }
            }
        }
        out.sort(String::compareTo);
        return out;
    }

    public JsonNode get(String path) throws Exception {
        HttpResponse<String> r = call("GET", path, null);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    public HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(services.get("orchestrator").url() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        answers.add(r.headers().map() + r.body());
        return r;
    }

    /** The workload cluster's client (do not close). */
    public KubernetesClient kube(String cluster) {
        return kube.get(cluster);
    }

    /** Kafka bootstrap servers of the sandbox. */
    public String kafkaBootstrap() {
        return sandbox.kafkaBootstrap();
    }

    /** The repository root. */
    public Path root() {
        return root;
    }

    /**
     * The first address in the edge Gateway's status ({@code capstan-gateways/edge}; written by the sandbox's
     * stand-in gateway controller from the edge Service's address), or null.
     */
    public String edgeAddress(String cluster) {
        GenericKubernetesResource gw = kube.get(cluster).genericKubernetesResources("gateway.networking.k8s.io/v1", "Gateway")
                .inNamespace("capstan-gateways").withName("edge").get();
        if (gw == null || gw.getAdditionalProperties().get("status") == null) {
            return null;
        }
        JsonNode status = JSON.valueToTree(gw.getAdditionalProperties().get("status"));
        return status.path("addresses").path(0).path("value").asText(null);
    }

    /** The Ready condition's status of a component in a cluster view ("absent" when it never reported). */
    static String ready(JsonNode clusterView, String component) {
        for (JsonNode c : clusterView.path("components").path(component).path("conditions")) {
            if (c.path("type").asText().equals("Ready")) {
                return c.path("status").asText();
            }
        }
        return "absent";
    }

    /** A one-line summary of a cluster view: phase and each component's Ready status and reason. */
    static String summary(JsonNode view) {
        StringBuilder sb = new StringBuilder(view.path("phase").asText());
        view.path("components").fields().forEachRemaining(e -> {
            for (JsonNode c : e.getValue().path("conditions")) {
                if (c.path("type").asText().equals("Ready")) {
                    sb.append(' ').append(e.getKey()).append('=').append(c.path("status").asText()).append('/')
                            .append(c.path("reason").asText());
                }
            }
        });
        return sb.toString();
    }

    @Override
    public void close() {
        List<String> reverse = new ArrayList<>(services.keySet());
        java.util.Collections.reverse(reverse);
        reverse.stream().map(services::get).map(p -> CompletableFuture.runAsync(p::close)).toList()
                .forEach(CompletableFuture::join);
        kube.values().forEach(KubernetesClient::close);
        sandbox.close();
    }

    static Path repoRoot() {
        String p = System.getProperty("capstan.repo.root");
        Path dir = p != null ? Path.of(p) : Path.of("").toAbsolutePath().getParent();
        return dir.toAbsolutePath().normalize();
    }
}
