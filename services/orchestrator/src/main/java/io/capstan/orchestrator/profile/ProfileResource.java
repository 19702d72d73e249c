package io.capstan.orchestrator.profile;

import io.capstan.orchestrator.audit.AuditLog;
import io.capstan.orchestrator.auth.Role;
import io.capstan.orchestrator.cluster.ClusterName;
import io.capstan.orchestrator.problem.FieldError;
import io.capstan.orchestrator.problem.JsonBodies;
import io.capstan.orchestrator.problem.Problem;
import io.capstan.orchestrator.problem.ProblemException;
import io.capstan.orchestrator.problem.ProblemKind;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** {@code /api/v1/profiles}: the settings shared by the clusters that name a profile. */
@Path("/api/v1/profiles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "profiles")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No or unknown bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role too low",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ProfileResource {

    @Inject
    Profiles profiles;

    @Inject
    SecurityIdentity identity;

    /** Creates or replaces a profile. */
    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN)
    @Operation(summary = "Create or replace a profile (role admin)",
            description = "A changed spec bumps the revision and, in the same transaction, the generation of every cluster using the "
                    + "profile, each with an io.capstan.cluster.updated.v1 event. An identical spec changes nothing.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProfileView.Body.class)))
    @APIResponse(responseCode = "200", description = "Replaced (or unchanged)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProfileView.class)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProfileView.class)))
    @APIResponse(responseCode = "400", description = "Body is not a JSON object",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than 256 KiB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid name or spec (for example an inline secret), each field named in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response put(@PathParam("name") String name, String body) {
        List<FieldError> errors = new ArrayList<>();
        ClusterName.problem(name).ifPresent(p -> errors.add(new FieldError("name", "profile name " + p)));
        JsonNode node = JsonBodies.object(body);
        errors.addAll(ProfileCheck.check(node));
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemKind.INVALID_FIELDS, "The profile has invalid fields.", errors);
        }
        Profiles.PutResult r = putRetryingInsertRace(name, node.get("spec"), AuditLog.actorOf(identity));
        return r.created()
                ? Response.created(URI.create("/api/v1/profiles/" + name)).entity(r.profile()).build()
                : Response.ok(r.profile()).build();
    }

    /**
     * {@link Profiles#put} in its own transaction; when a concurrent PUT of the same new name inserted the row first
     * (primary key violation, SQLSTATE 23505), the call is repeated in a new transaction, which then finds the row and
     * answers as a replace (200).
     */
    private Profiles.PutResult putRetryingInsertRace(String name, JsonNode spec, String actor) {
        for (int attempt = 1; ; attempt++) {
            try {
                return profiles.put(name, spec, actor);
            } catch (RuntimeException e) {
                if (attempt >= 3 || !Profiles.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    /** Reads a profile. */
    @GET
    @Path("{name}")
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "Read a profile (role viewer)")
    @APIResponse(responseCode = "200", description = "The profile",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProfileView.class)))
    @APIResponse(responseCode = "404", description = "Not defined (also any name that is not a DNS-1123 label)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ProfileView get(@PathParam("name") String name) {
        if (ClusterName.problem(name).isPresent()) {
            throw new ProblemException(ProblemKind.NOT_FOUND, "No profile can have this name: a profile name is a DNS-1123 label.");
        }
        return profiles.find(name).orElseThrow(() ->
                new ProblemException(ProblemKind.NOT_FOUND, "Profile '" + name + "' is not defined."));
    }

    /** Lists profiles. */
    @GET
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "List profiles (role viewer)", description = "Every profile, ordered by name (no paging: profiles are few).")
    @APIResponse(responseCode = "200", description = "{items: [...]}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProfileView.Page.class)))
    public ProfileView.Page list() {
        return new ProfileView.Page(profiles.list());
    }
}
