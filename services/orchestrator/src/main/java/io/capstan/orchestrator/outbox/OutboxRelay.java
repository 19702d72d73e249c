package io.capstan.orchestrator.outbox;

import io.capstan.model.event.CloudEventHeaders;
import io.capstan.orchestrator.config.OrchestratorConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.capstan.model.kafka.CloudEventPublisher;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends outbox rows to Kafka in id order and deletes each row once the broker acknowledged it (acks=all,
 * idempotent producer): at-least-once, ordered per cluster (one partition per cluster through
 * {@link ClusterPartitioner}; a failed send stops the pass so no later row overtakes it).
 *
 * <p>Runs after every commit that wrote a row and every second as a safety net. Replicas of the orchestrator
 * serialize on a PostgreSQL advisory lock held for the pass. Records carry CloudEvents binary-mode headers
 * ({@link CloudEventHeaders}); {@code ce_id} is derived from the row, so a re-send has the same id.
 *
 * <p>A plain {@link KafkaProducer} built from the Quarkus Kafka configuration ({@code kafka.*}) is used rather than a
 * SmallRye emitter: the relay needs a synchronous per-record acknowledgement inside its database transaction.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock key of the relay ("capstan" outbox). */
    static final long LOCK_KEY = 0x6361707374616eL;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    OrchestratorConfig config;

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry registry;

    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private final ExecutorService wakeups = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-relay");
        t.setDaemon(true);
        return t;
    });
    private volatile CloudEventPublisher producer;
    private volatile boolean stopping;

    @PostConstruct
    void metrics() {
        // Strong references: a weakly held value vanishes from the registry once collected, which happens when the
        // registry outlives this bean (the JVM-wide registry is kept across application restarts in tests).
        Gauge.builder("capstan.outbox.pending", pending, AtomicLong::doubleValue).strongReference(true).register(registry);
        TimeGauge.builder("capstan.outbox.lag", oldestAgeMillis, TimeUnit.MILLISECONDS, AtomicLong::doubleValue)
                .strongReference(true).register(registry);
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxAppended event) {
        wakeups.submit(this::relay);
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "2s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void safetyNet() {
        relay();
    }

    /** Sends everything pending; returns immediately (after flagging another pass) when a pass is running. */
    public void relay() {
        if (stopping) {
            return;
        }
        if (!lock.tryLock()) {
            again.set(true);
            return;
        }
        try {
            do {
                again.set(false);
                int sent;
                do {
                    sent = pass();
                } while (sent >= config.outbox().batchSize());
            } while (again.get());
            refreshLag();
        } catch (RuntimeException e) {
            if (stopping) {
                return;
            }
            LOG.warnf("Outbox relay pass failed (%s); retrying within a second", e.getClass().getName());
        } finally {
            lock.unlock();
        }
    }

    /** One pass in one transaction: lock, read a batch, send and delete row by row; returns rows sent. */
    int pass() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object got = em.createNativeQuery("SELECT pg_try_advisory_xact_lock(" + LOCK_KEY + ")").getSingleResult();
            if (!Boolean.TRUE.equals(got)) {
                return 0;
            }
            List<OutboxEntity> rows = OutboxEntity.<OutboxEntity>find("ORDER BY id").page(0, config.outbox().batchSize()).list();
            int sent = 0;
            for (OutboxEntity row : rows) {
                try {
                    producer().send(row.topic, row.key, headers(row), row.payload)
                            .get(config.outbox().sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (Exception e) {
                    LOG.warnf("Outbox row %d (%s, key %s) not acknowledged (%s); will retry", row.id, row.type, row.key,
                            e.getCause() == null ? e.getClass().getName() : e.getCause().getClass().getName());
                    break;
                }
                em.remove(row);
                sent++;
            }
            return sent;
        });
    }

    /** Stable attributes per row: a re-delivered row carries the same {@code ce_id} and {@code ce_time}. */
    private CloudEventHeaders headers(OutboxEntity row) {
        return new CloudEventHeaders("capstan-outbox-" + row.id + "-" + row.createdAt.toEpochMilli(),
                config.outbox().source(), row.type, row.key, row.createdAt,
                row.payload == null ? null : CloudEventHeaders.JSON);
    }

    private void refreshLag() {
        QuarkusTransaction.requiringNew().run(() -> {
            Object[] row = (Object[]) em.createNativeQuery("SELECT count(*), min(created_at) FROM outbox").getSingleResult();
            pending.set(((Number) row[0]).longValue());
            Instant oldest = row[1] == null ? null : toInstant(row[1]);
            oldestAgeMillis.set(oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis()));
        });
    }

    private static Instant toInstant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        return null;
    }

    private CloudEventPublisher producer() {
        CloudEventPublisher p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new CloudEventPublisher(producerConfig(kafkaConfig), "capstan-orchestrator-outbox",
                            config.outbox().source(), Clock.systemUTC());
                }
                p = producer;
            }
        }
        return p;
    }

    /**
     * The producer settings: the Quarkus {@code kafka.*} config plus the relay's timeouts; {@link CloudEventPublisher}
     * adds acks=all, idempotence, the cluster partitioner and string serializers.
     */
    static Map<String, Object> producerConfig(Map<String, Object> base) {
        Map<String, Object> c = new HashMap<>();
        base.forEach((k, v) -> {
            if (!k.startsWith("group.") && !k.contains("deserializer") && !k.equals("auto.offset.reset")) {
                c.put(k, v);
            }
        });
        c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return c;
    }

    void shutdown(@Observes ShutdownEvent ev) {
        stopping = true;
        wakeups.shutdownNow();
        CloudEventPublisher p = producer;
        if (p != null) {
            p.close();
        }
    }
}
