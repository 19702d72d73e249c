package io.capstan.dns.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.request.Request;
import io.capstan.sandbox.dns.DnsZone;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live DNS-01 challenge survives a restart of the dns service against a real BIND 9: the new instance knows it only
 * from the answers the old one published (what the status seed hands to {@link io.capstan.dns.request.ChallengeBook#recover};
 * {@code capstan.requests} has a delete policy), so its first pass keeps the TXT value and the answer, and a later
 * withdrawal still removes them.
 */
class ChallengeRestartTest {

    @Test
    void aLiveChallengeIsRecoveredFromTheAnswersAndStillWithdrawnAfterARestart() throws Exception {
        try (Bind bind = Bind.start("restart", DnsZone.of("example.org"))) {
            Passes before = new Passes(bind, 100, p -> p);
            String profile = before.profile("[\"example.org\"]", "[\"example.org\"]", "");
            before.register("alpha", profile, 1, false);
            Request r = new Request("acme-1", "certificates", "alpha", "DNS01Challenge",
                    Json.read("{\"fqdn\": \"_acme-challenge.shop.example.org\", \"value\": \"k-1\", \"ttl\": 60}", JsonNode.class));
            before.challenges.apply(EventTypes.REQUEST_SUBMITTED, r);
            before.pass("alpha");
            assertThat(bind.dig("_acme-challenge.shop.example.org", "TXT")).containsExactly("\"k-1\"");
            String answerKey = "alpha/dns/DNS01Challenge/_/acme-1";
            assertThat(before.status.get(answerKey).conditions().get(0).reason()).isEqualTo("Published");

            Passes after = new Passes(bind, 100, p -> p);
            after.register("alpha", profile, 1, false);
            assertThat(after.challenges.recover(before.status.values())).isEqualTo(1);
            after.pass("alpha");
            assertThat(bind.dig("_acme-challenge.shop.example.org", "TXT")).containsExactly("\"k-1\"");
            assertThat(after.status.get(answerKey).conditions().get(0).reason()).isEqualTo("Published");

            after.challenges.apply(EventTypes.REQUEST_WITHDRAWN, r);
            after.pass("alpha");
            assertThat(bind.dig("_acme-challenge.shop.example.org", "TXT")).isEmpty();
            assertThat(after.status).doesNotContainKey(answerKey);
        }
    }
}
