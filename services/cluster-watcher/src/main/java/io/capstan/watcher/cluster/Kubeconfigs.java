package io.capstan.watcher.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Checks a kubeconfig (client-go {@code clientcmd/api/v1} Config) before a client is built from it, and fingerprints
 * it. Pure. Error messages name the missing part, never quote the content (it holds credentials).
 */
public final class Kubeconfigs {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Kubeconfigs() {
    }

    /**
     * What makes the kubeconfig unusable, if anything: not YAML, no {@code current-context}, a context or cluster
     * that is not defined, or a cluster without {@code server}.
     *
     * @param kubeconfig kubeconfig text (YAML or JSON)
     * @return a message without secret material, or empty when usable
     */
    public static Optional<String> problem(String kubeconfig) {
        JsonNode root;
        try {
            root = YAML.readTree(kubeconfig);
        } catch (Exception e) {
            return Optional.of("kubeconfig is not YAML");
        }
        if (root == null || !root.isObject()) {
            return Optional.of("kubeconfig is not a YAML mapping");
        }
        String current = root.path("current-context").asText("");
        if (current.isEmpty()) {
            return Optional.of("kubeconfig has no current-context");
        }
        JsonNode context = named(root.path("contexts"), current);
        if (context == null) {
            return Optional.of("kubeconfig current-context '" + current + "' is not defined");
        }
        String clusterName = context.path("context").path("cluster").asText("");
        JsonNode cluster = named(root.path("clusters"), clusterName);
        if (cluster == null) {
            return Optional.of("kubeconfig context '" + current + "' names no defined cluster");
        }
        if (cluster.path("cluster").path("server").asText("").isBlank()) {
            return Optional.of("kubeconfig cluster '" + clusterName + "' has no server");
        }
        return Optional.empty();
    }

    /** SHA-256 of the kubeconfig text, hex: tells a changed kubeconfig without keeping it. */
    public static String fingerprint(String kubeconfig) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(kubeconfig.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode named(JsonNode list, String name) {
        for (JsonNode n : list) {
            if (name.equals(n.path("name").asText())) {
                return n;
            }
        }
        return null;
    }
}
