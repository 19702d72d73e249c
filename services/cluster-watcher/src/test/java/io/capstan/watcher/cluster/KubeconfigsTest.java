package io.capstan.watcher.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Kubeconfig checks are pure text checks: no Quarkus needed. */
class KubeconfigsTest {

    private static final String GOOD = """
            apiVersion: v1
            kind: Config
            current-context: c
            contexts:
            - name: c
              context: {cluster: k, user: u}
            clusters:
            - name: k
              cluster: {server: "https://127.0.0.1:6443", insecure-skip-tls-verify: true}
            users:
            - name: u
              user: {token: s3cr3t-token}
            """;

    @Test
    void usableKubeconfigHasNoProblem() {
        assertThat(Kubeconfigs.problem(GOOD)).isEmpty();
    }

    @Test
    void problemsNameTheMissingPartAndNeverQuoteTheContent() {
        assertThat(Kubeconfigs.problem("{{{ not yaml token: s3cr3t-token")).hasValue("kubeconfig is not YAML");
        assertThat(Kubeconfigs.problem(GOOD.replace("current-context: c", ""))).hasValue("kubeconfig has no current-context");
        assertThat(Kubeconfigs.problem(GOOD.replace("cluster: k,", "cluster: other,"))).get().asString().contains("names no defined cluster");
        assertThat(Kubeconfigs.problem(GOOD.replace("server: \"https://127.0.0.1:6443\", ", ""))).get().asString().contains("has no server");
        assertThat(Kubeconfigs.problem("just a string")).get().asString().doesNotContain("just a string");
    }

    @Test
    void fingerprintChangesWithTheContentAndHidesIt() {
        assertThat(Kubeconfigs.fingerprint(GOOD)).isEqualTo(Kubeconfigs.fingerprint(GOOD)).hasSize(64)
                .isNotEqualTo(Kubeconfigs.fingerprint(GOOD.replace("s3cr3t", "other")))
                .doesNotContain("s3cr3t");
    }
}
