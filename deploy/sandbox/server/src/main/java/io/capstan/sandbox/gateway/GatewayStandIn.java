package io.capstan.sandbox.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SANDBOX ONLY: stands in for the in-cluster Gateway API controller (Istio, Envoy Gateway ...) that a sandbox
 * workload cluster does not run. It watches Gateways and Services and, for a Gateway whose Service (same namespace,
 * label {@code gateway.networking.k8s.io/gateway-name=<gateway>}, the label Istio's automated deployment puts on
 * the Service it creates) has {@code status.loadBalancer.ingress}, copies those addresses into the Gateway's
 * {@code status.addresses} (type {@code IPAddress} or {@code Hostname}) and sets {@code Accepted} and
 * {@code Programmed} as a controller would (Programmed=False reason {@code AddressNotAssigned} until the Service
 * has an address). Gateways without such a Service are left alone. Capstan's services never do this: on a real
 * cluster the gateway controller writes the Gateway's status.
 *
 * <p>Status is written with {@code PUT .../status} carrying the resourceVersion read (a 409 is retried on the next
 * pass), and only when something changed. Passes run on one thread per cluster, triggered by watch events and
 * every {@link #RESYNC_SECONDS} seconds.
 */
public final class GatewayStandIn implements AutoCloseable {

    /** Label Istio's automated deployment (and Capstan's edge) puts on a Gateway's Service. */
    public static final String GATEWAY_NAME_LABEL = "gateway.networking.k8s.io/gateway-name";
    /** Safety resync in seconds. */
    public static final int RESYNC_SECONDS = 5;
    static final ResourceDefinitionContext GATEWAYS = new ResourceDefinitionContext.Builder()
        .withGroup("gateway.networking.k8s.io").withVersion("v1").withKind("Gateway").withPlural("gateways")
        .withNamespaced(true).build();
    private static final Logger LOG = LoggerFactory.getLogger(GatewayStandIn.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String cluster;
    private final KubernetesClient client;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean pending = new AtomicBoolean();
    private SharedIndexInformer<GenericKubernetesResource> gatewayInformer;
    private SharedIndexInformer<Service> serviceInformer;

    /**
     * @param cluster  cluster name (for logs)
     * @param serverUrl the cluster's API server URL ({@code http://127.0.0.1:P})
     * @param clock    clock for condition transition times
     */
    public GatewayStandIn(String cluster, String serverUrl, Clock clock) {
        this.cluster = cluster;
        this.clock = clock;
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(serverUrl).withNamespace("default")
            .withRequestTimeout(10_000).withConnectionTimeout(5_000).build();
        this.client = new KubernetesClientBuilder().withConfig(config).build();
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sandbox-gateway-standin-" + cluster);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the watches and the periodic pass; logs that the sandbox stands in for the gateway controller. */
    public void start() {
        LOG.info("sandbox cluster {} runs no Gateway API controller: the sandbox stands in for it and copies each "
            + "Gateway's Service load-balancer address ({}=<gateway>) into the Gateway's status.addresses "
            + "(sandbox only; Capstan's services never write Gateway status)", cluster, GATEWAY_NAME_LABEL);
        ResourceEventHandler<Object> trigger = new ResourceEventHandler<>() {
            @Override
            public void onAdd(Object obj) {
                trigger();
            }

            @Override
            public void onUpdate(Object oldObj, Object newObj) {
                trigger();
            }

            @Override
            public void onDelete(Object obj, boolean deletedFinalStateUnknown) {
                trigger();
            }
        };
        try {
            gatewayInformer = client.genericKubernetesResources(GATEWAYS).inAnyNamespace().runnableInformer(0);
            gatewayInformer.addEventHandler(cast(trigger));
            gatewayInformer.start();
            serviceInformer = client.services().inAnyNamespace().runnableInformer(0);
            serviceInformer.addEventHandler(cast(trigger));
            serviceInformer.start();
        } catch (KubernetesClientException e) {
            LOG.warn("gateway stand-in of {}: watches not started ({}); periodic passes continue", cluster,
                e.getMessage());
        }
        executor.scheduleWithFixedDelay(this::safePass, RESYNC_SECONDS, RESYNC_SECONDS, TimeUnit.SECONDS);
    }

    @SuppressWarnings("unchecked")
    private static <T> ResourceEventHandler<T> cast(ResourceEventHandler<Object> h) {
        return (ResourceEventHandler<T>) (ResourceEventHandler<?>) h;
    }

    private void trigger() {
        if (pending.compareAndSet(false, true)) {
            executor.execute(() -> {
                pending.set(false);
                safePass();
            });
        }
    }

    private void safePass() {
        try {
            pass();
        } catch (KubernetesClientException e) {
            LOG.debug("gateway stand-in pass of {} failed ({}), retried", cluster, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("gateway stand-in pass of {} failed", cluster, e);
        }
    }

    /** One pass over every Gateway (read fresh from the API server, so resourceVersions are current). */
    void pass() {
        List<Service> services = client.services().inAnyNamespace().list().getItems();
        for (GenericKubernetesResource gw : client.genericKubernetesResources(GATEWAYS).inAnyNamespace().list()
            .getItems()) {
            String ns = gw.getMetadata().getNamespace();
            String name = gw.getMetadata().getName();
            List<Service> own = services.stream()
                .filter(s -> ns.equals(s.getMetadata().getNamespace()))
                .filter(s -> s.getMetadata().getLabels() != null
                    && name.equals(s.getMetadata().getLabels().get(GATEWAY_NAME_LABEL)))
                .toList();
            if (own.isEmpty()) {
                continue;
            }
            List<Map<String, Object>> addresses = new ArrayList<>();
            for (Service s : own) {
                if (s.getStatus() == null || s.getStatus().getLoadBalancer() == null
                    || s.getStatus().getLoadBalancer().getIngress() == null) {
                    continue;
                }
                for (LoadBalancerIngress in : s.getStatus().getLoadBalancer().getIngress()) {
                    if (in.getIp() != null && !in.getIp().isEmpty()) {
                        addresses.add(address("IPAddress", in.getIp()));
                    } else if (in.getHostname() != null && !in.getHostname().isEmpty()) {
                        addresses.add(address("Hostname", in.getHostname()));
                    }
                }
            }
            Object status = gw.getAdditionalProperties().get("status");
            long generation = gw.getMetadata().getGeneration() == null ? 0 : gw.getMetadata().getGeneration();
            Map<String, Object> desired = desiredStatus(asMap(status), addresses, generation,
                own.get(0).getMetadata().getName(), clock.instant());
            if (!Objects.equals(JSON.convertValue(desired, Map.class), JSON.convertValue(asMap(status), Map.class))) {
                gw.getAdditionalProperties().put("status", desired);
                client.genericKubernetesResources(GATEWAYS).inNamespace(ns).resource(gw).updateStatus();
                LOG.info("sandbox gateway stand-in: {} Gateway {}/{} status.addresses={}", cluster, ns, name,
                    addresses.stream().map(a -> a.get("value")).toList());
            }
        }
    }

    private static Map<String, Object> address(String type, String value) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("type", type);
        a.put("value", value);
        return a;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /**
     * The Gateway status a controller would write: the current status with {@code addresses} replaced and the
     * {@code Accepted} and {@code Programmed} conditions set (Gateway API {@code GatewayConditionType}); a
     * condition keeps its lastTransitionTime unless its status flips. Other fields (listeners) are kept.
     *
     * @param current     current {@code status} (may be empty)
     * @param addresses   {@code [{type, value}]} from the Service, possibly empty
     * @param generation  the Gateway's metadata.generation
     * @param serviceName the Service the addresses come from (for messages)
     * @param now         transition time for a flipped condition
     * @return the desired status, equal to {@code current} when nothing changes
     */
    static Map<String, Object> desiredStatus(Map<String, Object> current, List<Map<String, Object>> addresses,
                                             long generation, String serviceName, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>(current);
        if (addresses.isEmpty()) {
            out.remove("addresses");
        } else {
            out.put("addresses", addresses);
        }
        List<Map<String, Object>> conditions = new ArrayList<>();
        Object existing = current.get("conditions");
        if (existing instanceof List<?> l) {
            for (Object c : l) {
                conditions.add(asMap(c));
            }
        }
        conditions = setCondition(conditions, "Accepted", "True", "Accepted",
            "sandbox stand-in for the gateway controller accepted the Gateway", generation, now);
        conditions = addresses.isEmpty()
            ? setCondition(conditions, "Programmed", "False", "AddressNotAssigned",
                "Service " + serviceName + " has no load-balancer address yet", generation, now)
            : setCondition(conditions, "Programmed", "True", "Programmed",
                "sandbox stand-in copied the addresses of Service " + serviceName, generation, now);
        out.put("conditions", conditions);
        return out;
    }

    private static List<Map<String, Object>> setCondition(List<Map<String, Object>> conditions, String type,
                                                          String status, String reason, String message,
                                                          long generation, Instant now) {
        List<Map<String, Object>> out = new ArrayList<>();
        boolean found = false;
        for (Map<String, Object> c : conditions) {
            if (type.equals(c.get("type"))) {
                found = true;
                Object time = status.equals(c.get("status")) && c.get("lastTransitionTime") != null
                    ? c.get("lastTransitionTime") : now.truncatedTo(ChronoUnit.SECONDS).toString();
                out.add(condition(type, status, reason, message, generation, time));
            } else {
                out.add(c);
            }
        }
        if (!found) {
            out.add(condition(type, status, reason, message, generation,
                now.truncatedTo(ChronoUnit.SECONDS).toString()));
        }
        return out;
    }

    private static Map<String, Object> condition(String type, String status, String reason, String message,
                                                 long generation, Object time) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", type);
        c.put("status", status);
        c.put("reason", reason);
        c.put("message", message);
        c.put("observedGeneration", generation);
        c.put("lastTransitionTime", time);
        return c;
    }

    /** Stops the watches, the passes and the client. */
    @Override
    public void close() {
        executor.shutdownNow();
        if (gatewayInformer != null) {
            gatewayInformer.close();
        }
        if (serviceInformer != null) {
            serviceInformer.close();
        }
        client.close();
    }
}
