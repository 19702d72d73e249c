package io.capstan.orchestrator.status;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One server-sent event of {@code GET /api/v1/events}: a status entry changed or was removed.
 *
 * @param type    {@code io.capstan.status.changed.v1} or {@code io.capstan.status.removed.v1}
 * @param key     the capstan.status key
 * @param cluster cluster name
 * @param status  the entry after the change, null when removed
 */
@Schema(name = "StatusChange")
public record StatusChange(String type, String key, String cluster, StatusViews.StatusItem status) {
}
