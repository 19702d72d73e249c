package io.capstan.certificates.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.certificates.pki.Pem;
import io.capstan.model.Topics;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.request.Dns01Challenge;
import io.capstan.model.request.Request;
import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.Conditions;
import io.capstan.model.status.StatusEvent;
import io.capstan.sandbox.acme.PebbleServer;
import io.capstan.sandbox.dns.BindServer;
import io.capstan.sandbox.dns.DnsZone;
import io.capstan.sandbox.junit.SandboxCluster;
import io.capstan.sandbox.junit.SandboxResource;
import io.capstan.sandbox.junit.TopicRecorder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ACME end to end against real servers: Pebble ({@link PebbleServer}: {@code /usr/bin/pebble}, its own config, HTTPS
 * with a localhost certificate trusted through the issuer's {@code trustSecretName}) resolving DNS-01 challenges
 * through a real BIND 9 ({@link BindServer}, zone sandbox.capstan.test). The service asks for the TXT records with
 * DNS01Challenge requests on capstan.requests and waits for the dns component's answer on capstan.status.
 *
 * <p>The DNS service is not part of this module's test (e2e {@code AcmeDns01IT} runs the packaged one): the dns
 * component is played by a small in-test answerer that reads the requests, writes the TXT value into BIND with a
 * TSIG-signed RFC 2136 UPDATE (dnsjava) and answers Ready=True reason Published, then deletes the value and
 * tombstones the answer on withdrawal - the request/answer protocol of COMMON.md, exercised over the real broker.
 */
@QuarkusTest
@QuarkusTestResource(SandboxResource.class)
class AcmeIssuanceTest {

    static Fleet fleet;
    static BindServer bind;
    static PebbleServer pebble;
    static Answerer answerer;
    static SandboxCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        fleet = new Fleet();
        Path dir = Path.of("target/acme-test").toAbsolutePath();
        Files.createDirectories(dir);
        bind = new BindServer(dir.resolve("bind"), List.of(DnsZone.of("sandbox.capstan.test"))).start();

        pebble = PebbleServer.start(dir.resolve("pebble"), "127.0.0.1:" + bind.port());
        fleet.managementSecret("pebble-trust", null, Map.of("ca.crt", TestPki.bytes(pebble.tlsRootPem())));
        answerer = new Answerer();
        cluster = fleet.cluster("acme");
        JsonNode spec = Json.MAPPER.readTree("""
                {"certificates": {"baseZone": "sandbox.capstan.test",
                  "issuers": [{"name": "pebble", "acme": {"server": "%s", "email": "ops@sandbox.capstan.test",
                               "accountKeySecretName": "pebble-account", "trustSecretName": "pebble-trust"}}]}}""".formatted(pebble.directoryUrl()));
        fleet.register(Fleet.event("acme", Infrastructure.STANDALONE, spec, 1, false));
    }

    @AfterAll
    static void stop() throws Exception {
        if (answerer != null) {
            answerer.close();
        }
        if (pebble != null) {
            pebble.close();
        }
        if (bind != null) {
            bind.close();
        }
        fleet.close();
    }

    /** Plays the dns component: requests in, TXT into BIND, answers out on capstan.status. */
    static final class Answerer implements AutoCloseable {
        final List<String> published = new CopyOnWriteArrayList<>();
        final List<String> removed = new CopyOnWriteArrayList<>();
        /** Each request is answered as the recorder reads it (no polling). */
        final TopicRecorder requests = new TopicRecorder(fleet.sandbox.kafkaBootstrap(), Topics.REQUESTS, r -> {
            try {
                handle(r);
            } catch (Exception e) {
                System.err.println("answerer: " + e);
            }
        });

        void handle(TopicRecorder.Rec r) throws Exception {
            Request req = Json.read(r.value(), Request.class);
            if (!Dns01Challenge.KIND.equals(req.kind())) {
                return;
            }
            Dns01Challenge c = Json.MAPPER.treeToValue(req.spec(), Dns01Challenge.class);
            String type = r.headers().get("ce_type");
            Update u = new Update(Name.fromString("sandbox.capstan.test."));
            Name owner = Name.fromString(c.fqdn() + ".");
            String key = req.cluster() + "/dns/DNS01Challenge/_/" + req.id();
            if (EventTypes.REQUEST_SUBMITTED.equals(type)) {
                u.add(owner, Type.TXT, 60, "\"" + c.value() + "\"");
                send(u);
                published.add(c.fqdn());
                StatusEvent answer = new StatusEvent(req.cluster(), "dns", req.answerSubject(), 0, Instant.now(),
                        List.of(new Condition(Conditions.READY, ConditionStatus.True, "Published", "TXT on the authoritative server",
                                Instant.now(), 0)), null);
                fleet.send(Topics.STATUS, key, EventTypes.STATUS_CHANGED, Json.write(answer));
            } else {
                u.delete(new TXTRecord(owner, DClass.IN, 60, c.value()));
                send(u);
                removed.add(c.fqdn());
                fleet.send(Topics.STATUS, key, EventTypes.STATUS_REMOVED, null);
            }
        }

        void send(Update u) throws IOException {
            SimpleResolver res = new SimpleResolver("127.0.0.1");
            res.setPort(bind.port());
            res.setTCP(true);
            res.setTSIGKey(new TSIG(TSIG.HMAC_SHA256, bind.keyName() + ".", bind.secret()));
            Message m = res.send(u);
            if (m.getRcode() != 0) {
                throw new IOException("UPDATE refused: rcode " + m.getRcode());
            }
        }

        @Override
        public void close() {
            requests.close();
        }
    }

    static List<String> txt(String fqdn) throws Exception {
        SimpleResolver res = new SimpleResolver("127.0.0.1");
        res.setPort(bind.port());
        Lookup l = new Lookup(fqdn + ".", Type.TXT);
        l.setResolver(res);
        l.setCache(null);
        Record[] rs = l.run();
        return rs == null ? List.of() : java.util.Arrays.stream(rs).map(x -> String.join("", ((TXTRecord) x).getStrings())).toList();
    }

    @Test
    void anAcmeFleetIssuerIssuesThroughPebbleWithTheChallengePublishedAndRemovedThroughTheDnsProtocol() throws Exception {
        fleet.apply(cluster, """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: www, namespace: default}
                spec:
                  secretName: www-tls
                  dnsNames: [www.acme.sandbox.capstan.test]
                  issuerRef: {name: pebble, kind: ClusterIssuer}
                  privateKey: {algorithm: ECDSA, size: 256}
                """);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            StatusEvent e = fleet.status("acme/certificates/Certificate/default/www").orElse(null);
            assertThat(e).isNotNull();
            Condition ready = Conditions.find(e.conditions(), Conditions.READY).orElseThrow();
            assertThat(ready.status()).as(ready.reason() + ": " + ready.message()).isEqualTo(ConditionStatus.True);
        });
        Secret s;
        try (KubernetesClient k = cluster.client()) {
            s = k.secrets().inNamespace("default").withName("www-tls").get();
        }
        String tlsCrt = new String(Base64.getDecoder().decode(s.getData().get("tls.crt")), StandardCharsets.US_ASCII);
        X509Certificate leaf = Pem.parseCertificates(tlsCrt).get(0);
        assertThat(leaf.getSubjectAlternativeNames()).anySatisfy(n -> assertThat(n.get(1)).isEqualTo("www.acme.sandbox.capstan.test"));
        // the challenge went through the protocol: asked, published, withdrawn and removed from the zone
        assertThat(answerer.published).contains("_acme-challenge.www.acme.sandbox.capstan.test");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(answerer.removed).contains("_acme-challenge.www.acme.sandbox.capstan.test");
            assertThat(txt("_acme-challenge.www.acme.sandbox.capstan.test")).isEmpty();
        });
        // the requests on the wire match the contract (submitted, then withdrawn with the same body)
        io.capstan.model.contract.AsyncApiContract contract;
        try (java.io.InputStream in = Files.newInputStream(Path.of(System.getProperty("capstan.repo.root", "../.."))
                .resolve("docs/asyncapi.yaml"))) {
            contract = io.capstan.model.contract.AsyncApiContract.load(in);
        }
        List<TopicRecorder.Rec> ours = answerer.requests.all().stream()
                .filter(r -> "/capstan/certificates".equals(r.headers().get("ce_source"))).toList();
        assertThat(ours).extracting(r -> r.headers().get("ce_type"))
                .contains(EventTypes.REQUEST_SUBMITTED, EventTypes.REQUEST_WITHDRAWN);
        ours.forEach(r -> contract.assertValid(Topics.REQUESTS, r.key(), r.headers(), r.value()));
        // the account key lives in the management cluster, never in the workload cluster
        try (KubernetesClient m = fleet.sandbox.managementClient()) {
            assertThat(m.secrets().inNamespace(fleet.sandbox.managementNamespace()).withName("pebble-account").get()).isNotNull();
        }
        try (KubernetesClient k = cluster.client()) {
            assertThat(k.secrets().inAnyNamespace().list().getItems()).extracting(x -> x.getMetadata().getName())
                    .doesNotContain("pebble-account");
        }
        // Pebble's chain verifies against Pebble's root (from its management API)
        assertThat(TestPki.opensslVerify(tlsCrt, pebble.issuingRootPem(), Path.of("target/openssl/acme"))).contains("OK");
    }
}
