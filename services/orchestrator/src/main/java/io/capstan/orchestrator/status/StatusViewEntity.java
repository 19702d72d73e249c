package io.capstan.orchestrator.status;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;

/** The latest status per {@code capstan.status} key (table {@code status_view}). */
@Entity
@Table(name = "status_view")
public class StatusViewEntity extends PanacheEntityBase {

    /** {@code cluster/component[/kind/namespace/name]}. */
    @Id
    public String key;

    public String cluster;

    public String component;

    /** Subject kind, null for a component-level status. */
    @Column(name = "subject_kind")
    public String subjectKind;

    @Column(name = "subject_namespace")
    public String subjectNamespace;

    @Column(name = "subject_name")
    public String subjectName;

    @Column(name = "subject_api_version")
    public String subjectApiVersion;

    /** JSON array of conditions (jsonb). */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String conditions;

    @Column(name = "observed_generation")
    public long observedGeneration;

    @Column(name = "observed_at")
    public Instant observedAt;

    /** JSON details or null (jsonb). */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String details;
}
