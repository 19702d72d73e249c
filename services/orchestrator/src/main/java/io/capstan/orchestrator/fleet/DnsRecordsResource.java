package io.capstan.orchestrator.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.orchestrator.auth.Role;
import io.capstan.orchestrator.problem.Problem;
import io.capstan.orchestrator.problem.QueryParams;
import io.capstan.orchestrator.status.StatusViews;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code GET /api/v1/dns/records}: every host name the DNS service manages, across the fleet, from its status entries
 * on {@code capstan.status} (component {@code dns}, subject kind {@code DNSRecord}, one entry per host name).
 */
@Path("/api/v1/dns/records")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dns")
@SecurityRequirement(name = "bearer")
public class DnsRecordsResource {

    /** The states a DNS record entry may be in (the DNS service's {@code details.state}). */
    public static final Set<String> STATES = Set.of("Published", "Pending", "Conflict", "Error");

    @Inject
    FleetEntries entries;

    /**
     * One host name.
     *
     * @param cluster    the cluster whose object asks for the name
     * @param hostname   the name, lowercase ASCII (IDN in punycode), no trailing dot
     * @param zone       the zone it belongs to, null when none matched
     * @param state      {@code Published}, {@code Pending}, {@code Conflict} or {@code Error}
     * @param reason     machine-readable reason (CamelCase)
     * @param message    human-readable explanation
     * @param records    record sets: {@code [{type, targets[], ttl}]} (ttl in seconds)
     * @param source     the Kubernetes object it comes from: {@code {kind, namespace, name}}
     * @param holder     for a Conflict, who holds the name (owner id, cluster and resource), else null
     * @param ready      the entry's Ready condition is True
     * @param observedAt when the DNS service computed it
     */
    @Schema(name = "DnsRecord")
    public record DnsRecord(String cluster, String hostname, String zone, String state, String reason, String message,
                            JsonNode records, JsonNode source, JsonNode holder, boolean ready, Instant observedAt) {
    }

    /**
     * The answer.
     *
     * @param items ordered by cluster, then host name
     */
    @Schema(name = "DnsRecordList")
    public record Page(List<DnsRecord> items) {
    }

    @GET
    @RolesAllowed(Role.VIEWER)
    @Transactional
    @Operation(summary = "List the DNS records of the fleet (role viewer)",
            description = "One item per host name and cluster, from the DNS service's status entries. ?cluster= keeps one cluster; ?state= one of Published, Pending, Conflict, Error. A bad value is a 422.")
    @APIResponse(responseCode = "200", description = "{items: [...]}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class)))
    @APIResponse(responseCode = "401", description = "No or unknown bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Bad query parameter, named in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page list(@QueryParam("cluster") @Parameter(description = "cluster name") String cluster,
                     @QueryParam("state") @Parameter(description = "Published, Pending, Conflict or Error",
                             schema = @Schema(type = SchemaType.STRING, enumeration = {"Published", "Pending", "Conflict", "Error"})) String state) {
        String wanted = state == null || state.isBlank() ? null : canonicalState(state);
        List<DnsRecord> out = entries.list("dns", "DNSRecord", cluster).stream()
                .map(DnsRecordsResource::record)
                .filter(r -> wanted == null || wanted.equals(r.state()))
                .toList();
        return new Page(out);
    }

    private static String canonicalState(String state) {
        for (String s : STATES) {
            if (s.toLowerCase(Locale.ROOT).equals(state.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw QueryParams.invalid("state", "must be one of Published, Pending, Conflict, Error");
    }

    static DnsRecord record(StatusViews.StatusItem item) {
        JsonNode d = item.details();
        String hostname = FleetEntries.text(d, "hostname");
        return new DnsRecord(FleetEntries.clusterOf(item), hostname == null ? item.subject().name() : hostname,
                FleetEntries.text(d, "zone"), FleetEntries.text(d, "state"),
                FleetEntries.readyCondition(item).map(c -> c.reason()).orElse(FleetEntries.text(d, "reason")),
                FleetEntries.readyCondition(item).map(c -> c.message()).orElse(FleetEntries.text(d, "message")),
                d == null ? null : d.get("records"), d == null ? null : d.get("source"),
                d == null ? null : d.get("holder"), FleetEntries.ready(item), item.observedAt());
    }
}
