package io.capstan.sandbox.kafka;

import io.capstan.model.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real Apache Kafka broker in KRaft mode running in this JVM: combined {@code broker,controller} roles, one
 * voter, replication factor and min ISR 1 (the settings of the Kafka quickstart, see
 * https://kafka.apache.org/documentation/#quickstart). Log dirs live under {@code <state-dir>/kafka} and are
 * formatted only once, so a restart keeps every record.
 */
public final class KafkaBroker implements AutoCloseable {

    /** Partitions of every Capstan topic. */
    public static final int PARTITIONS = 6;
    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    /**
     * @param logDir         the broker's single log dir (created if absent)
     * @param port           PLAINTEXT listener port on 127.0.0.1
     * @param controllerPort CONTROLLER listener port on 127.0.0.1
     */
    public KafkaBroker(Path logDir, int port, int controllerPort) {
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** @return {@code 127.0.0.1:<port>} */
    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /**
     * Formats the log dir when it holds no meta.properties yet, starts the broker and creates the Capstan topics.
     *
     * @throws IOException when the storage cannot be formatted or the config written
     * @throws IllegalStateException when the topics cannot be created within 60 s
     */
    public void start() throws IOException {
        Files.createDirectories(logDir);
        Properties props = serverProperties();
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            Path config = logDir.getParent().resolve("kafka-server.properties");
            try (var out = Files.newOutputStream(config)) {
                props.store(out, "capstan sandbox broker");
            }
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(),
                "-c", config.toString()}, new PrintStream(captured, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IOException("kafka storage format failed: " + captured.toString(StandardCharsets.UTF_8));
            }
            LOG.info("formatted Kafka log dir {}", logDir);
        }
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        createTopics();
        LOG.info("Kafka broker ready on {}", bootstrap());
    }

    private Properties serverProperties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("num.partitions", String.valueOf(PARTITIONS));
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        return p;
    }

    private void createTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000"))) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : Topics.ALL) {
                if (!existing.contains(topic)) {
                    String policy = Topics.COMPACTED.contains(topic)
                        ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE;
                    missing.add(new NewTopic(topic, PARTITIONS, (short) 1)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, policy)));
                }
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot create the Capstan topics", e);
        }
    }

    /** Stops the broker and waits for it (controlled shutdown). */
    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }
}
