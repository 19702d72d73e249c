package io.capstan.storage.health;

import io.capstan.storage.reconcile.StorageRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the reconciler at {@code /q/health/ready}: up once the work queue runs; data: owned partitions of
 * {@code capstan.clusters}, owned clusters and queue depth. (Kafka channel health is reported by SmallRye itself.)
 */
@Readiness
@ApplicationScoped
public class StorageReadiness implements HealthCheck {

    @Inject
    StorageRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("storage-reconciler").up()
                .withData("partitions", runtime.ownership().partitions().toString())
                .withData("clusters", runtime.ownedClusters().size())
                .withData("queueDepth", runtime.queueDepth())
                .build();
    }
}
