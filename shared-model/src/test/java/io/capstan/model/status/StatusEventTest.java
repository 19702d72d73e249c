package io.capstan.model.status;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusEventTest {

    @Test
    void aComponentEntryIsKeyedByClusterAndComponent() {
        assertThat(new StatusEvent("alpha", "storage", null, 1, Instant.EPOCH, null, null).key()).isEqualTo("alpha/storage");
    }

    @Test
    void anObjectEntryAddsKindNamespaceAndName() {
        assertThat(StatusEvent.key("alpha", "storage", new StatusEvent.Subject("v1", "PersistentVolumeClaim", "apps", "data")))
                .isEqualTo("alpha/storage/PersistentVolumeClaim/apps/data");
    }

    @Test
    void aClusterScopedSubjectIsWrittenWithAnUnderscore() {
        assertThat(StatusEvent.key("alpha", "storage", new StatusEvent.Subject("storage.k8s.io/v1", "StorageClass", null, "fast")))
                .isEqualTo("alpha/storage/StorageClass/_/fast");
        assertThat(StatusEvent.key("alpha", "storage", new StatusEvent.Subject("storage.k8s.io/v1", "StorageClass", "", "fast")))
                .isEqualTo("alpha/storage/StorageClass/_/fast");
    }

    @Test
    void conditionsAreCopiedAndNeverNull() {
        List<Condition> list = new ArrayList<>(List.of(Condition.of("Ready", ConditionStatus.True, "Done", "")));
        StatusEvent e = new StatusEvent("alpha", "storage", null, 1, Instant.EPOCH, list, null);
        list.clear();
        assertThat(e.conditions()).hasSize(1);
        assertThat(new StatusEvent("alpha", "storage", null, 1, Instant.EPOCH, null, null).conditions()).isEmpty();
        assertThatThrownBy(() -> new StatusEvent(null, "storage", null, 1, null, null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new StatusEvent.Subject("v1", null, "ns", "n")).isInstanceOf(NullPointerException.class);
    }
}
