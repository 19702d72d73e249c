package io.capstan.orchestrator.status;

import io.capstan.model.status.Condition;
import io.capstan.model.status.ConditionStatus;
import io.capstan.model.status.Conditions;
import io.capstan.orchestrator.audit.AuditLog;
import io.capstan.model.event.CloudEventHeaders;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.event.PoisonEventException;
import io.capstan.model.kafka.ClusterPartitioner;
import io.capstan.model.status.StatusEvent;
import io.capstan.orchestrator.cluster.ClusterEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Map;

/**
 * Consumes {@code capstan.status} (channel {@code status}) into the status view: {@code io.capstan.status.changed.v1}
 * upserts the entry of the record key, a tombstone ({@code io.capstan.status.removed.v1} or a null value) deletes it.
 * Entries of clusters that are not registered are ignored. A record that is not a CloudEvent, has an unknown type or
 * an unreadable body throws {@link PoisonEventException}, which the channel's dead-letter-queue failure strategy
 * sends to {@code capstan.dlq}; the next record flows on.
 */
@ApplicationScoped
public class StatusIngest {

    private static final Logger LOG = Logger.getLogger(StatusIngest.class);

    /** Reason of a {@code Ready=False} condition by which a component refuses an object on policy grounds. */
    public static final String DENIED = "Denied";

    @Inject
    StatusStream stream;

    @Inject
    AuditLog audit;

    /** Handles one record; see the class comment. */
    @Incoming("status")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        Map<String, byte[]> headers = new HashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value());
        }
        CloudEventHeaders ce = CloudEventHeaders.fromKafkaHeaders(headers);
        String key = record.key();
        if (EventTypes.STATUS_REMOVED.equals(ce.type()) || (record.value() == null && EventTypes.STATUS_CHANGED.equals(ce.type()))) {
            if (key == null) {
                throw new PoisonEventException("MissingKey", "a status tombstone needs its record key");
            }
            boolean removed = QuarkusTransaction.requiringNew().call(() -> StatusViewEntity.deleteById(key));
            if (removed) {
                stream.publish(new StatusChange(EventTypes.STATUS_REMOVED, key, ClusterPartitioner.clusterOf(key), null));
            }
            return;
        }
        if (!EventTypes.STATUS_CHANGED.equals(ce.type())) {
            throw new PoisonEventException("UnknownEventType", "ce_type '" + ce.type() + "' is not a status event type");
        }
        StatusEvent event = Json.read(record.value(), StatusEvent.class);
        String k = key == null ? event.key() : key;
        if (!ClusterPartitioner.clusterOf(k).equals(event.cluster())) {
            throw new PoisonEventException("KeyMismatch", "record key '" + k + "' is not of cluster '" + event.cluster() + "'");
        }
        StatusViews.StatusItem item = QuarkusTransaction.requiringNew().call(() -> upsert(k, event));
        if (item == null) {
            LOG.debugf("Ignoring status %s of unregistered cluster %s", k, event.cluster());
            return;
        }
        stream.publish(new StatusChange(EventTypes.STATUS_CHANGED, k, event.cluster(), item));
    }

    private StatusViews.StatusItem upsert(String key, StatusEvent event) {
        if (ClusterEntity.findById(event.cluster()) == null) {
            return null;
        }
        StatusViewEntity row = StatusViewEntity.findById(key);
        boolean fresh = row == null;
        auditDenial(row, event);
        if (fresh) {
            row = new StatusViewEntity();
            row.key = key;
        }
        row.cluster = event.cluster();
        row.component = event.component();
        StatusEvent.Subject s = event.subject();
        row.subjectKind = s == null ? null : s.kind();
        row.subjectNamespace = s == null ? null : s.namespace();
        row.subjectName = s == null ? null : s.name();
        row.subjectApiVersion = s == null ? null : s.apiVersion();
        row.conditions = Json.write(event.conditions());
        row.observedGeneration = event.observedGeneration();
        row.observedAt = event.observedAt();
        row.details = event.details() == null || event.details().isNull() ? null : Json.write(event.details());
        if (fresh) {
            row.persist();
        }
        return StatusViews.item(row);
    }

    /**
     * Records in the audit trail (action {@code policy.denied}, target {@code cluster/<name>}, actor
     * {@code component:<component>}) each object that a component starts refusing on policy grounds: its
     * {@code Ready} condition turns False with reason {@code Denied} (for example a certificate for a name outside the
     * cluster's allowed domains). Repeats of the same denial are not recorded again.
     */
    private void auditDenial(StatusViewEntity previous, StatusEvent event) {
        if (event.subject() == null) {
            return;
        }
        Condition now = ready(event.conditions());
        if (now == null || now.status() != ConditionStatus.False || !DENIED.equals(now.reason())) {
            return;
        }
        Condition before = previous == null ? null : ready(StatusViews.conditions(previous.conditions));
        if (before != null && before.status() == ConditionStatus.False && DENIED.equals(before.reason())) {
            return;
        }
        StatusEvent.Subject s = event.subject();
        String object = s.kind() + ' ' + (s.namespace() == null || s.namespace().isEmpty() ? "" : s.namespace() + '/')
                + s.name();
        audit.record("component:" + event.component(), "policy.denied", "cluster/" + event.cluster(),
                object + ": " + (now.message() == null ? "" : now.message()));
    }

    private static Condition ready(java.util.List<Condition> conditions) {
        return conditions == null ? null
                : conditions.stream().filter(c -> Conditions.READY.equals(c.type())).findFirst().orElse(null);
    }
}
