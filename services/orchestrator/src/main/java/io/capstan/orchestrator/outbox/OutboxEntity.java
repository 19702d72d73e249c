package io.capstan.orchestrator.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One event waiting to be sent (table {@code outbox}); deleted once the broker acknowledged it. */
@Entity
@Table(name = "outbox")
public class OutboxEntity extends PanacheEntityBase {

    /** Sending order. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String topic;

    /** Record key: the cluster name. */
    @Column(name = "record_key")
    public String key;

    /** CloudEvents type. */
    public String type;

    /** JSON payload, null for a tombstone. */
    public String payload;

    @Column(name = "created_at")
    public Instant createdAt;
}
