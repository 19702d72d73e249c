package io.capstan.certificates.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.certificates.cluster.Fabric8WorkloadCertificates;
import io.capstan.certificates.issuer.IssuerResolver;
import io.capstan.certificates.issuer.SecretReader;
import io.capstan.certificates.reconcile.CertificateSync;
import io.capstan.certificates.reconcile.CertificatesReconciler;
import io.capstan.certificates.report.ExpiryGauges;
import io.capstan.kit.cluster.KubeconfigClusters;
import io.capstan.kit.status.StatusLedger;
import io.capstan.kit.status.StatusReporter;
import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.reconcile.Backoff;
import io.capstan.model.reconcile.ClusterRegistry;
import io.capstan.model.status.StatusEvent;
import io.capstan.sandbox.junit.SandboxCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renewal across a restart, against a sandbox cluster with the real fabric8 client, without Quarkus: each
 * "lifecycle" is a fresh {@link CertificatesReconciler} with its own registry, ledger, caches and clients (what a
 * restarted process has), and the clock is moved by hand. The renewal is derived from the Secret's certificate, so a
 * restarted service neither loses it nor issues twice.
 */
class RenewalAcrossRestartTest {

    static final String PROFILE = """
            {"certificates": {"baseZone": "sandbox.capstan.test",
                              "issuers": [{"name": "restart-ca", "ca": {"secretName": "restart-ca"}}]}}""";

    static Fleet fleet;
    static SandboxCluster cluster;
    static ClusterEvent event;

    /** A clock moved by the test. */
    static final class HandClock extends Clock {
        volatile Instant now = Instant.now();

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** One process lifecycle: everything in memory starts empty. */
    static final class Lifecycle implements AutoCloseable {
        final ClusterRegistry registry = new ClusterRegistry();
        final List<StatusEvent> published = new CopyOnWriteArrayList<>();
        final KubeconfigClusters clients;
        final CertificatesReconciler reconciler;
        final KubernetesClient management = fleet.sandbox.managementClient();

        Lifecycle(Clock clock) {
            String ns = fleet.sandbox.managementNamespace();
            clients = new KubeconfigClusters("certificates", management, ns, null, Duration.ofSeconds(10), Duration.ofSeconds(5));
            SecretReader mgmt = (namespace, name) -> {
                Secret s = management.secrets().inNamespace(namespace).withName(name).get();
                if (s == null) {
                    return Optional.empty();
                }
                Map<String, byte[]> data = new HashMap<>();
                s.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
                return Optional.of(new SecretReader.Content(s.getMetadata().getResourceVersion(), data));
            };
            StatusLedger ledger = new StatusLedger("certificates", clock);
            StatusReporter reporter = new StatusReporter(ledger, (publish, removals) -> published.addAll(publish));
            CertificateSync sync = new CertificateSync(clock, new IssuerResolver(mgmt, ns, "cert-manager"), null, null, mgmt,
                    Duration.ofMinutes(1), Duration.ofHours(1), ns);
            reconciler = new CertificatesReconciler(registry, (c, secret) -> new Fabric8WorkloadCertificates(c, clients.open(c, secret)),
                    clients::close, reporter, new ExpiryGauges(new SimpleMeterRegistry()), sync, Backoff.DEFAULT, null, clock, c -> true);
            registry.apply(event.name(), EventTypes.CLUSTER_REGISTERED, event);
        }

        @Override
        public void close() {
            clients.close();
            management.close();
        }
    }

