package io.capstan.gateways.cluster;

import io.capstan.gateways.reconcile.FleetClaims;
import io.capstan.sandbox.junit.Sandbox;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet-wide claim against the sandbox's management API server (the fabric8 mock in CRUD mode answers a
 * duplicate create with 409 as a kube-apiserver does): many replicas of two clusters claiming one address at the same
 * moment, each through its own client, leave exactly one holder, and every loser is told who holds it.
 */
class ConfigMapFleetClaimsTest {

    @Test
    void concurrentClaimsOfOneAddressByTwoClustersLeaveExactlyOneHolder() throws Exception {
        Sandbox sandbox = Sandbox.shared();
        String ns = sandbox.managementNamespace();
        String address = "198.51.100.250";
        int replicas = 8;
        List<KubernetesClient> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<String>>> results = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                KubernetesClient c = sandbox.managementClient();
                clients.add(c);
                String cluster = i % 2 == 0 ? "claim-a" : "claim-b";
                FleetClaims claims = new ConfigMapFleetClaims(c, ns);
                Callable<Optional<String>> task = () -> {
                    go.await();
                    return claims.claim(new FleetClaims.Claim(address, cluster, "shared", "apps/svc"));
                };
                results.add(pool.submit(task));
            }
            go.countDown();
            List<String> winners = new ArrayList<>();
            List<String> toldHolder = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                Optional<String> r = results.get(i).get(60, TimeUnit.SECONDS);
                String cluster = i % 2 == 0 ? "claim-a" : "claim-b";
                if (r.isEmpty()) {
                    winners.add(cluster);
                } else {
                    toldHolder.add(r.get());
                }
            }
            KubernetesClient m = sandbox.managementClient();
            clients.add(m);
            FleetClaims reader = new ConfigMapFleetClaims(m, ns);
            List<FleetClaims.Claim> held = reader.list().stream().filter(c -> c.address().equals(address)).toList();
            assertThat(held).hasSize(1);
            String holder = held.get(0).cluster();
            // every replica of the holder's cluster is told it holds it; every other one is told the holder
            assertThat(winners).isNotEmpty().allMatch(holder::equals);
            assertThat(toldHolder).allMatch(holder::equals);
            // release by the other cluster is ignored; by the holder it frees the address
            String other = holder.equals("claim-a") ? "claim-b" : "claim-a";
            reader.release(new FleetClaims.Claim(address, other, null, null));
            assertThat(reader.list().stream().filter(c -> c.address().equals(address))).hasSize(1);
            assertThat(reader.releaseAll(holder)).containsExactly(address);
            assertThat(reader.list().stream().filter(c -> c.address().equals(address))).isEmpty();
            assertThat(reader.claim(new FleetClaims.Claim(address, other, "shared", "apps/svc"))).isEmpty();
            reader.releaseAll(other);
        } finally {
            pool.shutdownNow();
            clients.forEach(KubernetesClient::close);
        }
    }
}
