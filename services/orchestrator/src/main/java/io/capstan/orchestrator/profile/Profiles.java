package io.capstan.orchestrator.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.model.Topics;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.orchestrator.audit.AuditLog;
import io.capstan.orchestrator.cluster.ClusterEntity;
import io.capstan.orchestrator.cluster.ClusterEvents;
import io.capstan.orchestrator.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Profiles: define, change, read. A changed spec bumps the revision, and, in the same transaction, the generation of
 * every cluster that names the profile (except clusters being deleted), each with an {@code updated} event.
 */
@ApplicationScoped
public class Profiles {

    @Inject
    Outbox outbox;

    @Inject
    AuditLog audit;

    /**
     * The outcome of a PUT.
     *
     * @param profile the stored profile
     * @param created true when it did not exist
     * @param changed true when the spec changed (always true when created)
     * @param clustersUpdated number of clusters whose generation was bumped
     */
    public record PutResult(ProfileView profile, boolean created, boolean changed, int clustersUpdated) {
    }

    /**
     * Creates or replaces a profile's spec. An identical spec changes nothing (no revision, no events).
     *
     * @param spec a validated JSON object ({@link ProfileCheck})
     */
    @Transactional
    public PutResult put(String name, JsonNode spec, String actor) {
        Instant now = Instant.now();
        ProfileEntity p = ProfileEntity.findById(name);
        boolean created = p == null;
        if (!created && parse(p.spec).equals(spec)) {
            return new PutResult(view(p), false, false, 0);
        }
        if (created) {
            p = new ProfileEntity();
            p.name = name;
            p.revision = 0;
            p.createdAt = now;
        }
        p.spec = Json.write(spec);
        p.revision++;
        p.updatedAt = now;
        p.persistAndFlush();
        List<ClusterEntity> users = ClusterEntity.list("profileName = ?1 and deleting = false order by name", name);
        for (ClusterEntity c : users) {
            c.generation++;
            c.updatedAt = now;
            outbox.append(Topics.CLUSTERS, c.name, EventTypes.CLUSTER_UPDATED, ClusterEvents.of(c, p));
        }
        audit.record(actor, created ? "profile.create" : "profile.update", "profile/" + name,
                "revision=" + p.revision + " clusters=" + users.size());
        return new PutResult(view(p), created, true, users.size());
    }

    /** The profile, or empty. */
    @Transactional
    public Optional<ProfileView> find(String name) {
        ProfileEntity p = ProfileEntity.findById(name);
        return p == null ? Optional.empty() : Optional.of(view(p));
    }

    /** Every profile, by name. */
    @Transactional
    public List<ProfileView> list() {
        return ProfileEntity.<ProfileEntity>list("order by name").stream().map(Profiles::view).toList();
    }

    /**
     * True when {@code failure} or one of its causes is a unique or primary key violation (PostgreSQL SQLSTATE 23505,
     * PostgreSQL docs "Appendix A. Error Codes").
     */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException cv && "23505".equals(cv.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static ProfileView view(ProfileEntity p) {
        return new ProfileView(p.name, parse(p.spec), p.revision, p.createdAt, p.updatedAt);
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
