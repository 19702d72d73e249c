package io.capstan.model.event;

import java.util.Set;

/**
 * Versioned CloudEvents {@code type} values (CloudEvents 1.0 §3.1.1 "type"). A breaking payload change takes a new
 * {@code .vN} suffix; consumers reject types they do not know by dead-lettering the record.
 */
public final class EventTypes {

    /** A cluster was registered; data: {@link io.capstan.model.cluster.ClusterEvent}. */
    public static final String CLUSTER_REGISTERED = "io.capstan.cluster.registered.v1";
    /** A cluster's spec or profile changed; data: {@link io.capstan.model.cluster.ClusterEvent}. */
    public static final String CLUSTER_UPDATED = "io.capstan.cluster.updated.v1";
    /** Deletion was asked: services remove what they created and report {@code Finalized=True}. */
    public static final String CLUSTER_DEREGISTERED = "io.capstan.cluster.deregistered.v1";
    /** The cluster is gone; sent as a tombstone (null body) on the compacted topic. */
    public static final String CLUSTER_DELETED = "io.capstan.cluster.deleted.v1";
    /** A workload object was added or changed; data: {@link io.capstan.model.resource.ResourceEvent}. */
    public static final String RESOURCE_CHANGED = "io.capstan.resource.changed.v1";
    /** A workload object was deleted; sent as a tombstone (null body). */
    public static final String RESOURCE_DELETED = "io.capstan.resource.deleted.v1";
    /** A component's or object's conditions changed; data: {@link io.capstan.model.status.StatusEvent}. */
    public static final String STATUS_CHANGED = "io.capstan.status.changed.v1";
    /** A status entry is withdrawn (its subject no longer exists); sent as a tombstone (null body). */
    public static final String STATUS_REMOVED = "io.capstan.status.removed.v1";

    /** A component asks another for something; data: {@link io.capstan.model.request.Request}. */
    public static final String REQUEST_SUBMITTED = "io.capstan.request.submitted.v1";
    /** The asker no longer needs it: undo; data: the same {@link io.capstan.model.request.Request}. */
    public static final String REQUEST_WITHDRAWN = "io.capstan.request.withdrawn.v1";

    /** Types sent on {@code capstan.clusters}. */
    public static final Set<String> CLUSTER_TYPES =
            Set.of(CLUSTER_REGISTERED, CLUSTER_UPDATED, CLUSTER_DEREGISTERED, CLUSTER_DELETED);
    /** Types sent on {@code capstan.resources}. */
    public static final Set<String> RESOURCE_TYPES = Set.of(RESOURCE_CHANGED, RESOURCE_DELETED);
    /** Types sent on {@code capstan.status}. */
    public static final Set<String> STATUS_TYPES = Set.of(STATUS_CHANGED, STATUS_REMOVED);
    /** Types sent on {@code capstan.requests}. */
    public static final Set<String> REQUEST_TYPES = Set.of(REQUEST_SUBMITTED, REQUEST_WITHDRAWN);

    private EventTypes() {
    }
}
