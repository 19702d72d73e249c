package io.capstan.dns.health;

import io.capstan.dns.reconcile.DnsRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/ready}: the reconciler runs; data: owned clusters and keys waiting in the work queue. A DNS server
 * that is down does not make the service unready (it is a cluster's {@code Ready=False ProviderError}, not the
 * service's).
 */
@Readiness
@ApplicationScoped
public class DnsReadiness implements HealthCheck {

    @Inject
    DnsRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("dns-reconciler").up()
                .withData("clusters", runtime.ownedClusters().size())
                .withData("queueDepth", runtime.queueDepth())
                .build();
    }
}
