package io.capstan.orchestrator.cluster;

import io.capstan.orchestrator.audit.AuditLog;
import io.capstan.orchestrator.auth.Role;
import io.capstan.orchestrator.problem.FieldError;
import io.capstan.orchestrator.problem.JsonBodies;
import io.capstan.orchestrator.problem.Problem;
import io.capstan.orchestrator.problem.ProblemException;
import io.capstan.orchestrator.problem.ProblemKind;
import io.capstan.orchestrator.problem.QueryParams;
import io.capstan.orchestrator.status.Phase;
import io.capstan.orchestrator.status.PhaseRules;
import io.capstan.orchestrator.status.StatusViews;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code /api/v1/clusters}: register, list, read and delete workload clusters. */
@Path("/api/v1/clusters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "clusters")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No or unknown bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role too low",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ClusterResource {

    private static final Pattern KIND = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,62}");

    @Inject
    ClusterRegistry registry;

    @Inject
    StatusViews statusViews;

    @Inject
    SecurityIdentity identity;

    /** Registers a cluster; see {@link RegistrationCheck} for the field rules. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.OPERATOR)
    @Operation(summary = "Register a cluster (role operator)",
            description = "Stores the kubeconfig as the management Secret <name>-kubeconfig (key value, type cluster.x-k8s.io/secret), "
                    + "then writes the cluster and its io.capstan.cluster.registered.v1 event in one transaction. The kubeconfig is never returned.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClusterRequest.class)))
    @APIResponse(responseCode = "201", description = "Registered; Location names the cluster",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClusterView.class)))
    @APIResponse(responseCode = "400", description = "Body is not a JSON object",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Name taken (the detail says when that cluster is still being deleted), or a Secret of that name exists and is not Capstan's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than 256 KiB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid fields, each named in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Management API server unavailable; nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(String body, @jakarta.ws.rs.core.Context UriInfo uri) {
        RegistrationCheck.Result result = RegistrationCheck.check(JsonBodies.object(body));
        if (!result.valid()) {
            throw new ProblemException(ProblemKind.INVALID_FIELDS, "The registration has invalid fields.", result.errors());
        }
        ClusterView view = registry.register(result.registration(), AuditLog.actorOf(identity));
        return Response.created(URI.create("/api/v1/clusters/" + view.name())).entity(view).build();
    }

    /** Lists clusters. */
    @GET
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "List clusters (role viewer)",
            description = "Ordered by name. Paging: ?limit= (1-500, default 100) and ?continue=<token from the previous page>. "
                    + "Filters: ?infrastructure=, ?label=key=value (or ?label=key for presence), ?phase=. " + PhaseRules.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of clusters",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClusterView.Page.class)))
    @APIResponse(responseCode = "422", description = "Bad query parameter (limit, continue, infrastructure, label or phase), each named in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ClusterView.Page list(@QueryParam("infrastructure") @Parameter(schema = @Schema(enumeration = {"openstack", "eks", "aks", "gke", "private", "standalone"})) String infrastructure,
                                 @QueryParam("label") @Parameter(description = "key=value or key (Kubernetes label syntax)") String label,
                                 @QueryParam("phase") @Parameter(schema = @Schema(implementation = Phase.class)) String phase,
                                 @QueryParam("limit") @Parameter(description = "1-500, default 100", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "100")) String limit,
                                 @QueryParam("continue") @Parameter(description = "the continue token of the previous page") String continueFrom) {
        ListQuery q = ListQuery.parse(infrastructure, label, phase, limit, continueFrom);
        return registry.list(q);
    }

    /** Reads one cluster. */
    @GET
    @Path("{name}")
    @RolesAllowed(Role.VIEWER)
    @Operation(summary = "Read a cluster (role viewer)", description = PhaseRules.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The cluster",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClusterView.class)))
    @APIResponse(responseCode = "404", description = "Not registered (also any name that is not a DNS-1123 label)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ClusterView get(@PathParam("name") String name) {
        requireName(name);
        return registry.find(name).orElseThrow(() -> notFound(name));
    }

    /** Status entries of a cluster, object-level included. */
    @GET
    @Path("{name}/status")
    @RolesAllowed(Role.VIEWER)
    @Transactional
    @Operation(summary = "Status entries of a cluster (role viewer)",
            description = "Every capstan.status entry of the cluster, component-level (subject null) and object-level, ordered by key; "
                    + "filters ?component= and ?kind= (subject kind).")
    @APIResponse(responseCode = "200", description = "{items: [...]}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatusPage.class)))
    @APIResponse(responseCode = "404", description = "Not registered (also any name that is not a DNS-1123 label)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Bad query parameter (component must be a DNS-1123 label, kind a Kubernetes kind), named in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public StatusPage status(@PathParam("name") String name, @QueryParam("component") String component,
                             @QueryParam("kind") String kind) {
        requireName(name);
        if (component != null && !component.isEmpty() && ClusterName.problem(component).isPresent()) {
            throw QueryParams.invalid("component", "must be a component name (a DNS-1123 label)");
        }
        if (kind != null && !kind.isEmpty() && !KIND.matcher(kind).matches()) {
            throw QueryParams.invalid("kind", "must be a Kubernetes kind: a letter, then letters and digits (at most 63)");
        }
        if (ClusterEntity.findById(name) == null) {
            throw notFound(name);
        }
        return new StatusPage(statusViews.items(name, component, kind));
    }

    /** Asks for deletion. */
    @DELETE
    @Path("{name}")
    @RolesAllowed(Role.OPERATOR)
    @Operation(summary = "Delete a cluster (role operator)",
            description = "Marks the cluster Deleting, bumps its generation and publishes io.capstan.cluster.deregistered.v1. "
                    + "When every expected component reported Finalized=True (or capstan.deletion.timeout passed), the kubeconfig "
                    + "Secret, the status rows and the cluster are removed and a tombstone is published. A cluster whose components "
                    + "cannot reach it (unreachable, or its components down) does not finalize, so its removal waits for "
                    + "capstan.deletion.timeout (default 2m) and is then audited cluster.delete.timeout; until then GET answers "
                    + "phase Deleting and POST of the same name is a 409.")
    @APIResponse(responseCode = "202", description = "Deletion under way",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClusterView.class)))
    @APIResponse(responseCode = "404", description = "Not registered (also any name that is not a DNS-1123 label)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("name") String name) {
        requireName(name);
        return Response.accepted(registry.requestDeletion(name, AuditLog.actorOf(identity))).build();
    }

    /**
     * A list of status entries.
     *
     * @param items entries ordered by key
     */
    @Schema(name = "StatusList")
    public record StatusPage(List<StatusViews.StatusItem> items) {
    }

    /**
     * Path names that are not DNS-1123 labels ({@link ClusterName}) cannot be registered, so they are answered 404
     * before the database is asked (a NUL byte would otherwise reach PostgreSQL).
     */
    private static void requireName(String name) {
        if (ClusterName.problem(name).isPresent()) {
            throw new ProblemException(ProblemKind.NOT_FOUND, "No cluster can have this name: a cluster name is a DNS-1123 label.");
        }
    }

    private static ProblemException notFound(String name) {
        return new ProblemException(ProblemKind.NOT_FOUND, "Cluster '" + name + "' is not registered.");
    }

}
