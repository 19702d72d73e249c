package io.capstan.dns.provider.powerdns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.dns.provider.DnsProvider;
import io.capstan.dns.provider.ProviderConflictException;
import io.capstan.dns.provider.ProviderException;
import io.capstan.dns.provider.RecordData;
import io.capstan.dns.provider.RecordSet;
import io.capstan.dns.provider.ZoneChanges;
import io.capstan.dns.provider.ZoneChanges.Change;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link DnsProvider} for the PowerDNS Authoritative Server's HTTP API v1 (tested against 4.7):
 * {@code GET /api/v1/servers/<id>/zones/<zone>.} reads the zone's RRsets, {@code PATCH} of the same URL with
 * {@code rrsets} of changetype {@code REPLACE} / {@code DELETE} changes them, the key in {@code X-API-Key}.
 *
 * <p>Names go on the wire canonical (trailing dot); TXT content is quoted character-strings of at most 255 octets
 * ({@code "a \"b\"" "c"}) as PowerDNS requires; host names in CNAME/NS/MX/SRV data get their trailing dot.
 * Changes go in PATCH requests of at most {@link PowerDnsConfig#maxRecordSetsPerRequest()} record sets (each request is
 * one transaction in PowerDNS), deletes then updates then creates. The API has no RFC 2136 prerequisites, so before
 * each request the zone is read again and the same checks are made (a create needs the set absent, an update or a
 * delete needs it with the targets it was read with), a failure being a {@link ProviderConflictException}; a writer
 * slipping in between that read and the PATCH (milliseconds) is not caught.
 *
 * <p>Errors: connection failures, timeouts and HTTP 5xx are transient; 401/403 (key), 404 (zone not served) and 422
 * (data PowerDNS refuses, its message included) are not. No message or {@link #toString()} carries the key.
 */
public final class PowerDnsProvider implements DnsProvider {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PowerDnsConfig config;
    private final HttpClient http;

    /** @param config API URL, key and limits */
    public PowerDnsProvider(PowerDnsConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    /** @return the configuration (its {@code toString} hides the key) */
    public PowerDnsConfig config() {
        return config;
    }

    @Override
    public List<RecordSet> records(String zone) throws ProviderException {
        return new ArrayList<>(read(zone, 0).values());
    }

    private Map<String, RecordSet> read(String zone, int applied) throws ProviderException {
        HttpResponse<String> response = send(zone, HttpRequest.newBuilder(zoneUri(zone)).GET(), "GET", applied);
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ProviderException(prefix(zone) + "GET answered with JSON it cannot read", true, applied, null);
        }
        Map<String, RecordSet> out = new LinkedHashMap<>();
        for (JsonNode rrset : body.path("rrsets")) {
            String name = RecordData.hostname(rrset.path("name").asText());
            String type = rrset.path("type").asText().toUpperCase(Locale.ROOT);
            List<String> targets = new ArrayList<>();
            for (JsonNode record : rrset.path("records")) {
                if (!record.path("disabled").asBoolean(false)) {
                    targets.add(fromContent(type, record.path("content").asText()));
                }
            }
            if (!targets.isEmpty()) {
                RecordSet set = new RecordSet(name, type, rrset.path("ttl").asLong(), targets);
                out.put(set.id(), set);
            }
        }
        return out;
    }

    @Override
    public void apply(ZoneChanges changes) throws ProviderException {
        if (changes.isEmpty()) {
            return;
        }
        String zone = changes.zone();
        List<Change> ordered = changes.ordered();
        List<ObjectNode> nodes = new ArrayList<>(ordered.size());
        for (Change change : ordered) {
            RecordSet subject = change.subject();
            if (!RecordData.inZone(subject.name(), zone)) {
                throw new ProviderException(prefix(zone) + subject.id() + " is outside the zone; nothing applied",
                    false, 0, null);
            }
            nodes.add(rrset(zone, change));
        }
        int max = config.maxRecordSetsPerRequest();
        int requests = (ordered.size() + max - 1) / max;
        int applied = 0;
        for (int r = 0; r < requests; r++) {
            List<Change> batch = ordered.subList(r * max, Math.min(ordered.size(), (r + 1) * max));
            String what = "PATCH " + (r + 1) + " of " + requests + " (" + batch.size() + " record sets)";
            ArrayNode rrsets = JSON.createArrayNode();
            nodes.subList(r * max, Math.min(ordered.size(), (r + 1) * max)).forEach(rrsets::add);
            Map<String, RecordSet> now = read(zone, applied);
            for (Change change : batch) {
                RecordSet current = now.get(change.subject().id());
                boolean holds = change.kind() == Change.Kind.CREATE ? current == null
                    : current != null && (change.before().targets().isEmpty()
                        || current.targets().equals(normalized(change.before()).targets()));
                if (!holds) {
                    String id = change.subject().id();
                    throw new ProviderConflictException(prefix(zone) + what + " not sent, prerequisite failed ("
                        + (change.kind() == Change.Kind.CREATE ? "record set exists" : "record set changed")
                        + "): " + id + " changed since the zone was read" + appliedNote(applied), id, applied);
                }
            }
            ObjectNode body = JSON.createObjectNode();
            body.set("rrsets", rrsets);
            HttpRequest.Builder request = HttpRequest.newBuilder(zoneUri(zone))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
            send(zone, request, what, applied);
            applied += batch.size();
        }
    }

    private ObjectNode rrset(String zone, Change change) throws ProviderException {
        RecordSet subject = change.subject();
        ObjectNode node = JSON.createObjectNode();
        node.put("name", subject.name() + ".");
        node.put("type", subject.type().toUpperCase(Locale.ROOT));
        if (change.kind() == Change.Kind.DELETE) {
            node.put("changetype", "DELETE");
            return node;
        }
        RecordSet after = change.after();
        node.put("ttl", after.ttl());
        node.put("changetype", "REPLACE");
        ArrayNode records = node.putArray("records");
        for (String target : after.targets()) {
            String content;
            try {
                content = toContent(after.type().toUpperCase(Locale.ROOT), target);
            } catch (IllegalArgumentException e) {
                throw new ProviderException(prefix(zone) + "bad " + after.type() + " data for " + after.name() + ": "
                    + target + "; nothing applied", false, 0, null);
            }
            records.addObject().put("content", content).put("disabled", false);
        }
        return node;
    }

    /** {@link RecordSet#targets()} form -> PowerDNS record content. */
    static String toContent(String type, String target) {
        return switch (type) {
            case "TXT", "SPF" -> RecordData.quoteTxt(target);
            case "AAAA" -> RecordData.ipv6(target);
            case "CNAME", "NS", "PTR", "DNAME" -> absolute(target);
            case "MX" -> lastFieldAbsolute(target, 2);
            case "SRV" -> lastFieldAbsolute(target, 4);
            default -> target;
        };
    }

    /** PowerDNS record content -> {@link RecordSet#targets()} form. */
    static String fromContent(String type, String content) {
        return switch (type) {
            case "TXT", "SPF" -> RecordData.unquoteTxt(content);
            case "AAAA" -> RecordData.ipv6(content);
            case "CNAME", "NS", "PTR", "DNAME" -> RecordData.hostname(content);
            case "MX", "SRV" -> {
                int space = content.lastIndexOf(' ');
                yield content.substring(0, space + 1) + RecordData.hostname(content.substring(space + 1));
            }
            default -> content;
        };
    }

    private static String absolute(String host) {
        return host.endsWith(".") ? host : host + ".";
    }

    private static String lastFieldAbsolute(String target, int fields) {
        String[] parts = target.trim().split("\\s+");
        if (parts.length != fields) {
            throw new IllegalArgumentException("expected " + fields + " fields");
        }
        parts[fields - 1] = absolute(parts[fields - 1]);
        return String.join(" ", parts);
    }

    private static RecordSet normalized(RecordSet set) {
        String type = set.type().toUpperCase(Locale.ROOT);
        return new RecordSet(set.name(), type, set.ttl(), set.targets().stream()
            .map(t -> fromContent(type, toContent(type, t))).toList());
    }

    private HttpResponse<String> send(String zone, HttpRequest.Builder builder, String what, int applied)
        throws ProviderException {
        HttpRequest request = builder.header("X-API-Key", config.apiKey()).header("Accept", "application/json")
            .timeout(config.timeout()).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ProviderException(prefix(zone) + what + " failed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + appliedNote(applied), true, applied, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(prefix(zone) + what + " interrupted" + appliedNote(applied), true, applied,
                e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        String error = errorOf(response.body());
        String message = switch (status) {
            case 401, 403 -> what + " rejected: HTTP " + status + " (the API key is not accepted)";
            case 404 -> what + " rejected: HTTP 404 (server " + config.serverId() + " does not serve the zone)";
            case 422 -> what + " rejected: HTTP 422 (" + error + ")";
            default -> what + " failed: HTTP " + status + (error.isEmpty() ? "" : " (" + error + ")");
        };
        throw new ProviderException(prefix(zone) + message + appliedNote(applied), status >= 500 || status == 429,
            applied, null);
    }

    private String errorOf(String body) {
        try {
            String error = JSON.readTree(body).path("error").asText("");
            return error.replace(config.apiKey(), "***");
        } catch (IOException e) {
            String text = body == null ? "" : body.strip();
            text = text.length() > 200 ? text.substring(0, 200) : text;
            return text.replace(config.apiKey(), "***");
        }
    }

    private URI zoneUri(String zone) throws ProviderException {
        if (zone == null || zone.isEmpty()) {
            throw new ProviderException(describe() + ": empty zone name", false, 0, null);
        }
        String base = config.apiUrl().toString();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return URI.create(base + "/api/v1/servers/" + URLEncoder.encode(config.serverId(), StandardCharsets.UTF_8)
            + "/zones/" + URLEncoder.encode(zone + ".", StandardCharsets.UTF_8));
    }

    private static String appliedNote(int applied) {
        return applied == 0 ? "" : "; " + applied + " record sets applied before it";
    }

    private String prefix(String zone) {
        return describe() + " zone " + zone + ": ";
    }

    @Override
    public String describe() {
        return "powerdns " + config.apiUrl();
    }

    @Override
    public void close() {
        // java.net.http.HttpClient of Java 17 has no close; its threads end with it
    }

    @Override
    public String toString() {
        return "PowerDnsProvider[" + config + ']';
    }
}
