package io.capstan.model.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventHeadersTest {

    static final Instant NOW = Instant.parse("2025-03-01T10:15:30.5Z");

    static Map<String, String> text(Map<String, byte[]> h) {
        Map<String, String> out = new LinkedHashMap<>();
        h.forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void anEventWritesTheBinaryModeHeadersAndReadsThemBack() {
        CloudEventHeaders h = CloudEventHeaders.of("/capstan/storage", EventTypes.STATUS_CHANGED, "alpha/storage", NOW, false);
        Map<String, byte[]> kafka = h.toKafkaHeaders();
        assertThat(text(kafka)).containsExactly(
                Map.entry("ce_specversion", "1.0"),
                Map.entry("ce_id", h.id()),
                Map.entry("ce_source", "/capstan/storage"),
                Map.entry("ce_type", EventTypes.STATUS_CHANGED),
                Map.entry("ce_subject", "alpha/storage"),
                Map.entry("ce_time", "2025-03-01T10:15:30.500Z"),
                Map.entry("content-type", "application/json"));
        assertThat(CloudEventHeaders.fromKafkaHeaders(kafka)).isEqualTo(h);
    }

    @Test
    void aTombstoneHasNoContentTypeAndEachEventAFreshId() {
        CloudEventHeaders a = CloudEventHeaders.of("/capstan/orchestrator", EventTypes.CLUSTER_DELETED, "alpha", NOW, true);
        CloudEventHeaders b = CloudEventHeaders.of("/capstan/orchestrator", EventTypes.CLUSTER_DELETED, "alpha", NOW, true);
        assertThat(a.toKafkaHeaders()).doesNotContainKey("content-type");
        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(CloudEventHeaders.fromKafkaHeaders(a.toKafkaHeaders()).contentType()).isNull();
    }

    @Test
    void optionalSubjectAndTimeMayBeAbsent() {
        CloudEventHeaders h = new CloudEventHeaders("1", "/s", EventTypes.CLUSTER_UPDATED, null, null, null);
        assertThat(h.toKafkaHeaders()).containsOnlyKeys("ce_specversion", "ce_id", "ce_source", "ce_type");
        assertThat(CloudEventHeaders.fromKafkaHeaders(h.toKafkaHeaders())).isEqualTo(h);
    }

    @Test
    void requiredAttributesAreRequiredWhenBuilt() {
        assertThatThrownBy(() -> new CloudEventHeaders(null, "/s", "t", null, null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new CloudEventHeaders("1", null, "t", null, null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new CloudEventHeaders("1", "/s", null, null, null, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void headersWithoutSpecVersionAreNotACloudEvent() {
        Map<String, byte[]> h = CloudEventHeaders.of("/s", EventTypes.CLUSTER_UPDATED, "a", NOW, false).toKafkaHeaders();
        h.remove("ce_specversion");
        assertThatThrownBy(() -> CloudEventHeaders.fromKafkaHeaders(h))
                .isInstanceOfSatisfying(PoisonEventException.class, e -> assertThat(e.reason()).isEqualTo("NotACloudEvent"))
                .hasMessageContaining("missing");
    }

    @Test
    void anotherSpecVersionIsNotACloudEventOfOurs() {
        Map<String, byte[]> h = CloudEventHeaders.of("/s", EventTypes.CLUSTER_UPDATED, "a", NOW, false).toKafkaHeaders();
        h.put("ce_specversion", "0.3".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> CloudEventHeaders.fromKafkaHeaders(h))
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("'0.3'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ce_id", "ce_source", "ce_type"})
    void aMissingRequiredAttributeIsPoison(String name) {
        Map<String, byte[]> h = CloudEventHeaders.of("/s", EventTypes.CLUSTER_UPDATED, "a", NOW, false).toKafkaHeaders();
        h.remove(name);
        assertThatThrownBy(() -> CloudEventHeaders.fromKafkaHeaders(h))
                .isInstanceOfSatisfying(PoisonEventException.class, e -> assertThat(e.reason()).isEqualTo("NotACloudEvent"));
    }

    @Test
    void aTimeThatIsNotRfc3339IsPoison() {
        Map<String, byte[]> h = CloudEventHeaders.of("/s", EventTypes.CLUSTER_UPDATED, "a", NOW, false).toKafkaHeaders();
        h.put("ce_time", "yesterday".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> CloudEventHeaders.fromKafkaHeaders(h))
                .isInstanceOfSatisfying(PoisonEventException.class, e -> assertThat(e.reason()).isEqualTo("NotACloudEvent"))
                .hasMessageContaining("yesterday");
    }
}
