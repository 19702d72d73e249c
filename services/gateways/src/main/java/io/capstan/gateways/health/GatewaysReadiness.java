package io.capstan.gateways.health;

import io.capstan.gateways.reconcile.GatewaysRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the reconciler at {@code /q/health/ready}: up once the work queue runs; data: owned partitions of
 * {@code capstan.clusters}, owned clusters, queue depth (the Kafka channel's health is reported by SmallRye itself).
 */
@Readiness
@ApplicationScoped
public class GatewaysReadiness implements HealthCheck {

    @Inject
    GatewaysRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("gateways-reconciler").up()
                .withData("partitions", runtime.ownedPartitions())
                .withData("clusters", runtime.ownedClusters().size())
                .withData("queueDepth", runtime.queueDepth())
                .build();
    }
}
