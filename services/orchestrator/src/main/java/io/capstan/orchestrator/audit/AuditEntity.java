package io.capstan.orchestrator.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One audit entry (table {@code audit}). */
@Entity
@Table(name = "audit")
public class AuditEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Instant at;

    /** {@code <role>:<token fingerprint>} or {@code system}. */
    public String actor;

    /** For example {@code cluster.register}. */
    public String action;

    /** For example {@code cluster/alpha} or {@code profile/default}. */
    public String target;

    /** Extra words, never secret material. */
    public String detail;
}
