package io.capstan.kit.cluster;

import io.capstan.model.cluster.ClusterEvent;
import io.capstan.sandbox.junit.Sandbox;
import io.capstan.sandbox.junit.SandboxCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Against the sandbox's management API server and two sandbox clusters (fabric8 mock servers in CRUD mode: an
 * emulator, no controllers; only a Secret GET and plain CRUD are used, as against a real kube-apiserver).
 */
class KubeconfigClustersTest {

    private static Sandbox sandbox;
    private static SandboxCluster one;
    private static SandboxCluster two;
    private static KubeconfigClusters clusters;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.shared();
        one = sandbox.cluster("kit-one");
        two = sandbox.cluster("kit-two");
        clusters = new KubeconfigClusters("kit-test", sandbox.managementClient(), sandbox.managementNamespace(), null,
                Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        clusters.close();
    }

    private static void secret(String cluster, Map<String, String> data) {
        KubernetesClient m = sandbox.managementClient();
        String ns = sandbox.managementNamespace();
        String name = ClusterEvent.kubeconfigSecretName(cluster);
        m.secrets().inNamespace(ns).withName(name).delete();
        m.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(ns)
                .endMetadata().withData(data).build()).create();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aClientIsCachedWhileTheSecretIsUnchangedAndRebuiltWhenItChanges() {
        String c = "kit-cached";
        secret(c, Map.of(ClusterEvent.KUBECONFIG_KEY, b64(one.kubeconfig())));
        KubernetesClient first = clusters.open(c, ClusterEvent.kubeconfigSecretName(c));
        first.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("on-one").endMetadata().build()).create();
        assertThat(clusters.open(c, ClusterEvent.kubeconfigSecretName(c))).as("same Secret content").isSameAs(first);
        assertThat(one.client().namespaces().withName("on-one").get()).as("the client talks to cluster one").isNotNull();

        secret(c, Map.of(ClusterEvent.KUBECONFIG_KEY, b64(two.kubeconfig())));
        KubernetesClient second = clusters.open(c, ClusterEvent.kubeconfigSecretName(c));
        assertThat(second).as("a changed Secret builds a new client").isNotSameAs(first);
        assertThat(second.namespaces().withName("on-one").get()).as("now cluster two").isNull();
        assertThat(clusters.opened()).contains(c);

        clusters.close(c);
        assertThat(clusters.opened()).doesNotContain(c);
    }

    @Test
    void anUnusableSecretIsKubeconfigMissingNamingTheSecretNeverItsContent() {
        String secretText = "token: s3cr3t-value\n  ]]: {{ not yaml";
        secret("kit-garbage", Map.of(ClusterEvent.KUBECONFIG_KEY, b64(secretText)));
        assertThatThrownBy(() -> clusters.open("kit-garbage", ClusterEvent.kubeconfigSecretName("kit-garbage")))
                .isInstanceOf(KubeconfigMissingException.class)
                .hasMessageContaining(ClusterEvent.kubeconfigSecretName("kit-garbage"))
                .hasMessageNotContaining("s3cr3t")
                .hasNoCause();

        secret("kit-nokey", Map.of("other", b64(one.kubeconfig())));
        assertThatThrownBy(() -> clusters.open("kit-nokey", ClusterEvent.kubeconfigSecretName("kit-nokey")))
                .isInstanceOf(KubeconfigMissingException.class).hasMessageEndingWith("has no key value");

        secret("kit-notb64", Map.of(ClusterEvent.KUBECONFIG_KEY, "%%%not base64%%%"));
        assertThatThrownBy(() -> clusters.open("kit-notb64", ClusterEvent.kubeconfigSecretName("kit-notb64")))
                .isInstanceOf(KubeconfigMissingException.class).hasMessageEndingWith("is not base64");

        assertThatThrownBy(() -> clusters.open("kit-absent", ClusterEvent.kubeconfigSecretName("kit-absent")))
                .isInstanceOf(KubeconfigMissingException.class).hasMessageEndingWith("does not exist");
        assertThat(clusters.opened()).doesNotContain("kit-garbage", "kit-nokey", "kit-notb64", "kit-absent");
    }
}
