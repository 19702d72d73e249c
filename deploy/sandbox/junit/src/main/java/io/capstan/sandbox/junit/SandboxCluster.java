package io.capstan.sandbox.junit;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sandbox workload cluster: a fabric8 CRUD mock API server on 127.0.0.1 with discovery, the Namespaces
 * {@code default} and {@code kube-system}, and the CRDs Capstan reads. Its kubeconfig holds a bearer token
 * ({@code capstan-sandbox-<32 hex>}) that counts as a secret: never print it.
 */
public final class SandboxCluster {

    private final Sandbox sandbox;
    private final String name;
    private final String url;
    private final Path kubeconfigPath;

    SandboxCluster(Sandbox sandbox, String name, String url, Path kubeconfigPath) {
        this.sandbox = sandbox;
        this.name = name;
        this.url = url;
        this.kubeconfigPath = kubeconfigPath;
    }

    /** @return the cluster name (also its kubeconfig context) */
    public String name() {
        return name;
    }

    /** @return API server URL, {@code http://127.0.0.1:<port>}; the same after stop/start */
    public String url() {
        return url;
    }

    /** @return absolute path of its kubeconfig (mode 0600) */
    public Path kubeconfigPath() {
        return kubeconfigPath;
    }

    /**
     * @return the kubeconfig file content (secret: store it in a Secret, never log it)
     * @throws UncheckedIOException when the file cannot be read
     */
    public String kubeconfig() {
        try {
            return Files.readString(kubeconfigPath, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + kubeconfigPath, e);
        }
    }

    /** @return a new fabric8 client built from the kubeconfig; the caller closes it */
    public KubernetesClient client() {
        return Sandbox.client(kubeconfigPath);
    }

    /** Closes the API server port; the objects stay (POST /clusters/{name}/stop). */
    public void stop() {
        sandbox.control("POST", "/clusters/" + name + "/stop");
    }

    /** Serves the cluster again on the same port with the same objects (POST /clusters/{name}/start). */
    public void start() {
        sandbox.control("POST", "/clusters/" + name + "/start");
    }

    /** Stops and forgets the cluster (DELETE /clusters/{name}); a later {@link Sandbox#cluster} starts it afresh. */
    public void delete() {
        sandbox.control("DELETE", "/clusters/" + name);
    }

    @Override
    public String toString() {
        return "SandboxCluster[" + name + " " + url + "]";
    }
}
