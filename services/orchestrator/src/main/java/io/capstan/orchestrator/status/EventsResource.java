package io.capstan.orchestrator.status;

import io.capstan.orchestrator.auth.Role;
import io.capstan.orchestrator.problem.Problem;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** {@code /api/v1/events}: server-sent events mirroring the status changes as the orchestrator consumes them. */
@Path("/api/v1/events")
@Tag(name = "events")
@SecurityRequirement(name = "bearer")
public class EventsResource {

    @Inject
    StatusStream stream;

    /** The stream of status changes from now on (no replay; read the current state with GET /api/v1/clusters). */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "Stream status changes (role viewer)",
            description = "text/event-stream; each event's data is a StatusChange JSON. ?cluster= keeps one cluster's changes. "
                    + "Changes from now on only; slow readers may miss events (read the clusters to resynchronize).")
    @APIResponse(responseCode = "200", description = "The stream",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = StatusChange.class)))
    @APIResponse(responseCode = "401", description = "No or unknown bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Multi<StatusChange> events(@QueryParam("cluster") String cluster) {
        return stream.changes(cluster);
    }
}
