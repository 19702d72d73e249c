package io.capstan.kit.status;

import io.capstan.model.status.StatusEvent;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Diff, send, commit: publishes what a pass wants {@code capstan.status} to say through a {@link StatusSink}, and
 * records it in the {@link StatusLedger} only once the sink returned (the broker acknowledged), so a failed send is
 * sent again by the next pass. Call from the cluster's worker (one at a time per cluster).
 */
public final class StatusReporter {

    private final StatusLedger ledger;
    private final StatusSink sink;

    /**
     * @param ledger what was published
     * @param sink   where to publish
     */
    public StatusReporter(StatusLedger ledger, StatusSink sink) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * Publishes the changes of a pass; nothing when nothing changed (no heartbeat due).
     *
     * @param cluster  cluster name
     * @param entries  entries of the pass
     * @param complete true when {@code entries} lists every object (keys not in it are tombstoned)
     * @return what was sent
     * @throws RuntimeException from the sink when the broker did not acknowledge (nothing is committed)
     */
    public StatusLedger.Changes report(String cluster, List<StatusEntry> entries, boolean complete) {
        return send(cluster, ledger.diff(cluster, entries, complete));
    }

    /**
     * Tombstones the entries of some objects of a cluster that were published.
     *
     * @return what was sent
     * @throws RuntimeException from the sink when the broker did not acknowledge
     */
    public StatusLedger.Changes withdraw(String cluster, Collection<StatusEvent.Subject> subjects) {
        return send(cluster, ledger.remove(cluster, subjects));
    }

    /**
     * Tombstones every key of a cluster (after the cluster's own tombstone on {@code capstan.clusters}); the ledger
     * forgets the cluster first, so a failed send is not repeated by later passes.
     *
     * @return the keys tombstoned (the component key always among them)
     * @throws RuntimeException from the sink when the broker did not acknowledge
     */
    public List<String> forget(String cluster) {
        List<String> keys = ledger.forget(cluster);
        sink.send(List.of(), keys);
        return keys;
    }

    /** The ledger. */
    public StatusLedger ledger() {
        return ledger;
    }

    private StatusLedger.Changes send(String cluster, StatusLedger.Changes changes) {
        if (!changes.isEmpty()) {
            sink.send(changes.publish(), changes.removals());
            ledger.commit(cluster, changes);
        }
        return changes;
    }
}
