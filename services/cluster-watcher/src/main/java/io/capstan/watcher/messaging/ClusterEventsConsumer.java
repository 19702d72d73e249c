package io.capstan.watcher.messaging;

import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.event.CloudEventHeaders;
import io.capstan.model.event.Json;
import io.capstan.model.event.PoisonEventException;
import io.capstan.watcher.cluster.ClusterWatchers;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code capstan.clusters} (channel {@code clusters}): parses the CloudEvent, applies it to the
 * {@link ClusterWatchers} registry (which enqueues the cluster) and acks. A poison record (not a CloudEvent, not
 * JSON, an unknown type, key and payload name that differ) is nacked and goes to {@code capstan.dlq}; the next record
 * flows on.
 */
@ApplicationScoped
public class ClusterEventsConsumer {

    private static final Logger LOG = Logger.getLogger(ClusterEventsConsumer.class);

    @Inject
    ClusterWatchers watchers;

    /** Handles one record; never blocks. */
    @Incoming("clusters")
    public CompletionStage<Void> consume(IncomingKafkaRecord<String, String> record) {
        if (record.getKey() != null) {
            MDC.put(ClusterWatchers.MDC_CLUSTER, record.getKey());
        }
        try {
            Map<String, byte[]> headers = new HashMap<>();
            for (Header h : record.getHeaders()) {
                headers.put(h.key(), h.value());
            }
            CloudEventHeaders ce = CloudEventHeaders.fromKafkaHeaders(headers);
            String value = record.getPayload();
            ClusterEvent payload = value == null ? null : Json.read(value, ClusterEvent.class);
            watchers.apply(record.getKey(), ce.type(), payload);
            return record.ack();
        } catch (PoisonEventException e) {
            LOG.warnf("poison record on %s partition %d offset %d: %s %s", record.getTopic(), record.getPartition(),
                    record.getOffset(), e.reason(), e.getMessage());
            return record.nack(e);
        } catch (RuntimeException e) {
            LOG.warnf("record on %s partition %d offset %d rejected: %s", record.getTopic(), record.getPartition(),
                    record.getOffset(), e.toString());
            return record.nack(new PoisonEventException("MalformedPayload", e.getMessage(), e));
        } finally {
            MDC.remove(ClusterWatchers.MDC_CLUSTER);
        }
    }
}
