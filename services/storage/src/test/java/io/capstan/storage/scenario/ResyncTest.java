package io.capstan.storage.scenario;

import io.capstan.model.cluster.Infrastructure;
import io.capstan.sandbox.junit.SandboxCluster;
import io.capstan.sandbox.junit.SandboxResource;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The periodic resync alone restores Capstan's class: no ResourceEvent is sent for the deletion. */
@QuarkusTest
@QuarkusTestResource(SandboxResource.class)
@TestProfile(ResyncTest.ShortResync.class)
class ResyncTest {

    /** Resync every 2 seconds. */
    public static class ShortResync implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("capstan.storage.resync-interval", "2s");
        }
    }

    @Test
    void theResyncAloneRestoresADeletedClass() {
        try (Fleet fleet = new Fleet()) {
            SandboxCluster c = fleet.cluster("india");
            fleet.register(Fleet.event("india", Infrastructure.STANDALONE, Fleet.SANDBOX_STORAGE, 1, false));
            try (KubernetesClient client = c.client()) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> client.storage().v1().storageClasses().withName("capstan-standard").get() != null);
                String uid = client.storage().v1().storageClasses().withName("capstan-standard").get().getMetadata().getUid();
                client.storage().v1().storageClasses().withName("capstan-standard").delete();
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                    StorageClass sc = client.storage().v1().storageClasses().withName("capstan-standard").get();
                    assertThat(sc).isNotNull();
                    assertThat(sc.getMetadata().getUid()).isNotEqualTo(uid);
                });
            }
        }
    }
}
