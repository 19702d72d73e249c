package io.capstan.orchestrator.outbox;

import io.capstan.model.event.CloudEventHeaders;
import io.capstan.model.kafka.ClusterPartitioner;
import io.capstan.orchestrator.config.OrchestratorConfig;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

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
    private volatile KafkaProducer<String, String> producer;
    private volatile boolean stopping;

    @PostConstruct
    void metrics() {
        registry.gauge("capstan.outbox.pending", pending);
        registry.more().timeGauge("capstan.outbox.lag", List.of(), oldestAgeMillis, TimeUnit.MILLISECONDS, AtomicLong::doubleValue);
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
                    producer().send(record(row)).get(config.outbox().sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
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

    private ProducerRecord<String, String> record(OutboxEntity row) {
        CloudEventHeaders ce = new CloudEventHeaders("capstan-outbox-" + row.id + "-" + row.createdAt.toEpochMilli(),
                config.outbox().source(), row.type, row.key, row.createdAt,
                row.payload == null ? null : CloudEventHeaders.JSON);
        ProducerRecord<String, String> r = new ProducerRecord<>(row.topic, null, row.key, row.payload);
        ce.toKafkaHeaders().forEach((k, v) -> r.headers().add(k, v));
        return r;
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

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(producerConfig(kafkaConfig));
                }
                p = producer;
            }
        }
        return p;
    }

    /** The producer settings: the Quarkus {@code kafka.*} config plus what the relay's guarantees need. */
    static Map<String, Object> producerConfig(Map<String, Object> base) {
        Map<String, Object> c = new HashMap<>();
        base.forEach((k, v) -> {
            if (!k.startsWith("group.") && !k.contains("deserializer") && !k.equals("auto.offset.reset")) {
                c.put(k, v);
            }
        });
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        c.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, ClusterPartitioner.class.getName());
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "capstan-orchestrator-outbox");
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return c;
    }

    void shutdown(@Observes ShutdownEvent ev) {
        stopping = true;
        wakeups.shutdownNow();
        KafkaProducer<String, String> p = producer;
        if (p != null) {
            p.close(Duration.ofSeconds(5));
        }
    }
}
