package io.capstan.certificates.health;

import io.capstan.certificates.reconcile.CertificatesRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the reconciler at {@code /q/health/ready}: up once the work queue runs; data: owned partitions of
 * {@code capstan.clusters}, owned clusters and queue depth.
 */
@Readiness
@ApplicationScoped
public class CertificatesReadiness implements HealthCheck {

    @Inject
    CertificatesRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("certificates-reconciler").up()
                .withData("partitions", runtime.ownership().partitions().toString())
                .withData("clusters", runtime.ownedClusters().size())
                .withData("queueDepth", runtime.queueDepth())
                .build();
    }
}
