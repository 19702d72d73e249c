package io.capstan.gateways.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * The upstream Gateway API fixtures ({@code ../shared/fixtures/upstream/gateway-api} beside the repository,
 * examples/standard and conformance, snapshot described in its SOURCES.md) read as Kubernetes objects.
 */
public final class Fixtures {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Fixtures() {
    }

    /** @return the gateway-api fixture folder; the calling test is skipped, saying why, when it is absent */
    public static Path root() {
        String repo = System.getProperty("capstan.repo.root", ".");
        Path root = Path.of(repo).toAbsolutePath().normalize().resolveSibling("shared").resolve("fixtures")
            .resolve("upstream").resolve("gateway-api");
        Assumptions.assumeTrue(Files.isDirectory(root),
            "Gateway API fixtures absent at " + root + " (expected ../shared/fixtures/upstream/gateway-api beside the "
                + "repository): fixture tests skipped");
        return root;
    }

    /**
     * @param relative files relative to {@link #root()}
     * @return every YAML document of those files, in order (empty documents dropped)
     */
    public static List<JsonNode> load(String... relative) {
        Path root = root();
        List<JsonNode> docs = new ArrayList<>();
        for (String r : relative) {
            try {
                docs.addAll(parse(Files.readString(root.resolve(r))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return docs;
    }

    /**
     * @param yaml one or more YAML documents
     * @return the documents
     */
    public static List<JsonNode> parse(String yaml) {
        List<JsonNode> docs = new ArrayList<>();
        try {
            ObjectReader reader = YAML.readerFor(JsonNode.class);
            try (var it = reader.<JsonNode>readValues(yaml)) {
                while (it.hasNext()) {
                    JsonNode n = it.next();
                    if (n != null && n.isObject() && n.has("kind")) {
                        docs.add(n);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /**
     * Builds the inventory of a cluster holding these objects, every Gateway counted as this controller's.
     *
     * @param docs             objects
     * @param defaultNamespace namespace of objects without one (as {@code kubectl apply} in that context)
     * @return the inventory
     */
    public static Inventory inventory(List<JsonNode> docs, String defaultNamespace) {
        List<Gateway> gateways = new ArrayList<>();
        List<HttpRoute> routes = new ArrayList<>();
        List<ReferenceGrant> grants = new ArrayList<>();
        Map<String, Map<String, String>> nsLabels = new HashMap<>();
        Set<String> services = new HashSet<>();
        Map<String, Boolean> secrets = new HashMap<>();
        for (JsonNode d : docs) {
            String ns = d.path("metadata").path("namespace").asText(defaultNamespace);
            String name = d.path("metadata").path("name").asText();
            switch (d.path("kind").asText()) {
                case "Gateway" -> gateways.add(GatewayApiReader.gateway(d, defaultNamespace));
                case "HTTPRoute" -> routes.add(GatewayApiReader.httpRoute(d, defaultNamespace));
                case "ReferenceGrant" -> grants.add(GatewayApiReader.referenceGrant(d, defaultNamespace));
                case "Namespace" -> nsLabels.put(name, GatewayApiReader.labels(d));
                case "Service" -> services.add(ns + "/" + name);
                case "Secret" -> secrets.put(ns + "/" + name, GatewayApiReader.hasTlsData(d));
                default -> { }
            }
        }
        return new Inventory(gateways, routes, grants, nsLabels, services, secrets);
    }
}
