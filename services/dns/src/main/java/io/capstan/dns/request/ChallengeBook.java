package io.capstan.dns.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.event.PoisonEventException;
import io.capstan.model.request.Dns01Challenge;
import io.capstan.model.request.Request;
import io.capstan.model.status.StatusEvent;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The live DNS-01 challenges per cluster. Fed by {@code capstan.requests} ({@link #apply}) and, after a restart or a
 * rebalance, by this service's own answers on {@code capstan.status} ({@link #recover}): {@code capstan.requests} has
 * a delete policy, so the answers (which carry fqdn, value and ttl in their details) are what survives. A withdrawn
 * challenge simply leaves the book: the next pass no longer publishes its value and the status ledger tombstones its
 * answer once that pass succeeded. Thread-safe.
 */
public final class ChallengeBook {

    /** Kind of the answers' subject ({@link Request#answerSubject()}). */
    public static final String KIND = Dns01Challenge.KIND;

    private final Map<String, Map<String, Challenge>> byCluster = new ConcurrentHashMap<>();

    /**
     * Applies a submitted or withdrawn request.
     *
     * @param type    {@code io.capstan.request.submitted.v1} or {@code .withdrawn.v1}
     * @param request a {@code DNS01Challenge} request
     * @return true when the book changed
     * @throws PoisonEventException ({@code InvalidRequestSpec}) when a submitted spec is not a {@link Dns01Challenge}
     *                              (no fqdn or value, value over 255 octets): such a request is dead-lettered to
     *                              {@code capstan.dlq}, not answered
     */
    public boolean apply(String type, Request request) {
        Map<String, Challenge> live = byCluster.computeIfAbsent(request.cluster(), k -> new ConcurrentHashMap<>());
        if (EventTypes.REQUEST_WITHDRAWN.equals(type)) {
            return live.remove(request.id()) != null;
        }
        Dns01Challenge spec;
        try {
            spec = Json.MAPPER.treeToValue(request.spec(), Dns01Challenge.class);
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new PoisonEventException("InvalidRequestSpec", "request " + request.key()
                    + " is not a DNS01Challenge {fqdn, value, ttl}: " + root.getMessage());
        }
        Challenge c = new Challenge(request.id(), request.cluster(), request.from(), clean(spec.fqdn()), spec.value(),
                spec.ttl());
        return !c.equals(live.put(c.id(), c));
    }

    /**
     * Takes back the live challenges of some clusters from this service's own answers (entries of subject kind
     * {@value #KIND} whose details hold {@code fqdn} and {@code value}); entries already in the book are kept.
     *
     * @return the number of challenges recovered
     */
    public int recover(Collection<StatusEvent> answers) {
        int n = 0;
        for (StatusEvent e : answers) {
            if (e.subject() == null || !KIND.equals(e.subject().kind()) || e.details() == null) {
                continue;
            }
            JsonNode d = e.details();
            if (!d.path("fqdn").isTextual() || !d.path("value").isTextual()) {
                continue;
            }
            Map<String, Challenge> live = byCluster.computeIfAbsent(e.cluster(), k -> new ConcurrentHashMap<>());
            if (live.putIfAbsent(e.subject().name(), new Challenge(e.subject().name(), e.cluster(),
                    d.path("from").asText(""), clean(d.path("fqdn").asText()), d.path("value").asText(),
                    d.path("ttl").asLong(0))) == null) {
                n++;
            }
        }
        return n;
    }

    /** The live challenges of a cluster, by id order. */
    public List<Challenge> live(String cluster) {
        return byCluster.getOrDefault(cluster, Map.of()).values().stream()
                .sorted(java.util.Comparator.comparing(Challenge::id)).toList();
    }

    /** Forgets every challenge of the clusters {@code which} accepts (cluster deleted or partition moved). */
    public void drop(Predicate<String> which) {
        byCluster.keySet().removeIf(which);
    }

    private static String clean(String fqdn) {
        String s = fqdn.strip().toLowerCase(Locale.ROOT);
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
