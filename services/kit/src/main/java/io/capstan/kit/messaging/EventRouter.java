package io.capstan.kit.messaging;

import io.capstan.model.Topics;
import io.capstan.model.cluster.ClusterEvent;
import io.capstan.model.event.CloudEventHeaders;
import io.capstan.model.event.EventTypes;
import io.capstan.model.event.Json;
import io.capstan.model.event.PoisonEventException;
import io.capstan.model.reconcile.ClusterRegistry;
import io.capstan.model.request.Request;
import io.capstan.model.resource.ResourceEvent;
import io.capstan.model.resource.ResourceKey;
import io.capstan.model.status.StatusEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns one record of a domain service's incoming channel into the work-queue keys to enqueue. No I/O: parses,
 * validates the {@code ce_type} against the topic, updates the {@link ClusterRegistry}, and asks the service's
 * handlers what to enqueue. Each service declares the topics it reads (always {@code capstan.clusters}, plus any of
 * {@code capstan.resources}, {@code capstan.requests}, {@code capstan.status}, or another topic with its own types)
 * with the {@link Builder}; a record of any other topic is poison.
 *
 * <ul>
 *   <li>{@code capstan.clusters}: the record is applied to the registry ({@link ClusterRegistry#apply}); every change
 *   (a tombstone too) is handed to the cluster handler; a duplicate (replay) is handed to nobody.</li>
 *   <li>{@code capstan.resources}: types {@link EventTypes#RESOURCE_TYPES}; the key is a {@link ResourceKey}; the body
 *   of a change must carry the same key. Only the declared {@code group/kind}s (core group written {@code core}) of a
 *   cluster the registry knows reach the handler (an unknown cluster's registration wakes a full pass later).</li>
 *   <li>{@code capstan.requests}: types {@link EventTypes#REQUEST_TYPES}, both with a {@link Request} body whose
 *   {@link Request#key()} is the record key. Only the declared request kinds reach the handler; others belong to
 *   another component and are ignored.</li>
 *   <li>{@code capstan.status}: types {@link EventTypes#STATUS_TYPES}; key {@code cluster/component[/kind/ns/name]};
 *   the body of a change must carry the same key. Only the declared components reach the handler.</li>
 * </ul>
 * Poison (thrown as {@link PoisonEventException}, dead-lettered by the channel's failure strategy): a topic the
 * service does not read ({@code UnexpectedTopic}), a type the topic does not carry ({@code UnknownEventType}), a body
 * that is not the payload's JSON ({@code MalformedPayload}), a key that does not match the payload
 * ({@code KeyMismatch}), a malformed key ({@code MalformedKey}, {@code MissingKey}). A poison record changes nothing.
 *
 * @param <K> the work-queue key type (storage: the cluster name)
 */
public final class EventRouter<K> {

    private static final Logger LOG = Logger.getLogger(EventRouter.class);

    /** What a change of the registry enqueues. */
    @FunctionalInterface
    public interface ClusterHandler<K> {
        /**
         * @param cluster cluster name
         * @param change  what the record did (never {@code UNCHANGED}); the registry already holds the new state
         * @return keys to enqueue, may be empty
         */
        Collection<K> route(String cluster, ClusterRegistry.Change change);
    }

    /** What a resource record enqueues. */
    @FunctionalInterface
    public interface ResourceHandler<K> {
        /**
         * @param key   the parsed record key
         * @param event the object, or null for the tombstone ({@code io.capstan.resource.deleted.v1})
         * @return keys to enqueue, may be empty
         */
        Collection<K> route(ResourceKey key, ResourceEvent event);
    }

    /** What a request record enqueues. */
    @FunctionalInterface
    public interface RequestHandler<K> {
        /**
         * @param type    {@code io.capstan.request.submitted.v1} or {@code io.capstan.request.withdrawn.v1}
         * @param request the request
         * @return keys to enqueue, may be empty
         */
        Collection<K> route(String type, Request request);
    }

    /** What a status record enqueues. */
    @FunctionalInterface
    public interface StatusHandler<K> {
        /**
         * @param cluster   cluster name (first key segment)
         * @param component component (second key segment)
         * @param key       the record key
         * @param event     the entry, or null for the tombstone ({@code io.capstan.status.removed.v1})
         * @return keys to enqueue, may be empty
         */
        Collection<K> route(String cluster, String component, String key, StatusEvent event);
    }

    /** What a record of another declared topic enqueues. */
    @FunctionalInterface
    public interface RecordHandler<K> {
        /**
         * @param key   record key
         * @param type  {@code ce_type}, one of the types declared for the topic
         * @param value body, null for a tombstone
         * @return keys to enqueue, may be empty
         * @throws PoisonEventException when the record can never be processed
         */
        Collection<K> route(String key, String type, String value);
    }

    /** Told about every record handled by {@link #handle}; fast, never throws. */
    @FunctionalInterface
    public interface RecordObserver {
        /** @param outcome {@code handled} or {@code poison} */
        void record(String topic, String outcome);

        /** Ignores everything. */
        RecordObserver NONE = (t, o) -> { };
    }

    private record Route<K>(Set<String> types, RecordHandler<K> handler) {
    }

    private final String component;
    private final ClusterRegistry registry;
    private final Map<String, Route<K>> routes;
    private final RecordObserver observer;

    private EventRouter(Builder<K> b) {
        this.component = b.component;
        this.registry = b.registry;
        this.observer = b.observer;
        Map<String, Route<K>> r = new LinkedHashMap<>();
        ClusterHandler<K> clusters = b.clusters;
        r.put(Topics.CLUSTERS, new Route<>(EventTypes.CLUSTER_TYPES, (key, type, value) -> {
            ClusterEvent payload = null;
            if (!EventTypes.CLUSTER_DELETED.equals(type)) {
                payload = Json.read(value, ClusterEvent.class);
            }
            ClusterRegistry.Change change = registry.apply(key, type, payload);
            return change == ClusterRegistry.Change.UNCHANGED ? List.of() : clusters.route(key, change);
        }));
        r.putAll(b.routes);
        this.routes = Map.copyOf(r);
    }

    /**
     * A builder of a router for a component.
     *
     * @param component component name, in poison messages and log lines
     * @param registry  the registry this router keeps up to date
     * @param clusters  what a change of the registry enqueues
     */
    public static <K> Builder<K> builder(String component, ClusterRegistry registry, ClusterHandler<K> clusters) {
        return new Builder<>(component, registry, clusters);
    }

    /** A builder of a router keyed by cluster name: every change of the registry enqueues its cluster. */
    public static Builder<String> byCluster(String component, ClusterRegistry registry) {
        return new Builder<>(component, registry, (cluster, change) -> List.of(cluster));
    }

    /** The topics this router accepts: the channel's {@code topics} list. */
    public Set<String> topics() {
        return routes.keySet();
    }

    /**
     * Routes one record.
     *
     * @param topic the record's topic
     * @param key   record key
     * @param type  {@code ce_type}, null when absent
     * @param value body, null for a tombstone
     * @return the keys to enqueue, possibly none
     * @throws PoisonEventException when the record can never be processed
     */
    public List<K> route(String topic, String key, String type, String value) {
        Route<K> route = routes.get(topic);
        if (route == null) {
            throw new PoisonEventException("UnexpectedTopic", "the " + component + " service does not read topic " + topic);
        }
        if (type == null || !route.types().contains(type)) {
            throw new PoisonEventException("UnknownEventType", topic + " does not carry type '" + type + "'");
        }
        if (key == null || key.isEmpty()) {
            throw new PoisonEventException("MissingKey", topic + " records are keyed");
        }
        Collection<K> keys = route.handler().route(key, type, value);
        return keys == null ? List.of() : List.copyOf(keys);
    }

    /**
     * Routes a Kafka record, reading {@code ce_type} from its CloudEvents headers.
     *
     * @throws PoisonEventException when the record can never be processed
     */
    public List<K> route(ConsumerRecord<String, String> record) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value());
        }
        String type;
        try {
            type = CloudEventHeaders.fromKafkaHeaders(headers).type();
        } catch (PoisonEventException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PoisonEventException("MalformedHeaders", "CloudEvents headers unreadable: " + e.getMessage(), e);
        }
        return route(record.topic(), record.key(), type, record.value());
    }

    /**
     * The whole body of a service's {@code @Incoming} method: routes the record, enqueues its keys, counts it; a
     * poison record is logged (topic, partition, offset, key, reason; never the body), counted and thrown again so the
     * channel dead-letters it.
     *
     * @param record  the record
     * @param enqueue the work queue's {@code add}
     * @throws PoisonEventException for a record that can never be processed
     */
    public void handle(ConsumerRecord<String, String> record, java.util.function.Consumer<K> enqueue) {
        try {
            route(record).forEach(enqueue);
            observer.record(record.topic(), "handled");
        } catch (PoisonEventException e) {
            observer.record(record.topic(), "poison");
            LOG.warnf("%s: poison record %s-%d@%d key %s: %s %s; sending it to capstan.dlq", component, record.topic(),
                    record.partition(), record.offset(), record.key(), e.reason(), e.getMessage());
            throw e;
        }
    }

    /** Declares the topics a service reads and what their records enqueue. */
    public static final class Builder<K> {
        private final String component;
        private final ClusterRegistry registry;
        private final ClusterHandler<K> clusters;
        private final Map<String, Route<K>> routes = new LinkedHashMap<>();
        private RecordObserver observer = RecordObserver.NONE;

        private Builder(String component, ClusterRegistry registry, ClusterHandler<K> clusters) {
            this.component = Objects.requireNonNull(component, "component");
            this.registry = Objects.requireNonNull(registry, "registry");
            this.clusters = Objects.requireNonNull(clusters, "clusters");
        }

        /**
         * Reads {@code capstan.resources}.
         *
         * @param groupKinds {@code group/kind} of the resources handed to the handler (core group written
         *                   {@code core}, for example {@code core/Service}, {@code gateway.networking.k8s.io/HTTPRoute})
         * @param handler    what they enqueue
         */
        public Builder<K> resources(Set<String> groupKinds, ResourceHandler<K> handler) {
            Set<String> kinds = Set.copyOf(groupKinds);
            Objects.requireNonNull(handler, "handler");
            return topic(Topics.RESOURCES, EventTypes.RESOURCE_TYPES, (key, type, value) -> {
                ResourceKey rk;
                try {
                    rk = ResourceKey.parse(key);
                } catch (IllegalArgumentException e) {
                    throw new PoisonEventException("MalformedKey", e.getMessage());
                }
                ResourceEvent ev = null;
                if (EventTypes.RESOURCE_CHANGED.equals(type)) {
                    ev = Json.read(value, ResourceEvent.class);
                    if (!ev.key().equals(rk)) {
                        throw new PoisonEventException("KeyMismatch", "record key '" + key + "' differs from payload key '" + ev.key().toKey() + "'");
                    }
                }
                String groupKind = (rk.group().isEmpty() ? ResourceKey.CORE : rk.group()) + "/" + rk.kind();
                if (!kinds.contains(groupKind) || registry.get(rk.cluster()).isEmpty()) {
                    return List.of();
                }
                return handler.route(rk, ev);
            });
        }

        /**
         * Reads {@code capstan.requests}.
         *
         * @param kinds   request kinds handed to the handler (for example {@code DNS01Challenge})
         * @param handler what they enqueue
         */
        public Builder<K> requests(Set<String> kinds, RequestHandler<K> handler) {
            Set<String> accepted = Set.copyOf(kinds);
            Objects.requireNonNull(handler, "handler");
            return topic(Topics.REQUESTS, EventTypes.REQUEST_TYPES, (key, type, value) -> {
                Request r;
                try {
                    r = Json.read(value, Request.class);
                } catch (PoisonEventException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new PoisonEventException("MalformedPayload", "body is not a Request: " + e.getMessage(), e);
                }
                if (!key.equals(r.key())) {
                    throw new PoisonEventException("KeyMismatch", "record key '" + key + "' differs from payload key '" + r.key() + "'");
                }
                return accepted.contains(r.kind()) ? handler.route(type, r) : List.of();
            });
        }

        /**
         * Reads {@code capstan.status}.
         *
         * @param components components whose entries are handed to the handler (for example {@code dns})
         * @param handler    what they enqueue
         */
        public Builder<K> status(Set<String> components, StatusHandler<K> handler) {
            Set<String> accepted = Set.copyOf(components);
            Objects.requireNonNull(handler, "handler");
            return topic(Topics.STATUS, EventTypes.STATUS_TYPES, (key, type, value) -> {
                String[] seg = key.split("/", -1);
                if ((seg.length != 2 && seg.length != 5) || java.util.Arrays.stream(seg).anyMatch(String::isEmpty)) {
                    throw new PoisonEventException("MalformedKey", "status key '" + key
                            + "' is not cluster/component or cluster/component/kind/namespace/name");
                }
                StatusEvent ev = null;
                if (EventTypes.STATUS_CHANGED.equals(type)) {
                    ev = Json.read(value, StatusEvent.class);
                    if (!key.equals(ev.key())) {
                        throw new PoisonEventException("KeyMismatch", "record key '" + key + "' differs from payload key '" + ev.key() + "'");
                    }
                }
                return accepted.contains(seg[1]) ? handler.route(seg[0], seg[1], key, ev) : List.of();
            });
        }

        /**
         * Reads another topic (or replaces a route declared above).
         *
         * @param topic   topic name, not {@code capstan.clusters}
         * @param types   the {@code ce_type}s it carries; any other is poison
         * @param handler parses and decides
         */
        public Builder<K> topic(String topic, Set<String> types, RecordHandler<K> handler) {
            if (Topics.CLUSTERS.equals(topic)) {
                throw new IllegalArgumentException("capstan.clusters is always read; declare its handler in builder()");
            }
            routes.put(Objects.requireNonNull(topic, "topic"), new Route<>(Set.copyOf(types), Objects.requireNonNull(handler)));
            return this;
        }

        /** Counts handled and poison records ({@link #handle}). */
        public Builder<K> observer(RecordObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /** The router. */
        public EventRouter<K> build() {
            return new EventRouter<>(this);
        }
    }
}
