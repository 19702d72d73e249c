package io.capstan.gateways.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.gateways.cluster.KubeconfigWorkloadGateways;
import io.capstan.gateways.edge.EdgePass;
import io.capstan.gateways.ipam.AddressPool;
import io.capstan.gateways.ipam.AddressRange;
import io.capstan.gateways.ipam.AllocationPlanner;
import io.capstan.gateways.ipam.Port;
import io.capstan.gateways.ipam.ServiceRequest;
import io.capstan.gateways.reconcile.FleetClaims;
import io.capstan.gateways.reconcile.GatewaysReconciler;
import io.capstan.kit.cluster.KubeconfigClusters;
import io.capstan.kit.messaging.KafkaStatusSink;
import io.capstan.kit.status.StatusLedger;
import io.capstan.kit.status.StatusReporter;
import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.cluster.Infrastructure;
import io.capstan.model.cluster.Profile;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.reconcile.Backoff;
import io.capstan.model.reconcile.ClusterRegistry;
import io.capstan.sandbox.junit.Sandbox;
import io.capstan.sandbox.junit.SandboxCluster;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Allocations per second for 10,000 LoadBalancer Services: through the service's reconcile path
 * ({@link GatewaysReconciler#pass}: list Services/IPAddressPools/Namespaces from a sandbox API server, plan, write
 * each Service's status.loadBalancer.ingress through the status subresource, publish 10,001 status entries to the
 * sandbox Kafka broker) beside the pure core ({@link AllocationPlanner#plan} on the same 10,000 requests) measured in
 * the same run; the ratio is printed. Runs only with {@code -Pbench} (or {@code -Dcapstan.bench=true}):
 * {@code ./mvnw -B -pl services/gateways -Pbench verify}. The sandbox API server is the fabric8 mock (an emulator).
 */
class AllocationBenchmark {

    static final int SERVICES = Integer.getInteger("capstan.bench.services", 10_000);

    @Test
    void allocationsPerSecondThroughTheReconcilePathBesideThePureCore() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("capstan.bench"), "benchmark: run with -Pbench");
        // the pure core: warm up, then the best of five
        AddressPool pool = new AddressPool("bench", AddressPool.Source.PROFILE, List.of(AddressRange.parse("10.64.0.0/16")),
                true, false, null, false);
        List<ServiceRequest> requests = new ArrayList<>();
        for (int i = 0; i < SERVICES; i++) {
            requests.add(ServiceRequest.simple("bench/svc-" + i, List.of(new Port("TCP", 80))));
        }
        for (int i = 0; i < 3; i++) {
            AllocationPlanner.plan(List.of(pool), requests, Map.of());
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            AllocationPlanner.Plan p = AllocationPlanner.plan(List.of(pool), requests, Map.of());
            best = Math.min(best, System.nanoTime() - t0);
            assertThat(p.outcomes()).allMatch(o -> o.allocated());
        }
        double core = SERVICES / (best / 1e9);

        // the reconcile path against a sandbox cluster
        Sandbox sandbox = Sandbox.shared();
        String name = "gw-bench";
        SandboxCluster cluster = sandbox.cluster(name);
        KubernetesClient management = sandbox.managementClient();
        String secret = ClusterEvent.kubeconfigSecretName(name);
        if (management.secrets().inNamespace(sandbox.managementNamespace()).withName(secret).get() == null) {
            management.secrets().inNamespace(sandbox.managementNamespace()).resource(new SecretBuilder().withNewMetadata()
                    .withName(secret).withNamespace(sandbox.managementNamespace()).endMetadata()
                    .addToData(ClusterEvent.KUBECONFIG_KEY, Base64.getEncoder().encodeToString(
                            cluster.kubeconfig().getBytes(StandardCharsets.UTF_8))).build()).create();
        }
        long created = System.nanoTime();
        ExecutorService pool8 = Executors.newFixedThreadPool(8);
        try (KubernetesClient c = cluster.client()) {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int from = t;
                fs.add(pool8.submit(() -> {
                    for (int i = from; i < SERVICES; i += 8) {
                        c.resource(new ServiceBuilder().withNewMetadata().withNamespace("bench").withName("svc-" + i).endMetadata()
                                .withNewSpec().withType("LoadBalancer")
                                .withPorts(new ServicePortBuilder().withPort(80).build()).endSpec().build()).create();
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get(30, TimeUnit.MINUTES);
            }
        } finally {
            pool8.shutdownNow();
        }
        double createSeconds = (System.nanoTime() - created) / 1e9;
        ClusterRegistry registry = new ClusterRegistry();
        JsonNode profile = Json.read("{\"gateways\": {\"pools\": [{\"name\": \"bench\", \"addresses\": [\"10.64.0.0/16\"]}]}}", JsonNode.class);
        ClusterEvent ev = new ClusterEvent(name, Infrastructure.STANDALONE, "sandbox", Map.of(), new Profile("bench", profile, 1), 1,
                false, null);
        registry.apply(name, EventTypes.CLUSTER_REGISTERED, ev);
        try (KubeconfigClusters clients = new KubeconfigClusters("gateways", management, sandbox.managementNamespace(), null,
                Duration.ofSeconds(60), Duration.ofSeconds(10));
             KafkaStatusSink sink = new KafkaStatusSink("gateways", sandbox.kafkaBootstrap(), Clock.systemUTC())) {
            GatewaysReconciler reconciler = new GatewaysReconciler(registry, new KubeconfigWorkloadGateways(clients),
                    FleetClaims.NONE, new StatusReporter(new StatusLedger("gateways", Clock.systemUTC()), sink),
                    new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), 3), 3, null, x -> true, EdgePass.NONE);
            long t0 = System.nanoTime();
            String first = reconciler.pass(name);
            double firstSeconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            String second = reconciler.pass(name);
            double steadySeconds = (System.nanoTime() - t1) / 1e9;
            assertThat(first).isEqualTo("allocated");
            assertThat(second).isEqualTo("unchanged");
            double path = SERVICES / firstSeconds;
            System.out.printf("%n=== gateways allocation benchmark (%d Services, one pool 10.64.0.0/16) ===%n", SERVICES);
            System.out.printf("pure core (AllocationPlanner.plan, best of 5): %.3f s, %,.0f allocations/s%n", best / 1e9, core);
            System.out.printf("reconcile path, first pass (list + plan + %d status writes + %d status events): %.1f s, %,.0f allocations/s%n",
                    SERVICES, SERVICES + 1, firstSeconds, path);
            System.out.printf("reconcile path, steady pass (list + restore + plan, nothing to write): %.1f s, %,.0f Services/s%n",
                    steadySeconds, SERVICES / steadySeconds);
            System.out.printf("ratio reconcile path / pure core: %.4f (the core is %.0fx faster); creating the Services took %.1f s%n",
                    path / core, core / path, createSeconds);
        } finally {
            management.close();
        }
    }
}
