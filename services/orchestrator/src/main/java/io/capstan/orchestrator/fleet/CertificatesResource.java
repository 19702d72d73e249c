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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /api/v1/certificates}: the one expiry view of the fleet, from the certificates service's status entries
 * on {@code capstan.status} (component {@code certificates}, subject kind {@code Certificate}).
 */
@Path("/api/v1/certificates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "certificates")
@SecurityRequirement(name = "bearer")
public class CertificatesResource {

    @Inject
    FleetEntries entries;

    Clock clock = Clock.systemUTC();

    /**
     * One certificate.
     *
     * @param cluster     cluster
     * @param namespace   namespace of the cert-manager Certificate
     * @param name        its name
     * @param secretName  the Secret it is written to
     * @param dnsNames    DNS SANs
     * @param issuer      {@code {name, kind, group}} of the issuerRef
     * @param notAfter    end of validity of the current certificate (RFC 3339), null before the first issuance
     * @param renewalTime when it will be renewed (RFC 3339), null before the first issuance
     * @param ready       Ready condition is True
     * @param reason      reason of the Ready condition (cert-manager's: Ready, Issuing, Denied, ...)
     * @param message     message of the Ready condition
     * @param observedAt  when the certificates service computed it
     */
    @Schema(name = "FleetCertificate")
    public record FleetCertificate(String cluster, String namespace, String name, String secretName, JsonNode dnsNames,
                                   JsonNode issuer, Instant notAfter, Instant renewalTime, boolean ready, String reason,
                                   String message, Instant observedAt) {
    }

    /**
     * The answer.
     *
     * @param items ordered by notAfter (soonest first; never-issued last), then cluster, namespace and name
     */
    @Schema(name = "FleetCertificateList")
    public record Page(List<FleetCertificate> items) {
    }

    @GET
    @RolesAllowed(Role.VIEWER)
    @Transactional
    @Operation(summary = "List the certificates of the fleet (role viewer)",
            description = "One item per cert-manager Certificate Capstan manages. ?cluster= keeps one cluster; ?expiringWithin= an ISO-8601 duration (P30D, PT12H) keeps the certificates whose notAfter falls before now + that duration (never-issued ones are left out). A bad value is a 422.")
    @APIResponse(responseCode = "200", description = "{items: [...]}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class)))
    @APIResponse(responseCode = "401", description = "No or unknown bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Bad query parameter, named in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page list(@QueryParam("cluster") @Parameter(description = "cluster name") String cluster,
                     @QueryParam("expiringWithin") @Parameter(description = "ISO-8601 duration, for example P30D") String expiringWithin) {
        Instant horizon = expiringWithin == null || expiringWithin.isBlank() ? null
                : Instant.now(clock).plus(window(expiringWithin));
        List<FleetCertificate> out = new ArrayList<>();
        for (StatusViews.StatusItem item : entries.list("certificates", "Certificate", cluster)) {
            FleetCertificate c = certificate(item);
            if (horizon == null || (c.notAfter() != null && c.notAfter().isBefore(horizon))) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparing(FleetCertificate::notAfter, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(FleetCertificate::cluster).thenComparing(FleetCertificate::namespace,
                        Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(FleetCertificate::name));
        return new Page(out);
    }

    /**
     * Parses the {@code expiringWithin} window.
     *
     * @throws io.capstan.orchestrator.problem.ProblemException (422) unless it is a positive ISO-8601 duration
     */
    static Duration window(String raw) {
        try {
            Duration d = Duration.parse(raw.trim());
            if (d.isNegative() || d.isZero()) {
                throw QueryParams.invalid("expiringWithin", "must be a positive ISO-8601 duration such as P30D");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw QueryParams.invalid("expiringWithin", "must be an ISO-8601 duration such as P30D or PT12H");
        }
    }

    static FleetCertificate certificate(StatusViews.StatusItem item) {
        JsonNode d = item.details();
        return new FleetCertificate(FleetEntries.clusterOf(item), item.subject().namespace(), item.subject().name(),
                FleetEntries.text(d, "secretName"), d == null ? null : d.get("dnsNames"),
                d == null ? null : d.get("issuer"), instant(FleetEntries.text(d, "notAfter")),
                instant(FleetEntries.text(d, "renewalTime")), FleetEntries.ready(item),
                FleetEntries.readyCondition(item).map(c -> c.reason()).orElse(null),
                FleetEntries.readyCondition(item).map(c -> c.message()).orElse(null), item.observedAt());
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
