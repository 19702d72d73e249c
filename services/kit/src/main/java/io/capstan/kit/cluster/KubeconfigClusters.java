package io.capstan.kit.cluster;

import io.capstan.model.cluster.ClusterEvent;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens workload clusters from their kubeconfig Secrets ({@code <cluster>-kubeconfig}, key {@code value}, in the
 * management namespace: the Cluster API convention), read through the management client. One fabric8 client per
 * cluster, cached, rebuilt when the Secret's content changes (compared by SHA-256, never logged) and closed by
 * {@link #close(String)}. The kubeconfig text never leaves this class: not in a log line, an exception message or a
 * status.
 *
 * <p>Every call works against a real kube-apiserver: one GET of the Secret per {@link #open}, nothing else. Workload
 * clients get the caller's request and connect timeouts and no request retries (the work queue retries passes).
 * Thread-safe.
 */
public final class KubeconfigClusters implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KubeconfigClusters.class);

    private record Open(String digest, KubernetesClient client) {
    }

    private final String component;
    private final KubernetesClient management;
    private final String namespace;
    private final HttpClient.Factory httpClients;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final Map<String, Open> open = new ConcurrentHashMap<>();

    /**
     * @param component      component name (for example {@code storage}), in log lines only
     * @param management     client of the management cluster (owned by the caller, never closed here)
     * @param namespace      the management namespace holding the kubeconfig Secrets ({@code capstan.management.namespace})
     * @param httpClients    HTTP client factory of the workload clients (a Quarkus service passes
     *                       {@code new VertxHttpClientFactory(vertx)}); null: fabric8's default from the class path
     * @param requestTimeout per-request timeout of workload clients, positive
     * @param connectTimeout connection timeout of workload clients, positive
     */
    public KubeconfigClusters(String component, KubernetesClient management, String namespace,
                              HttpClient.Factory httpClients, Duration requestTimeout, Duration connectTimeout) {
        this.component = Objects.requireNonNull(component, "component");
        this.management = Objects.requireNonNull(management, "management");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.httpClients = httpClients;
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    /**
     * The client of a cluster: the cached one while the Secret's content is unchanged, else a new one (the previous
     * one is closed). Reads the Secret on every call.
     *
     * @param cluster    cluster name
     * @param secretName the kubeconfig Secret's name ({@link ClusterEvent#kubeconfigSecret()})
     * @return a client owned by this cache: do not close it, call {@link #close(String)}
     * @throws KubeconfigMissingException  when the Secret or its {@code value} key is absent, not base64, or not a
     *                                     kubeconfig
     * @throws ClusterUnreachableException when the management API server refused or failed the read
     */
    public KubernetesClient open(String cluster, String secretName) {
        String kubeconfig = read(cluster, secretName);
        String digest = sha256(kubeconfig);
        Open current = open.get(cluster);
        if (current != null && current.digest.equals(digest)) {
            return current.client;
        }
        KubernetesClient client;
        try {
            Config config = Config.fromKubeconfig(kubeconfig);
            config.setRequestTimeout((int) requestTimeout.toMillis());
            config.setConnectionTimeout((int) connectTimeout.toMillis());
            config.setRequestRetryBackoffLimit(0);
            KubernetesClientBuilder b = new KubernetesClientBuilder().withConfig(config);
            if (httpClients != null) {
                b.withHttpClientFactory(httpClients);
            }
            client = b.build();
        } catch (RuntimeException e) {
            // the parser's message may quote the file: never pass it on
            throw new KubeconfigMissingException("Secret " + namespace + "/" + secretName + " key "
                    + ClusterEvent.KUBECONFIG_KEY + " is not a usable kubeconfig");
        }
        Open next = new Open(digest, client);
        Open previous = open.put(cluster, next);
        if (previous != null) {
            previous.client.close();
        }
        LOG.infof("%s: cluster %s: client opened from Secret %s/%s", component, cluster, namespace, secretName);
        return next.client;
    }

    /** Closes and forgets the client of a cluster (deleted, or its partition revoked); nothing if none is open. */
    public void close(String cluster) {
        Open o = open.remove(cluster);
        if (o != null) {
            o.client.close();
        }
    }

    /** The clusters with an open client. */
    public Set<String> opened() {
        return Set.copyOf(open.keySet());
    }

    /** Closes every client. */
    @Override
    public void close() {
        open.keySet().forEach(this::close);
    }

    private String read(String cluster, String secretName) {
        Secret s;
        try {
            s = management.secrets().inNamespace(namespace).withName(secretName).get();
        } catch (KubernetesClientException e) {
            throw new ClusterUnreachableException("management API: reading Secret " + namespace + "/" + secretName
                    + " failed with HTTP " + e.getCode(), null);
        }
        if (s == null) {
            throw new KubeconfigMissingException("Secret " + namespace + "/" + secretName + " of cluster " + cluster + " does not exist");
        }
        String key = ClusterEvent.KUBECONFIG_KEY;
        if (s.getData() != null && s.getData().get(key) != null) {
            try {
                return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new KubeconfigMissingException("Secret " + namespace + "/" + secretName + " key " + key + " is not base64");
            }
        }
        if (s.getStringData() != null && s.getStringData().get(key) != null) {
            return s.getStringData().get(key);
        }
        throw new KubeconfigMissingException("Secret " + namespace + "/" + secretName + " has no key " + key);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
