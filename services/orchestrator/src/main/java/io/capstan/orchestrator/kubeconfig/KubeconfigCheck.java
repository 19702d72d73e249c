package io.capstan.orchestrator.kubeconfig;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that a text is a usable kubeconfig (the {@code clientcmd/api/v1} {@code Config} shape: {@code clusters[]}
 * with {@code cluster.server}, {@code contexts[]} naming a cluster, and {@code current-context} naming one of them).
 *
 * <p>Pure: parses YAML (JSON is YAML too) and inspects it; contacts nothing. The problem messages it returns never
 * quote the text, only line numbers and key names, because a kubeconfig carries credentials.
 */
public final class KubeconfigCheck {

    /** Largest kubeconfig accepted, in characters (the request body limit is 256 KiB anyway). */
    public static final int MAX_LENGTH = 192 * 1024;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private KubeconfigCheck() {
    }

    /**
     * The reason the text is not a usable kubeconfig, or empty when it is.
     *
     * @param text kubeconfig YAML, may be null
     * @return a message for the {@code kubeconfig} field error; never contains any part of {@code text}
     */
    public static Optional<String> problem(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("kubeconfig is required");
        }
        if (text.length() > MAX_LENGTH) {
            return Optional.of("kubeconfig is longer than " + MAX_LENGTH + " characters");
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return Optional.of("kubeconfig is not valid YAML" + (at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ")"));
        } catch (RuntimeException e) {
            return Optional.of("kubeconfig is not valid YAML");
        }
        if (root == null || !root.isObject()) {
            return Optional.of("kubeconfig must be a YAML mapping (a clientcmd Config)");
        }
        JsonNode clusters = root.path("clusters");
        if (!clusters.isArray() || clusters.isEmpty()) {
            return Optional.of("kubeconfig has no clusters");
        }
        Set<String> clusterNames = new HashSet<>();
        for (JsonNode c : clusters) {
            String server = c.path("cluster").path("server").asText("");
            if (server.isBlank()) {
                return Optional.of("kubeconfig cluster '" + safeName(c.path("name").asText("")) + "' has no server");
            }
            clusterNames.add(c.path("name").asText(""));
        }
        JsonNode contexts = root.path("contexts");
        if (!contexts.isArray() || contexts.isEmpty()) {
            return Optional.of("kubeconfig has no contexts");
        }
        String current = root.path("current-context").asText("");
        if (current.isBlank()) {
            return Optional.of("kubeconfig has no current-context");
        }
        for (JsonNode ctx : contexts) {
            if (current.equals(ctx.path("name").asText())) {
                String cluster = ctx.path("context").path("cluster").asText("");
                if (!clusterNames.contains(cluster)) {
                    return Optional.of("kubeconfig current-context names a cluster that is not in clusters");
                }
                return Optional.empty();
            }
        }
        return Optional.of("kubeconfig current-context is not one of its contexts");
    }

    /**
     * The API server of the kubeconfig's current context, normalised for comparison: trimmed, without trailing
     * slashes, scheme and host in lower case ({@code https://10.0.0.1:6443}). An API server URL is not a credential.
     *
     * @param text a kubeconfig for which {@link #problem} is empty
     * @return the server, or empty when the text is not a usable kubeconfig
     */
    public static Optional<String> server(String text) {
        if (problem(text).isPresent()) {
            return Optional.empty();
        }
        try {
            JsonNode root = YAML.readTree(text);
            String current = root.path("current-context").asText("");
            String cluster = "";
            for (JsonNode ctx : root.path("contexts")) {
                if (current.equals(ctx.path("name").asText())) {
                    cluster = ctx.path("context").path("cluster").asText("");
                }
            }
            for (JsonNode c : root.path("clusters")) {
                if (cluster.equals(c.path("name").asText(""))) {
                    return Optional.of(normalise(c.path("cluster").path("server").asText("")));
                }
            }
            return Optional.empty();
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String normalise(String server) {
        String s = server.trim();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        int scheme = s.indexOf("://");
        int pathStart = s.indexOf('/', scheme < 0 ? 0 : scheme + 3);
        String head = pathStart < 0 ? s : s.substring(0, pathStart);
        return head.toLowerCase(java.util.Locale.ROOT) + (pathStart < 0 ? "" : s.substring(pathStart));
    }

    /** A name is shown only if it looks like a plain identifier (a pasted token would not). */
    private static String safeName(String name) {
        return name.length() <= 63 && name.matches("[A-Za-z0-9._@:-]*") ? name : "?";
    }
}
