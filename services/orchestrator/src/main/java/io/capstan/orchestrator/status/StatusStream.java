package io.capstan.orchestrator.status;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/** Fans status changes out to the server-sent-event subscribers of {@code /api/v1/events}; keeps no history. */
@ApplicationScoped
public class StatusStream {

    private final BroadcastProcessor<StatusChange> processor = BroadcastProcessor.create();

    /** Publishes one change to every current subscriber. */
    public void publish(StatusChange change) {
        processor.onNext(change);
    }

    /**
     * The changes from now on.
     *
     * @param cluster only this cluster's changes when not null or blank
     */
    public Multi<StatusChange> changes(String cluster) {
        Multi<StatusChange> all = processor.onOverflow().drop();
        return cluster == null || cluster.isBlank() ? all : all.select().where(c -> cluster.equals(c.cluster()));
    }
}
