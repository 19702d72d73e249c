package io.capstan.dns.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.event.PoisonEventException;
import io.capstan.model.request.Request;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.StatusEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The live challenges: submitted, withdrawn, replayed, poison specs, and recovery from the service's own answers. */
class ChallengeBookTest {

    static Request request(String id, String cluster, String spec) {
        return new Request(id, "certificates", cluster, "DNS01Challenge", Json.read(spec, JsonNode.class));
    }

    @Test
    void submitWithdrawAndReplayConvergeOnTheLastWord() {
        ChallengeBook book = new ChallengeBook();
        Request r = request("a1", "alpha", "{\"fqdn\": \"_acme-challenge.WWW.example.com.\", \"value\": \"v1\", \"ttl\": 30}");
        assertThat(book.apply(EventTypes.REQUEST_SUBMITTED, r)).isTrue();
        assertThat(book.apply(EventTypes.REQUEST_SUBMITTED, r)).as("a replayed submission changes nothing").isFalse();
        assertThat(book.live("alpha")).containsExactly(new Challenge("a1", "alpha", "certificates",
                "_acme-challenge.www.example.com", "v1", 30));
        assertThat(book.live("beta")).isEmpty();
        assertThat(book.apply(EventTypes.REQUEST_WITHDRAWN, r)).isTrue();
        assertThat(book.apply(EventTypes.REQUEST_WITHDRAWN, r)).isFalse();
        assertThat(book.live("alpha")).isEmpty();
    }

    @Test
    void aSpecThatIsNotADns01ChallengeIsPoison() {
        ChallengeBook book = new ChallengeBook();
        assertThatThrownBy(() -> book.apply(EventTypes.REQUEST_SUBMITTED, request("b", "alpha", "{\"value\": \"v\"}")))
                .isInstanceOf(PoisonEventException.class)
                .satisfies(e -> assertThat(((PoisonEventException) e).reason()).isEqualTo("InvalidRequestSpec"));
        assertThatThrownBy(() -> book.apply(EventTypes.REQUEST_SUBMITTED, request("c", "alpha",
                "{\"fqdn\": \"x.example.com\", \"value\": \"" + "v".repeat(256) + "\"}")))
                .isInstanceOf(PoisonEventException.class);
        assertThat(book.live("alpha")).isEmpty();
    }

    @Test
    void liveChallengesAreRecoveredFromTheServicesOwnAnswersOnly() {
        ChallengeBook book = new ChallengeBook();
        JsonNode details = Json.read("{\"fqdn\": \"_acme-challenge.a.example.com\", \"value\": \"tok\", \"ttl\": 60,"
                + " \"from\": \"certificates\", \"zone\": \"example.com\", \"state\": \"Published\", \"reason\": \"Published\"}",
                JsonNode.class);
        List<Condition> ready = List.of(new Condition("Ready", ConditionStatus.True, "Published", "", Instant.EPOCH, 0));
        StatusEvent answer = new StatusEvent("alpha", "dns", new StatusEvent.Subject("capstan.io/v1", "DNS01Challenge",
                null, "r1"), 0, Instant.EPOCH, ready, details);
        StatusEvent record = new StatusEvent("alpha", "dns", new StatusEvent.Subject("dns.capstan.io/v1", "DNSRecord",
                null, "www.example.com"), 0, Instant.EPOCH, ready, details);
        StatusEvent component = new StatusEvent("alpha", "dns", null, 1, Instant.EPOCH, ready, null);
        assertThat(book.recover(List.of(answer, record, component))).isEqualTo(1);
        assertThat(book.live("alpha")).containsExactly(new Challenge("r1", "alpha", "certificates",
                "_acme-challenge.a.example.com", "tok", 60));
        assertThat(book.recover(List.of(answer))).as("already live").isZero();
        book.drop("alpha"::equals);
        assertThat(book.live("alpha")).isEmpty();
    }
}
