package io.capstan.gateways.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.gateways.profile.LoadBalancerSettings;
import io.capstan.gateways.route.AttachmentChecker;
import io.capstan.gateways.route.Fixtures;
import io.capstan.gateways.route.Inventory;
import io.capstan.model.status.StatusEvent;
import io.capstan.sandbox.junit.Sandbox;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (only with {@code -Pbench} or {@code -Dcapstan.bench=true}): route checks for 1,000 HTTPRoutes through
 * the edge pass on a sandbox cluster (list everything, check, write 1,000 route statuses on the cold pass; list,
 * check, write nothing on the warm pass) beside the pure checker core on the same objects, printed as ratios.
 * <pre>./mvnw -B -pl services/gateways -Pbench test -Dtest=RouteCheckBenchmark</pre>
 */
class RouteCheckBenchmark {

    static final int ROUTES = 1_000;
    static final int NAMESPACES = 10;

    @Test
    void routeChecksFor1000HttpRoutesEdgePassVersusPureCore() {
        Assumptions.assumeTrue(Boolean.getBoolean("capstan.bench"), "benchmark: run with -Pbench");
        Fixtures.root();
        Sandbox sandbox = Sandbox.shared();
        KubernetesClient c = sandbox.cluster("gwb-routes").client();
        StringBuilder yaml = new StringBuilder(EdgeSandboxTest.classes("bench") + """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: bench, namespace: infra}
            spec:
              gatewayClassName: bench
              listeners:
              - {name: http, protocol: HTTP, port: 80, allowedRoutes: {namespaces: {from: All}}}
              - name: https
                protocol: HTTPS
                port: 443
                hostname: "*.bench.example.com"
                allowedRoutes: {namespaces: {from: Selector, selector: {matchLabels: {edge: "true"}}}}
                tls: {certificateRefs: [{name: bench-cert}]}
            """);
        for (int n = 0; n < NAMESPACES; n++) {
            yaml.append("---\napiVersion: v1\nkind: Namespace\nmetadata: {name: team-").append(n)
                .append(", labels: {edge: \"").append(n % 2 == 0).append("\"}}\n---\napiVersion: v1\nkind: Service\n")
                .append("metadata: {name: app, namespace: team-").append(n).append("}\nspec: {ports: [{port: 80}]}\n");
        }
        for (int i = 0; i < ROUTES; i++) {
            yaml.append("---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r-").append(i)
                .append(", namespace: team-").append(i % NAMESPACES).append("}\nspec:\n  parentRefs: [{name: bench, ")
                .append("namespace: infra}]\n  hostnames: [r-").append(i).append(i % 7 == 0 ? ".other.org" : ".bench.example.com")
                .append("]\n  rules: [{backendRefs: [{name: ").append(i % 5 == 0 ? "missing" : "app").append(", port: 80}]}]\n");
        }
        long t0 = System.nanoTime();
        SandboxObjects.apply(c, Fixtures.parse(yaml.toString()));
        double applyMs = (System.nanoTime() - t0) / 1e6;

        EdgeReconciler reconciler = new EdgeReconciler(Clock.systemUTC());
        EdgeCluster cluster = new EdgeCluster("gwb-routes", 1, EdgeSandboxTest.disabled(),
            new LoadBalancerSettings(null, Map.of()), c);
        t0 = System.nanoTime();
        List<StatusEvent> cold = reconciler.reconcile(cluster);
        double coldMs = (System.nanoTime() - t0) / 1e6;
        assertThat(cold).hasSize(ROUTES);
        double[] warm = new double[5];
        for (int i = 0; i < warm.length; i++) {
            t0 = System.nanoTime();
            reconciler.reconcile(cluster);
            warm[i] = (System.nanoTime() - t0) / 1e6;
        }

        // the pure core on the same objects, read once
        List<JsonNode> docs = new ArrayList<>();
        for (var ctx : List.of(EdgeReconciler.GATEWAYS, EdgeReconciler.HTTP_ROUTES, EdgeReconciler.NAMESPACES,
            EdgeReconciler.SERVICES)) {
            (ctx.isNamespaceScoped() ? c.genericKubernetesResources(ctx).inAnyNamespace().list()
                : c.genericKubernetesResources(ctx).list()).getItems()
                .forEach(r -> docs.add(io.capstan.model.event.Json.MAPPER.valueToTree(r)));
        }
        Inventory inventory = Fixtures.inventory(docs, "default");
        assertThat(inventory.routes()).hasSize(ROUTES);
        // JIT warm-up: C2 needs a few seconds of this loop (20 rounds measured 20+ ms, warm it is under 1 ms)
        long warmUntil = System.nanoTime() + 8_000_000_000L;
        int warmups = 0;
        while (System.nanoTime() < warmUntil || warmups < 200) {
            AttachmentChecker.check(inventory);
            warmups++;
        }
        double[] pure = new double[100];
        for (int i = 0; i < pure.length; i++) {
            t0 = System.nanoTime();
            AttachmentChecker.Report r = AttachmentChecker.check(inventory);
            pure[i] = (System.nanoTime() - t0) / 1e6;
            assertThat(r.routes()).hasSize(ROUTES);
        }
        double pureMs = median(pure);
        double warmMs = median(warm);
        System.out.printf("%nROUTE CHECK BENCHMARK (%d HTTPRoutes in %d namespaces, 1 Gateway, sandbox API server = "
                + "fabric8 mock on loopback)%n"
                + "  apply 1,000 routes (creates)          %10.1f ms%n"
                + "  pure core AttachmentChecker.check p50 %10.3f ms  (%.2f us/route)%n"
                + "  edge pass, cold (writes %d statuses) %10.1f ms  ratio to core %8.0fx%n"
                + "  edge pass, warm (no writes) p50       %10.1f ms  ratio to core %8.0fx%n",
            ROUTES, NAMESPACES, applyMs, pureMs, pureMs * 1000 / ROUTES, ROUTES, coldMs, coldMs / pureMs, warmMs,
            warmMs / pureMs);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
