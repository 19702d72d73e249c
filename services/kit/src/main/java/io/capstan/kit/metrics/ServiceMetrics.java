package io.capstan.kit.metrics;

import io.capstan.kit.messaging.EventRouter;
import io.capstan.kit.reconcile.PassObserver;
import io.capstan.model.reconcile.KeyedWorkQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The meters every domain service exposes at {@code /q/metrics}, all tagged {@code component=<component>}:
 * <ul>
 *   <li>{@code capstan.reconcile} timer and {@code capstan.reconcile.passes} counter, tag {@code outcome} (the
 *   service's outcome names, see {@link PassObserver#passed});</li>
 *   <li>{@code capstan.reconcile.conflicts} counter (409s re-planned);</li>
 *   <li>{@code capstan.workqueue.depth} gauge (keys waiting or in flight), once {@link #queueDepth} is called;</li>
 *   <li>{@code capstan.records} counter, tags {@code topic}, {@code outcome} ({@code handled}, {@code poison}).</li>
 * </ul>
 * The {@link PassObserver} of the reconciler and the {@link EventRouter.RecordObserver} of the router.
 */
public final class ServiceMetrics implements PassObserver, EventRouter.RecordObserver {

    private final String component;
    private final MeterRegistry meters;

    /**
     * @param component component name, the {@code component} tag
     * @param meters    the registry (Quarkus: the injected {@code MeterRegistry})
     */
    public ServiceMetrics(String component, MeterRegistry meters) {
        this.component = Objects.requireNonNull(component, "component");
        this.meters = Objects.requireNonNull(meters, "meters");
    }

    @Override
    public void passed(String key, String outcome, long nanos) {
        Timer.builder("capstan.reconcile").description("Reconcile passes by outcome")
                .tags("component", component, "outcome", outcome).register(meters).record(nanos, TimeUnit.NANOSECONDS);
        Counter.builder("capstan.reconcile.passes").tags("component", component, "outcome", outcome)
                .register(meters).increment();
    }

    @Override
    public void conflict(String key) {
        Counter.builder("capstan.reconcile.conflicts").tags("component", component).register(meters).increment();
    }

    @Override
    public void record(String topic, String outcome) {
        Counter.builder("capstan.records").tags("component", component, "topic", topic, "outcome", outcome)
                .register(meters).increment();
    }

    /**
     * Registers the {@code capstan.workqueue.depth} gauge of a queue (held strongly by this registration's gauge:
     * keep the queue referenced for the service's life).
     */
    public void queueDepth(KeyedWorkQueue<?> queue) {
        Gauge.builder("capstan.workqueue.depth", queue, KeyedWorkQueue::depth).tags("component", component)
                .description("Keys waiting or in flight").strongReference(true).register(meters);
    }
}
