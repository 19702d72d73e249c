package io.capstan.orchestrator.profile;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;

/** A profile (table {@code profiles}): a named JSON spec with a revision bumped on every change. */
@Entity
@Table(name = "profiles")
public class ProfileEntity extends PanacheEntityBase {

    /** DNS-1123 label, primary key. */
    @Id
    public String name;

    /** The spec, a JSON object text (jsonb). */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String spec;

    /** Starts at 1, +1 on every change of the spec. */
    public long revision;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