    @BeforeAll
    static void start() {
        fleet = new Fleet();
        fleet.managementSecret("restart-ca", "kubernetes.io/tls", new TestPki("restart test").caSecretData());
        cluster = fleet.cluster("renewal");
        event = Fleet.event("renewal", Infrastructure.STANDALONE, Json.MAPPER.valueToTree(Map.of()), 1, false);
        event = new ClusterEvent(event.name(), event.infrastructure(), event.site(), event.labels(),
                new io.capstan.model.cluster.Profile("restart", readTree(PROFILE), 1), 1, false, null);
        try (KubernetesClient k = cluster.client()) {
            k.resource(io.fabric8.kubernetes.client.utils.Serialization.unmarshal("""
                    apiVersion: cert-manager.io/v1
                    kind: Certificate
                    metadata: {name: api, namespace: default}
                    spec:
                      secretName: api-tls
                      duration: 1h
                      renewBefore: 20m
                      dnsNames: [api.renewal.sandbox.capstan.test]
                      issuerRef: {name: restart-ca, kind: ClusterIssuer}
                      privateKey: {algorithm: ECDSA, size: 256}
                    """, GenericKubernetesResource.class)).create();
        }
    }

    @AfterAll
    static void stop() {
        fleet.close();
    }

    static JsonNode readTree(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Secret secret() {
        try (KubernetesClient k = cluster.client()) {
            return k.secrets().inNamespace("default").withName("api-tls").get();
        }
    }

    static int revision() {
        try (KubernetesClient k = cluster.client()) {
            GenericKubernetesResource r = k.genericKubernetesResources("cert-manager.io/v1", "Certificate")
                    .inNamespace("default").withName("api").get();
            return Json.MAPPER.valueToTree(r.getAdditionalProperties().get("status")).path("revision").asInt();
        }
    }

    @Test
    void aRestartBetweenIssuanceAndRenewalNeitherLosesTheRenewalNorIssuesTwice() {
        HandClock clock = new HandClock();
        Instant t0 = clock.now;
        CertificatesReconciler.PassResult first;
        try (Lifecycle a = new Lifecycle(clock)) {
            first = a.reconciler.pass("renewal");
        }
        assertThat(first.outcome()).isEqualTo("issued");
        assertThat(revision()).isEqualTo(1);
        Secret issued = secret();
        // renewal at notAfter - renewBefore = issuance + 40 min
        assertThat(Duration.between(t0, first.wakeAt())).isBetween(Duration.ofMinutes(40).minusSeconds(2), Duration.ofMinutes(40));

        // the process restarts 10 minutes later: nothing is issued, the renewal time is recomputed from the Secret
        clock.now = t0.plus(Duration.ofMinutes(10));
        try (Lifecycle b = new Lifecycle(clock)) {
            CertificatesReconciler.PassResult after = b.reconciler.pass("renewal");
            assertThat(after.outcome()).isEqualTo("synced");
            assertThat(after.wakeAt()).isEqualTo(first.wakeAt());
            assertThat(secret().getMetadata().getResourceVersion()).isEqualTo(issued.getMetadata().getResourceVersion());
            assertThat(revision()).isEqualTo(1);

            // its renewal wake-up comes: renewed once, and a second pass (or a duplicate wake-up) issues nothing more
            clock.now = first.wakeAt().plusSeconds(1);
            assertThat(b.reconciler.pass("renewal").outcome()).isEqualTo("issued");
            assertThat(b.reconciler.pass("renewal").outcome()).isEqualTo("synced");
        }
        assertThat(revision()).isEqualTo(2);
        assertThat(secret().getData().get("tls.crt")).isNotEqualTo(issued.getData().get("tls.crt"));
        // another restart right after the renewal: still nothing to do
        try (Lifecycle c = new Lifecycle(clock)) {
            assertThat(c.reconciler.pass("renewal").outcome()).isEqualTo("synced");
            // the work queue is asked to come back at the renewal only when it is within the wake horizon (else the
            // periodic resync finds it again): at most one timer per cluster
            assertThat(c.reconciler.wakeHorizon(Duration.ofMinutes(5)).reconcile("renewal", 1).requeueAfter()).isNull();
            assertThat(c.reconciler.wakeHorizon(Duration.ofHours(1)).reconcile("renewal", 1).requeueAfter())
                    .isBetween(Duration.ofMinutes(39), Duration.ofMinutes(40));
        }
        assertThat(revision()).isEqualTo(2);
    }
}
