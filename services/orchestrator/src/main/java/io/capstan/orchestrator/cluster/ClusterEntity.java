package io.capstan.orchestrator.cluster;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;

/** A registered cluster (table {@code clusters}). The kubeconfig is not here: it lives in the management Secret. */
@Entity
@Table(name = "clusters")
public class ClusterEntity extends PanacheEntityBase {

    /** DNS-1123 label, primary key. */
    @Id
    public String name;

    /** Wire name of the {@link io.capstan.model.cluster.Infrastructure}. */
    public String infrastructure;

    /** Name of the profile (which may not exist yet). */
    @Column(name = "profile_name")
    public String profileName;

    /** Labels as a JSON object text (jsonb). */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String labels;

    /** Free-form site, may be null. */
    public String site;

    /** Starts at 1; bumped on every spec or profile change and on deletion. */
    public long generation;

    /** True once deletion was asked. */
    public boolean deleting;

    /** When deletion was asked, null before. */
    @Column(name = "deletion_requested_at")
    public Instant deletionRequestedAt;

    /** The API server of the kubeconfig's current context (normalised); one API server is one cluster. */
    @Column(name = "api_server")
    public String apiServer;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
