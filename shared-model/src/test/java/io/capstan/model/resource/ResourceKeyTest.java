package io.capstan.model.resource;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourceKeyTest {

    @ParameterizedTest(name = "{5}")
    @CsvSource(nullValues = "null", value = {
            "alpha, storage.k8s.io, StorageClass, null, fast, alpha/storage.k8s.io/StorageClass/_/fast",
            "alpha, '', ConfigMap, apps, cm, alpha/core/ConfigMap/apps/cm",
            "alpha, null, Namespace, '', apps, alpha/core/Namespace/_/apps",
            "beta, cert-manager.io, Certificate, web, tls, beta/cert-manager.io/Certificate/web/tls"})
    void aKeyRoundTripsThroughItsText(String cluster, String group, String kind, String ns, String name, String text) {
        ResourceKey key = new ResourceKey(cluster, group, kind, ns, name);
        assertThat(key.toKey()).isEqualTo(text);
        assertThat(key.toString()).isEqualTo(text);
        assertThat(ResourceKey.parse(text)).isEqualTo(key);
        assertThat(ResourceKey.parse(text).toKey()).isEqualTo(text);
    }

    @Test
    void theCoreGroupAndClusterScopeAreStoredEmpty() {
        ResourceKey k = ResourceKey.parse("alpha/core/Node/_/n1");
        assertThat(k.group()).isEmpty();
        assertThat(k.namespace()).isEmpty();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "alpha", "alpha/core/ConfigMap/cm", "alpha/core/ConfigMap/apps/cm/extra",
            "alpha//ConfigMap/apps/cm", "/core/ConfigMap/apps/cm", "alpha/core/ConfigMap/apps/"})
    void aMalformedKeyIsRefused(String text) {
        assertThatThrownBy(() -> ResourceKey.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resource key");
    }

    @Test
    void anEventKnowsItsKey() {
        ResourceEvent e = new ResourceEvent("alpha", "v1", "PersistentVolumeClaim", "apps", "data", "u", "1", 0,
                Instant.EPOCH, JsonNodeFactory.instance.objectNode());
        assertThat(e.group()).isEmpty();
        assertThat(e.key().toKey()).isEqualTo("alpha/core/PersistentVolumeClaim/apps/data");
        ResourceEvent sc = new ResourceEvent("alpha", "storage.k8s.io/v1", "StorageClass", null, "fast", "u", "1", 0,
                Instant.EPOCH, JsonNodeFactory.instance.objectNode());
        assertThat(sc.key().toKey()).isEqualTo("alpha/storage.k8s.io/StorageClass/_/fast");
    }
}
