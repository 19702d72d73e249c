package io.capstan.certificates.acme;

import io.capstan.model.Topics;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.kafka.CloudEventPublisher;
import io.capstan.model.request.Dns01Challenge;
import io.capstan.model.request.Request;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.Conditions;
import io.capstan.model.status.StatusEvent;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certificates side of the {@code DNS01Challenge} protocol (shared-model {@link Request}, COMMON.md): publishes
 * requests on {@code capstan.requests} ({@code io.capstan.request.submitted.v1} to ask for the TXT value,
 * {@code io.capstan.request.withdrawn.v1} with the same body to remove it; key {@code cluster/id}, partitioned by
 * cluster) and collects the DNS service's answers, which the consumer hands over from {@code capstan.status}
 * ({@link #answered}). Waiting is a monitor wait woken by each answer. Thread-safe.
 */
public final class ChallengeBroker implements AutoCloseable {

    /** The component that answers: the DNS service. */
    public static final String DNS_COMPONENT = "dns";
    /** {@code from} of every request of this service. */
    public static final String FROM = "certificates";

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final CloudEventPublisher publisher;
    private final Map<String, ChallengeAnswer> answers = new ConcurrentHashMap<>();
    private final Object signal = new Object();

    /** @param publisher publishes on {@code capstan.requests} (owned by this broker: closed with it) */
    public ChallengeBroker(CloudEventPublisher publisher) {
        this.publisher = publisher;
    }

    /** A request of this service for one challenge. */
    public static Request request(String id, String cluster, Dns01Challenge challenge) {
        return new Request(id, FROM, cluster, Dns01Challenge.KIND, Json.MAPPER.valueToTree(challenge));
    }

    /**
     * Publishes the requests (submitted) and waits for the broker's acknowledgement. Any earlier answer under those
     * ids is forgotten, so only an answer to this submission counts.
     *
     * @throws IllegalStateException when Kafka does not acknowledge within 30 s
     */
    public void submit(List<Request> requests) {
        requests.forEach(r -> answers.remove(answerKey(r.cluster(), r.id())));
        publisher.sendAll(requests.stream().map(r -> new CloudEventPublisher.Outgoing(Topics.REQUESTS, r.key(),
                EventTypes.REQUEST_SUBMITTED, Json.write(r))).toList(), ACK_TIMEOUT);
    }

    /** Publishes the withdrawals of those requests (same bodies). */
    public void withdraw(List<Request> requests) {
        publisher.sendAll(requests.stream().map(r -> new CloudEventPublisher.Outgoing(Topics.REQUESTS, r.key(),
                EventTypes.REQUEST_WITHDRAWN, Json.write(r))).toList(), ACK_TIMEOUT);
    }

    /**
     * Waits until every request is answered Ready=True, one is Denied, or the timeout passes.
     *
     * @return empty when all are published; else the first answer that is not (Denied first), or a synthetic
     *         {@code Pending} answer naming a request nobody answered in time
     */
    public Optional<ChallengeAnswer> awaitPublished(List<Request> requests, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (signal) {
            while (true) {
                ChallengeAnswer notReady = null;
                for (Request r : requests) {
                    ChallengeAnswer a = answers.get(answerKey(r.cluster(), r.id()));
                    if (a != null && a.denied()) {
                        return Optional.of(a);
                    }
                    if (a == null || !a.ready()) {
                        notReady = notReady != null ? notReady
                                : a != null ? a : new ChallengeAnswer(r.id(), false, "Pending", "no answer from the dns component yet");
                    }
                }
                if (notReady == null) {
                    return Optional.empty();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.of(notReady);
                }
                signal.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /**
     * Takes one entry of the {@code dns} component from {@code capstan.status}: an answer to a {@code DNS01Challenge}
     * request (entries about other subjects are ignored).
     *
     * @param cluster cluster (first key segment)
     * @param key     record key
     * @param entry   the entry, null for a tombstone (the dns component tombstones an answer once the withdrawal is
     *                applied)
     * @return true when it was an answer
     */
    public boolean answered(String cluster, String key, StatusEvent entry) {
        if (entry == null) {
            String[] p = key.split("/", -1);
            if (p.length == 5 && DNS_COMPONENT.equals(p[1]) && Dns01Challenge.KIND.equals(p[2])) {
                answers.remove(answerKey(p[0], p[4]));
                return true;
            }
            return false;
        }
        if (!DNS_COMPONENT.equals(entry.component()) || entry.subject() == null
                || !Dns01Challenge.KIND.equals(entry.subject().kind())) {
            return false;
        }
        Optional<Condition> ready = Conditions.find(entry.conditions(), Conditions.READY);
        ChallengeAnswer a = new ChallengeAnswer(entry.subject().name(),
                ready.map(c -> c.status() == ConditionStatus.True).orElse(false),
                ready.map(Condition::reason).orElse("Pending"), ready.map(Condition::message).orElse(""));
        answers.put(answerKey(cluster, entry.subject().name()), a);
        synchronized (signal) {
            signal.notifyAll();
        }
        return true;
    }

    /** Forgets the answers of a cluster (its partition moved or it was deleted). */
    public void forget(String cluster) {
        answers.keySet().removeIf(k -> k.startsWith(cluster + "/"));
    }

    private static String answerKey(String cluster, String id) {
        return cluster + "/" + id;
    }

    @Override
    public void close() {
        publisher.close();
    }
}
