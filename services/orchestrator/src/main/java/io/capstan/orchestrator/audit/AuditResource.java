package io.capstan.orchestrator.audit;

import io.capstan.orchestrator.auth.Role;
import io.capstan.orchestrator.cluster.ClusterName;
import io.capstan.orchestrator.problem.Problem;
import io.capstan.orchestrator.problem.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/** {@code /api/v1/audit}: the audit trail, newest first (role admin). */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
@SecurityRequirement(name = "bearer")
public class AuditResource {

    /**
     * One audit entry.
     *
     * @param id     increasing id
     * @param at     when
     * @param actor  {@code <role>:<sha-256 prefix of the token>} or {@code system}
     * @param action for example {@code cluster.register}
     * @param target for example {@code cluster/alpha}
     * @param detail extra words
     */
    @Schema(name = "AuditEntry")
    public record Entry(long id, Instant at, String actor, String action, String target, String detail) {
    }

    /**
     * A list of entries.
     *
     * @param items newest first
     */
    @Schema(name = "AuditList")
    public record Page(List<Entry> items) {
    }

    @GET
    @RolesAllowed(Role.ADMIN)
    @Transactional
    @Operation(summary = "Read the audit trail (role admin)", description = "Newest first; ?cluster= keeps one cluster's entries; ?limit= 1-1000 (default 100); a bad value is a 422.")
    @APIResponse(responseCode = "200", description = "{items: [...]}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class)))
    @APIResponse(responseCode = "401", description = "No or unknown bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role too low",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Bad query parameter (limit not 1-1000, cluster not a DNS-1123 label), named in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page list(@QueryParam("cluster") String cluster,
                     @QueryParam("limit") @Parameter(description = "1-1000, default 100", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100")) String limit) {
        int n = QueryParams.limit("limit", limit, 100, 1000);
        if (cluster != null && !cluster.isBlank() && ClusterName.problem(cluster).isPresent()) {
            throw QueryParams.invalid("cluster", "must be a cluster name (a DNS-1123 label)");
        }
        List<AuditEntity> rows = cluster == null || cluster.isBlank()
                ? AuditEntity.<AuditEntity>find("order by id desc").page(0, n).list()
                : AuditEntity.<AuditEntity>find("target = ?1 order by id desc", "cluster/" + cluster).page(0, n).list();
        return new Page(rows.stream().map(r -> new Entry(r.id, r.at, r.actor, r.action, r.target, r.detail)).toList());
    }
}
