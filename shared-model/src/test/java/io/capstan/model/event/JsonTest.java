package io.capstan.model.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    @Test
    void aClusterEventRoundTripsWithLowercaseInfrastructureAndNoNulls() {
        ClusterEvent e = new ClusterEvent("alpha", Infrastructure.OPENSTACK, null, Map.of("a", "b"), null, 1, false, null);
        String json = Json.write(e);
        assertThat(json).contains("\"infrastructure\":\"openstack\"").doesNotContain("site").doesNotContain("null");
        assertThat(Json.read(json, ClusterEvent.class)).isEqualTo(e);
    }

    @Test
    void instantsAreIsoTextAndUnknownFieldsAreIgnored() throws Exception {
        Condition c = new Condition("Ready", ConditionStatus.True, "Done", "", Instant.parse("2025-01-02T03:04:05Z"), 3);
        JsonNode tree = Json.MAPPER.readTree(Json.write(c));
        assertThat(tree.get("lastTransitionTime").asText()).isEqualTo("2025-01-02T03:04:05Z");
        String newer = Json.write(c).replace("{", "{\"addedInV1Later\":42,");
        assertThat(Json.read(newer, Condition.class)).isEqualTo(c);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void anEmptyBodyIsPoison(String body) {
        assertThatThrownBy(() -> Json.read(body, ClusterEvent.class))
                .isInstanceOfSatisfying(PoisonEventException.class, e -> assertThat(e.reason()).isEqualTo("MalformedPayload"))
                .hasMessageContaining("ClusterEvent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "[1,2]", "\"text\"", "{\"name\":\"alpha\",\"infrastructure\":\"baremetal\"}",
            "{\"infrastructure\":\"eks\"}"})
    void aBodyOfTheWrongShapeIsPoison(String body) {
        assertThatThrownBy(() -> Json.read(body, ClusterEvent.class))
                .isInstanceOfSatisfying(PoisonEventException.class, e -> assertThat(e.reason()).isEqualTo("MalformedPayload"))
                .hasMessageStartingWith("body is not a ClusterEvent");
    }

    @Test
    void aConditionBreakingItsRulesIsPoisonNotACrash() {
        String json = "{\"type\":\"Ready\",\"status\":\"Yes\",\"reason\":\"Done\"}";
        assertThatThrownBy(() -> Json.read(json, Condition.class)).isInstanceOf(PoisonEventException.class);
        String notCamel = "{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"not camel\"}";
        assertThatThrownBy(() -> Json.read(notCamel, Condition.class)).isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("CamelCase");
    }
}
