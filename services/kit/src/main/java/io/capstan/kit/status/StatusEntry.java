package io.capstan.kit.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.model.status.Condition;
import io.capstan.model.status.StatusEvent;

import java.util.List;

/**
 * One status entry before it is stamped: what a pass wants {@code capstan.status} to say about the component
 * ({@code subject} null) or one object.
 *
 * @param subject            the object, or null for the component entry
 * @param conditions         conditions without lastTransitionTime (stamped by {@link StatusLedger})
 * @param details            JSON object, may be null (a failure entry with null details keeps the published ones)
 * @param observedGeneration cluster generation for the component entry, the object's generation (or 0) for objects
 */
public record StatusEntry(StatusEvent.Subject subject, List<Condition> conditions, JsonNode details,
                          long observedGeneration) {

    public StatusEntry {
        conditions = List.copyOf(conditions);
    }
}
