package io.capstan.dns.report;

import io.capstan.dns.endpoint.SourceRef;
import io.capstan.dns.plan.Holder;
import io.capstan.dns.plan.HostnameOutcome;
import io.capstan.dns.plan.OutcomeState;
import io.capstan.dns.provider.RecordSet;
import io.capstan.dns.request.Challenge;
import io.capstan.kit.status.StatusEntry;
import io.capstan.model.status.ConditionStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Outcomes into status entries: one per hostname speaking for the holder, answers per challenge, the summary. */
class DnsReportTest {

    static final SourceRef A = new SourceRef("Service", "shop", "svc-a");
    static final SourceRef B = new SourceRef("Service", "shop", "svc-b");

    @Test
    void oneEntryPerHostnameSpeaksForTheHolderAndListsTheLoser() {
        HostnameOutcome won = new HostnameOutcome("www.example.com", "example.com", A, OutcomeState.Published,
                "Created", "created", List.of(new RecordSet("www.example.com", "A", 300, List.of("192.0.2.1"))), null, true);
        HostnameOutcome lost = new HostnameOutcome("www.example.com", "example.com", B, OutcomeState.Conflict,
                "ClaimedByResource", "held by service/shop/svc-a", List.of(), new Holder("alpha", "service/shop/svc-a"), false);
        List<StatusEntry> entries = DnsReport.records(List.of(lost, won));
        assertThat(entries).hasSize(1);
        StatusEntry e = entries.get(0);
        assertThat(e.subject()).isEqualTo(DnsReport.recordSubject("www.example.com"));
        assertThat(e.conditions().get(0).status()).isEqualTo(ConditionStatus.True);
        assertThat(e.conditions().get(0).reason()).isEqualTo("Published");
        assertThat(e.details().path("state").asText()).isEqualTo("Published");
        assertThat(e.details().path("source").path("name").asText()).isEqualTo("svc-a");
        assertThat(e.details().path("records").get(0).path("targets").get(0).asText()).isEqualTo("192.0.2.1");
        assertThat(e.details().path("holder").isNull()).isTrue();
        assertThat(e.details().path("conflicts").get(0).path("holder").asText()).isEqualTo("alpha/service/shop/svc-a");
    }

    @Test
    void aConflictWithAnotherClusterIsReadyFalseNamingTheHolder() {
        HostnameOutcome held = new HostnameOutcome("api.example.com", "example.com", A, OutcomeState.Conflict,
                "HeldByOwner", "held by beta", List.of(), new Holder("beta", "ingress/web/api"), false);
        StatusEntry e = DnsReport.records(List.of(held)).get(0);
        assertThat(e.conditions().get(0).status()).isEqualTo(ConditionStatus.False);
        assertThat(e.conditions().get(0).reason()).isEqualTo("HeldByOwner");
        assertThat(e.details().path("holder").asText()).isEqualTo("beta/ingress/web/api");
    }

    @Test
    void challengesAreAnsweredPublishedDeniedOrPendingAndNeverListedAsRecords() {
        Challenge ok = new Challenge("r1", "alpha", "certificates", "_acme-challenge.www.example.com", "v", 60);
        Challenge no = new Challenge("r2", "alpha", "certificates", "_acme-challenge.x.example.edu", "v", 60);
        Challenge later = new Challenge("r3", "alpha", "certificates", "_acme-challenge.y.example.com", "v", 60);
        HostnameOutcome txt = new HostnameOutcome("_acme-challenge.www.example.com", "example.com",
                new SourceRef(DnsReport.CHALLENGE_SOURCE_KIND, "", "_acme-challenge.www.example.com"),
                OutcomeState.Published, "Created", "", List.of(), null, true);
        assertThat(DnsReport.records(List.of(txt))).isEmpty();
        List<StatusEntry> answers = DnsReport.answers(List.of(ok, no, later), List.of(txt), Map.of("r2", "outside"));
        assertThat(answers).extracting(a -> a.subject().name() + " " + a.conditions().get(0).status() + " "
                + a.conditions().get(0).reason()).containsExactly("r1 True Published", "r2 False Denied", "r3 False Pending");
        assertThat(answers.get(0).subject().apiVersion()).isEqualTo("capstan.io/v1");
        assertThat(answers.get(0).details().path("value").asText()).isEqualTo("v");
        assertThat(DnsReport.ready(1, "memory", List.of("example.com"), List.of("alpha.example.com"), "alpha",
                List.of(txt), List.of(), 2).details().path("records").path("published").asInt()).isZero();
    }
}
