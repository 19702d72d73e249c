package io.capstan.orchestrator.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.cluster.Profile;
import io.capstan.model.event.Json;
import io.capstan.orchestrator.profile.ProfileEntity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Builds the {@link ClusterEvent} payload of a cluster row with its resolved profile. */
public final class ClusterEvents {

    private ClusterEvents() {
    }

    /**
     * The event payload.
     *
     * @param cluster the row
     * @param profile the profile row, or null when the profile is not defined yet ({@link Profile#empty})
     */
    public static ClusterEvent of(ClusterEntity cluster, ProfileEntity profile) {
        Profile p = profile == null ? Profile.empty(cluster.profileName) : toProfile(profile);
        return new ClusterEvent(cluster.name, Infrastructure.fromWire(cluster.infrastructure), cluster.site,
                labels(cluster.labels), p, cluster.generation, cluster.deleting, null);
    }

    /** The profile of a row. */
    public static Profile toProfile(ProfileEntity e) {
        try {
            return new Profile(e.name, Json.MAPPER.readTree(e.spec), e.revision);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Parses the labels column. */
    public static Map<String, String> labels(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return Json.MAPPER.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
