package io.capstan.dns.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.dns.endpoint.SourceRef;
import io.capstan.dns.plan.HostnameOutcome;
import io.capstan.dns.plan.OutcomeState;
import io.capstan.dns.plan.Reasons;
import io.capstan.dns.provider.RecordSet;
import io.capstan.dns.request.Challenge;
import io.capstan.dns.source.SourceProblem;
import io.capstan.kit.status.StatusEntry;
import io.capstan.model.request.Request;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.Conditions;
import io.capstan.model.status.StatusEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the dns component says on {@code capstan.status} for one cluster (shapes in COMMON.md and docs/asyncapi.yaml,
 * schema {@code DnsRecordDetails}, {@code DnsChallengeDetails}, {@code DnsComponentDetails}). Pure: outcomes in, status
 * entries out.
 *
 * <ul>
 *   <li>One entry per hostname: subject {@code {apiVersion: dns.capstan.io/v1, kind: DNSRecord, name: <hostname>}},
 *   condition {@code Ready} (True reason {@code Published}; else False with the outcome's reason, for example
 *   {@code NoTargets}, {@code HeldByOwner}, {@code ClaimedByResource}, {@code NotOwned}, {@code Denied}),
 *   details {@code {hostname, zone, state, reason, message, records: [{type, targets, ttl}], source: {kind, namespace,
 *   name}, holder, conflicts: [...]}}. When several resources of the cluster claim the name, the entry speaks for the
 *   one that holds it and {@code conflicts} lists the others with the holder they lost to.</li>
 *   <li>One entry per DNS-01 challenge request: subject {@link Request#answerSubject()}, {@code Ready=True} reason
 *   {@code Published}, or {@code Ready=False} reason {@code Pending}, {@code Denied} or {@code Conflict}; details
 *   {@code {fqdn, value, ttl, from, zone, state, reason}} (fqdn/value/ttl are what a restart recovers the live
 *   challenge from).</li>
 *   <li>The component entry (subject null): {@code Ready=True} reason {@code RecordsPublished} with counts, or
 *   {@code Ready=False} with a failure reason ({@code InvalidProfile}, {@code ProviderError},
 *   {@code ProviderSecretMissing}); after deregistration {@code Ready=False Deleting} and {@code Finalized=True
 *   CleanedUp}.</li>
 * </ul>
 */
public final class DnsReport {

    /** Component name (status key segment). */
    public static final String COMPONENT = "dns";
    /** apiVersion of the per-hostname entries. */
    public static final String RECORD_API_VERSION = "dns.capstan.io/v1";
    /** Kind of the per-hostname entries. */
    public static final String RECORD_KIND = "DNSRecord";
    /** Source kind of the endpoints made from challenges. */
    public static final String CHALLENGE_SOURCE_KIND = "DNS01Challenge";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private DnsReport() {
    }

    /** The subject of a hostname's entry. */
    public static StatusEvent.Subject recordSubject(String hostname) {
        return new StatusEvent.Subject(RECORD_API_VERSION, RECORD_KIND, null, hostname);
    }

    /** The subject of a challenge's answer ({@link Request#answerSubject()}). */
    public static StatusEvent.Subject answerSubject(String id) {
        return new StatusEvent.Subject(Request.ANSWER_API_VERSION, CHALLENGE_SOURCE_KIND, null, id);
    }

    /**
     * The per-hostname entries of a pass whose zone changes were all applied.
     *
     * @param outcomes the plan's outcomes; those of challenge endpoints are skipped (see {@link #answers})
     */
    public static List<StatusEntry> records(List<HostnameOutcome> outcomes) {
        Map<String, List<HostnameOutcome>> byName = new LinkedHashMap<>();
        for (HostnameOutcome o : outcomes) {
            if (!CHALLENGE_SOURCE_KIND.equals(o.source().kind())) {
                byName.computeIfAbsent(o.hostname(), k -> new ArrayList<>()).add(o);
            }
        }
        List<StatusEntry> out = new ArrayList<>();
        byName.forEach((name, list) -> {
            List<HostnameOutcome> sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparing((HostnameOutcome o) -> rank(o.state())).thenComparing(HostnameOutcome::source));
            HostnameOutcome main = sorted.get(0);
            ObjectNode d = outcome(main);
            d.put("hostname", name);
            if (sorted.size() > 1) {
                ArrayNode c = d.putArray("conflicts");
                sorted.subList(1, sorted.size()).forEach(o -> c.add(outcome(o)));
            }
            out.add(new StatusEntry(recordSubject(name), List.of(ready(main.state(), main.reason(), main.message())), d, 0));
        });
        return out;
    }

    /**
     * The answers to the live challenges of a cluster.
     *
     * @param challenges live challenges
     * @param outcomes   the plan's outcomes (the challenge endpoints' source name is their fqdn)
     * @param denied     id to the message of challenges refused before planning (name outside the allowed domains)
     */
    public static List<StatusEntry> answers(List<Challenge> challenges, List<HostnameOutcome> outcomes,
                                            Map<String, String> denied) {
        List<StatusEntry> out = new ArrayList<>();
        for (Challenge c : challenges) {
            ObjectNode d = F.objectNode();
            d.put("fqdn", c.fqdn());
            d.put("value", c.value());
            d.put("ttl", c.ttl());
            d.put("from", c.from());
            Condition ready;
            if (denied.containsKey(c.id())) {
                d.putNull("zone");
                d.put("state", OutcomeState.Error.name());
                d.put("reason", "Denied");
                ready = Condition.of(Conditions.READY, ConditionStatus.False, "Denied", denied.get(c.id()));
            } else {
                HostnameOutcome o = outcomes.stream().filter(x -> CHALLENGE_SOURCE_KIND.equals(x.source().kind())
                        && x.source().name().equals(c.fqdn())).findFirst().orElse(null);
                if (o == null) {
                    d.putNull("zone");
                    d.put("state", OutcomeState.Pending.name());
                    d.put("reason", "Pending");
                    ready = Condition.of(Conditions.READY, ConditionStatus.False, "Pending", "not planned yet");
                } else {
                    if (o.zone() == null) {
                        d.putNull("zone");
                    } else {
                        d.put("zone", o.zone());
                    }
                    d.put("state", o.state().name());
                    String reason = switch (o.state()) {
                        case Published -> "Published";
                        case Pending -> "Pending";
                        case Conflict -> "Conflict";
                        case Error -> "Denied";
                    };
                    d.put("reason", o.reason());
                    String message = o.state() == OutcomeState.Published
                            ? "TXT " + c.fqdn() + " is on the authoritative server" : o.message();
                    ready = Condition.of(Conditions.READY, o.state() == OutcomeState.Published ? ConditionStatus.True
                            : ConditionStatus.False, reason, message);
                }
            }
            out.add(new StatusEntry(answerSubject(c.id()), List.of(ready), d, 0));
        }
        return out;
    }

    /**
     * The component entry of a pass that applied everything.
     *
     * @param generation     the cluster's generation
     * @param provider       {@link io.capstan.dns.provider.DnsProvider#describe()}
     * @param zones          zones read
     * @param allowedDomains domains the cluster may use
     * @param ownerId        the owner id in the markers
     * @param outcomes       the plan's outcomes
     * @param problems       problems of the source objects
     * @param applied        record sets changed by this pass
     */
    public static StatusEntry ready(long generation, String provider, List<String> zones, List<String> allowedDomains,
                                    String ownerId, List<HostnameOutcome> outcomes, List<SourceProblem> problems,
                                    int applied) {
        Map<OutcomeState, Integer> counts = new EnumMap<>(OutcomeState.class);
        for (OutcomeState s : OutcomeState.values()) {
            counts.put(s, 0);
        }
        Map<String, OutcomeState> best = new java.util.HashMap<>();
        for (HostnameOutcome o : outcomes) {
            if (!CHALLENGE_SOURCE_KIND.equals(o.source().kind())) {
                best.merge(o.hostname(), o.state(), (a, b) -> rank(a) <= rank(b) ? a : b);
            }
        }
        best.values().forEach(s -> counts.merge(s, 1, Integer::sum));
        ObjectNode d = F.objectNode();
        d.put("provider", provider);
        d.put("ownerId", ownerId);
        zones.forEach(d.withArray("zones")::add);
        allowedDomains.forEach(d.withArray("allowedDomains")::add);
        ObjectNode c = d.putObject("records");
        counts.forEach((s, n) -> c.put(s.name().toLowerCase(java.util.Locale.ROOT), n));
        ArrayNode p = d.putArray("problems");
        for (SourceProblem sp : problems) {
            ObjectNode o = p.addObject();
            o.set("source", source(sp.source()));
            if (sp.hostname() != null) {
                o.put("hostname", sp.hostname());
            }
            o.put("reason", sp.reason());
            o.put("message", sp.message());
        }
        String msg = counts.get(OutcomeState.Published) + " hostname(s) published, " + counts.get(OutcomeState.Pending)
                + " pending, " + counts.get(OutcomeState.Conflict) + " in conflict, " + counts.get(OutcomeState.Error)
                + " in error; " + applied + " record set(s) changed by the last pass; zones " + String.join(", ", zones)
                + " via " + provider;
        return new StatusEntry(null, List.of(Condition.of(Conditions.READY, ConditionStatus.True, "RecordsPublished", msg)),
                d, generation);
    }

    /**
     * Answers to live challenges while the provider fails: {@code Ready=False} with the failure's reason
     * ({@code ProviderError}), details as in {@link #answers} with state {@code Pending}.
     */
    public static List<StatusEntry> failedAnswers(List<Challenge> challenges, String reason, String message) {
        List<StatusEntry> out = new ArrayList<>();
        for (Challenge c : challenges) {
            ObjectNode d = F.objectNode();
            d.put("fqdn", c.fqdn());
            d.put("value", c.value());
            d.put("ttl", c.ttl());
            d.put("from", c.from());
            d.putNull("zone");
            d.put("state", OutcomeState.Pending.name());
            d.put("reason", reason);
            out.add(new StatusEntry(answerSubject(c.id()), List.of(Condition.of(Conditions.READY, ConditionStatus.False,
                    reason, message)), d, 0));
        }
        return out;
    }

    /** A failure of the component: {@code Ready=False} with the reason; the published details are kept. */
    public static StatusEntry failure(long generation, String reason, String message) {
        return new StatusEntry(null, List.of(Condition.of(Conditions.READY, ConditionStatus.False, reason, message)),
                null, generation);
    }

    /**
     * The component entry of a deregistered cluster whose owned records are removed.
     *
     * @param removed record sets deleted or changed to drop this cluster's data and markers
     * @param zones   zones cleaned
     */
    public static StatusEntry finalized(long generation, int removed, List<String> zones) {
        ObjectNode d = F.objectNode();
        d.put("removed", removed);
        zones.forEach(d.withArray("zones")::add);
        return new StatusEntry(null, List.of(
                Condition.of(Conditions.READY, ConditionStatus.False, "Deleting", "the cluster is deregistered"),
                Condition.of(Conditions.FINALIZED, ConditionStatus.True, "CleanedUp", removed
                        + " record set(s) owned by this cluster removed or released in " + (zones.isEmpty() ? "no zone"
                        : String.join(", ", zones)) + "; records of other owners untouched")), d, generation);
    }

    private static Condition ready(OutcomeState state, String reason, String message) {
        return state == OutcomeState.Published
                ? Condition.of(Conditions.READY, ConditionStatus.True, Reasons.PUBLISHED, message)
                : Condition.of(Conditions.READY, ConditionStatus.False, reason, message);
    }

    private static ObjectNode outcome(HostnameOutcome o) {
        ObjectNode d = F.objectNode();
        if (o.zone() == null) {
            d.putNull("zone");
        } else {
            d.put("zone", o.zone());
        }
        d.put("state", o.state().name());
        d.put("reason", o.reason());
        d.put("message", o.message());
        ArrayNode records = d.putArray("records");
        for (RecordSet rs : o.records()) {
            ObjectNode r = records.addObject();
            r.put("type", rs.type());
            rs.targets().forEach(r.putArray("targets")::add);
            r.put("ttl", rs.ttl());
        }
        d.set("source", source(o.source()));
        if (o.holder() == null) {
            d.putNull("holder");
        } else {
            d.put("holder", o.holder().owner() + (o.holder().resource().isEmpty() ? "" : "/" + o.holder().resource()));
        }
        return d;
    }

    private static ObjectNode source(SourceRef s) {
        ObjectNode o = F.objectNode();
        o.put("kind", s.kind());
        if (s.namespace().isEmpty()) {
            o.putNull("namespace");
        } else {
            o.put("namespace", s.namespace());
        }
        o.put("name", s.name());
        return o;
    }

    private static int rank(OutcomeState s) {
        return switch (s) {
            case Published -> 0;
            case Pending -> 1;
            case Conflict -> 2;
            case Error -> 3;
        };
    }
}
