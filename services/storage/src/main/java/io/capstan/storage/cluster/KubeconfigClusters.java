package io.capstan.storage.cluster;

import io.capstan.model.cluster.ClusterEvent;
import io.capstan.storage.reconcile.KubeconfigMissingException;
import io.capstan.storage.reconcile.WorkloadClusters;
import io.capstan.storage.reconcile.WorkloadStorage;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.capstan.storage.reconcile.ClusterUnreachableException;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens workload clusters from their kubeconfig Secrets ({@code <cluster>-kubeconfig}, key {@code value}, in the
 * management namespace), read through the management client. One fabric8 client per cluster, rebuilt when the
 * Secret's content changes (compared by SHA-256, never logged). The kubeconfig text never leaves this class: not in a
 * log line, an exception message or a status.
 */
public final class KubeconfigClusters implements WorkloadClusters, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KubeconfigClusters.class);

    private record Open(String digest, KubernetesClient client, WorkloadStorage storage) {
    }

    private final KubernetesClient management;
    private final String namespace;
    private final HttpClient.Factory httpClients;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final Map<String, Open> open = new ConcurrentHashMap<>();

    /**
     * @param management     client of the management cluster
     * @param namespace      the management namespace holding the kubeconfig Secrets
     * @param httpClients    HTTP client factory for workload clients (null: fabric8's default)
     * @param requestTimeout per-request timeout of workload clients
     * @param connectTimeout connection timeout of workload clients
     */
    public KubeconfigClusters(KubernetesClient management, String namespace, HttpClient.Factory httpClients,
                              Duration requestTimeout, Duration connectTimeout) {
        this.management = management;
        this.namespace = namespace;
        this.httpClients = httpClients;
        this.requestTimeout = requestTimeout;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public WorkloadStorage open(String cluster, String secretName) {
        String kubeconfig = read(cluster, secretName);
        String digest = sha256(kubeconfig);
        Open current = open.get(cluster);
        if (current != null && current.digest.equals(digest)) {
            return current.storage;
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
        Open next = new Open(digest, client, new Fabric8WorkloadStorage(cluster, client));
        Open previous = open.put(cluster, next);
        if (previous != null) {
            previous.client.close();
        }
        LOG.infof("cluster %s: client opened from Secret %s/%s", cluster, namespace, secretName);
        return next.storage;
    }

    @Override
    public void close(String cluster) {
        Open o = open.remove(cluster);
        if (o != null) {
            o.client.close();
        }
    }

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
