package io.capstan.gateways.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.gateways.route.ParentRef;
import io.capstan.gateways.route.RouteStatus;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Capstan's entries in HTTPRoute status.parents beside other controllers' (pure). */
class RouteStatusMergeTest {

    private static final ParentRef EDGE = new ParentRef("gateway.networking.k8s.io", "Gateway", "capstan-gateways",
        "edge", null, null);
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    private static RouteStatus.Parent parent(ConditionStatus accepted, String reason) {
        return new RouteStatus.Parent(EDGE, List.of(
            new Condition("Accepted", accepted, reason, "m", null, 3),
            new Condition("ResolvedRefs", ConditionStatus.True, "ResolvedRefs", "ok", null, 3)), List.of("http"));
    }

    @Test
    void othersEntriesAreKeptTransitionTimesSurviveAndAnUnchangedOutcomeGivesAnEqualStatus() throws Exception {
        JsonNode istio = new ObjectMapper().readTree("""
            {"parents": [{"parentRef": {"name": "edge"}, "controllerName": "istio.io/gateway-controller",
              "conditions": [{"type": "Accepted", "status": "True", "reason": "Accepted"}]}]}""");
        JsonNode first = RouteStatusMerge.merge(istio, List.of(parent(ConditionStatus.True, "Accepted")), T0);
        assertThat(first.path("parents")).hasSize(2);
        assertThat(first.at("/parents/0/controllerName").asText()).isEqualTo("istio.io/gateway-controller");
        assertThat(first.at("/parents/1/controllerName").asText()).isEqualTo("capstan.io/gateways");
        assertThat(first.at("/parents/1/parentRef").toString()).isEqualTo("{\"group\":\"gateway.networking.k8s.io\","
            + "\"kind\":\"Gateway\",\"namespace\":\"capstan-gateways\",\"name\":\"edge\"}");
        assertThat(first.at("/parents/1/conditions/0/lastTransitionTime").asText()).isEqualTo("2026-11-29T10:00:00Z");
        assertThat(first.at("/parents/1/conditions/0/observedGeneration").asLong()).isEqualTo(3);

        JsonNode again = RouteStatusMerge.merge(first, List.of(parent(ConditionStatus.True, "Accepted")),
            T0.plusSeconds(600));
        assertThat(EdgeReconciler.semanticEquals(again, first)).isTrue();
        JsonNode roundTripped = new ObjectMapper().readTree(first.toString());
        assertThat(EdgeReconciler.semanticEquals(again, roundTripped)).as("int vs long, as read back").isTrue();

        JsonNode refused = RouteStatusMerge.merge(again, List.of(parent(ConditionStatus.False, "NotAllowedByListeners")),
            T0.plusSeconds(900));
        assertThat(refused.at("/parents/1/conditions/0/lastTransitionTime").asText()).isEqualTo("2026-11-29T10:15:00Z");
        assertThat(refused.at("/parents/1/conditions/1/lastTransitionTime").asText()).isEqualTo("2026-11-29T10:00:00Z");

        JsonNode withdrawn = RouteStatusMerge.merge(refused, List.of(), T0);
        assertThat(withdrawn.path("parents")).hasSize(1);
        assertThat(withdrawn.at("/parents/0/controllerName").asText()).isEqualTo("istio.io/gateway-controller");
    }
}
