package io.capstan.sandbox.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.model.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A sandbox stopped by stdin EOF and restarted on its state directory with stable ports keeps its ports, Kafka
 * records, PostgreSQL rows and password.
 */
class SandboxRestartTest {

    @Test
    void stdinEofStopsTheSandboxAndAStableRestartKeepsPortsRecordsAndRows() throws Exception {
        Path dir = Path.of(System.getProperty("user.dir"), "target",
            "sandbox-restart-" + ProcessHandle.current().pid());
        String key = "restart-" + UUID.randomUUID();
        String bootstrap;
        String jdbcUrl;
        String password;
        String managementUrl;
        try (Sandbox first = Sandbox.start(dir, true)) {
            bootstrap = first.kafkaBootstrap();
            jdbcUrl = first.jdbcUrl();
            password = first.postgresPassword();
            managementUrl = first.managementUrl();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
                producer.send(new ProducerRecord<>(Topics.CLUSTERS, key, "{}")).get(30, TimeUnit.SECONDS);
            }
            try (Connection c = DriverManager.getConnection(jdbcUrl, first.postgresUser(), password);
                 Statement st = c.createStatement()) {
                st.execute("create table kept (id text primary key)");
                st.execute("insert into kept values ('" + key + "')");
            }
            assertThat(Files.getPosixFilePermissions(dir.resolve("sandbox.json")))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            assertThat(Files.getPosixFilePermissions(dir.resolve("postgres-credentials")))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            // what happens when the test JVM dies: stdin EOF stops the sandbox cleanly
            first.closeStdin();
            await().atMost(Duration.ofSeconds(30)).until(() -> !first.alive());
        }
        try (Sandbox second = Sandbox.start(dir, true)) {
            assertThat(second.kafkaBootstrap()).isEqualTo(bootstrap);
            assertThat(second.jdbcUrl()).isEqualTo(jdbcUrl);
            assertThat(second.postgresPassword()).isEqualTo(password);
            assertThat(second.managementUrl()).isEqualTo(managementUrl);
            try (Connection c = DriverManager.getConnection(jdbcUrl, second.postgresUser(), password);
                 Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select id from kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(key);
            }
            List<ConsumerRecord<String, String>> seen = Collections.synchronizedList(new ArrayList<>());
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.CLUSTERS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                    return seen.stream().anyMatch(r -> key.equals(r.key()));
                });
            }
            try (var client = second.managementClient()) {
                assertThat(client.namespaces().withName("capstan-system").get()).isNotNull();
            }
        }
    }
}
