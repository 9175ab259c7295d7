package dev.surge.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * What Surge needs around it on a developer or CI machine, for the local run and the tests: a real
 * in-JVM KRaft Kafka broker, and PostgreSQL and Redis, taken from 127.0.0.1 when they answer there, or
 * started with Testcontainers when a Docker engine is available. Returns Spring properties pointing
 * at them. Runs on the main thread before Spring starts, so blocking here is fine.
 */
public final class LocalServices {

    private static final String LOCAL_HOST = "127.0.0.1";
    private static volatile KafkaClusterTestKit kafka;

    private LocalServices() {
    }

    /**
     * @param database     PostgreSQL database to use (created when missing)
     * @param recreate     drop and re-create the database first, for a clean test run
     * @param redisDatabase Redis logical database, so tests never touch the local run's keys
     */
    public static Map<String, String> start(String database, boolean recreate, int redisDatabase) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.putAll(postgres(database, recreate));
        properties.putAll(redis(redisDatabase));
        if (recreate && properties.containsKey("spring.data.redis.database")) {
            // A new test database gets an empty Redis database too: what an earlier run left there (leases held for
            // an hour by its instance, counters of its sales) would otherwise meet this run.
            flush(properties.get("spring.data.redis.host"), Integer.parseInt(properties.get("spring.data.redis.port")),
                    redisDatabase);
        }
        properties.putAll(startKafka());
        return properties;
    }

    /** The PostgreSQL properties alone, for a database of its own (a fault test's instance that must not share one). */
    public static Map<String, String> postgres(String database, boolean recreate) {
        String host;
        int port;
        String user;
        String password;
        if (reachable(env("SURGE_DB_HOST", LOCAL_HOST), Integer.parseInt(env("SURGE_DB_PORT", "5432")))) {
            host = env("SURGE_DB_HOST", LOCAL_HOST);
            port = Integer.parseInt(env("SURGE_DB_PORT", "5432"));
            user = env("SURGE_DB_USER", "postgres");
            password = env("SURGE_DB_PASSWORD", "");
            prepareDatabase(host, port, user, password, database, recreate);
        } else if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:15").withDatabaseName(database);
            container.start();
            host = container.getHost();
            port = container.getMappedPort(5432);
            user = container.getUsername();
            password = container.getPassword();
        } else {
            throw new IllegalStateException("PostgreSQL is not reachable on " + LOCAL_HOST + ":5432 and there is "
                    + "no Docker engine for Testcontainers. Start it: pg_ctlcluster --skip-systemctl-redirect "
                    + "$(ls /etc/postgresql) main start");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.r2dbc.url", "r2dbc:postgresql://" + host + ":" + port + "/" + database);
        properties.put("spring.r2dbc.username", user);
        properties.put("spring.r2dbc.password", password);
        properties.put("spring.flyway.url", "jdbc:postgresql://" + host + ":" + port + "/" + database);
        properties.put("spring.flyway.user", user);
        properties.put("spring.flyway.password", password);
        return properties;
    }

    private static void prepareDatabase(String host, int port, String user, String password, String database,
            boolean recreate) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Unsafe database name " + database);
        }
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            if (recreate) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
            try (ResultSet found = statement.executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (!found.next()) {
                    statement.execute("CREATE DATABASE " + database);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare database " + database + " on " + url, e);
        }
    }

    private static void flush(String host, int port, int database) {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(io.lettuce.core.RedisURI.builder()
                .withHost(host).withPort(port).withDatabase(database).build());
        try (var connection = client.connect()) {
            connection.sync().flushdb();
        } finally {
            client.shutdown();
        }
    }

    private static Map<String, String> redis(int database) {
        Integer clusterPort = RedisClusterProcesses.configuredPort();
        if (clusterPort != null) {
            // A cluster has only database 0: the run owns the whole cluster it started, so nothing to isolate from.
            return Map.of("surge.redis.cluster-nodes", RedisClusterProcesses.start(clusterPort));
        }
        String host = env("SURGE_REDIS_HOST", LOCAL_HOST);
        int port = Integer.parseInt(env("SURGE_REDIS_PORT", "6379"));
        if (!reachable(host, port)) {
            if (!dockerAvailable()) {
                throw new IllegalStateException("Redis is not reachable on " + host + ":" + port + " and there is "
                        + "no Docker engine for Testcontainers. Start it: redis-server --daemonize yes "
                        + "--bind 127.0.0.1 -::1 --port 6379 --save \"\" --appendonly no");
            }
            GenericContainer<?> container = new GenericContainer<>("redis:7").withExposedPorts(6379);
            container.start();
            host = container.getHost();
            port = container.getMappedPort(6379);
        }
        return Map.of("spring.data.redis.host", host, "spring.data.redis.port", Integer.toString(port),
                "spring.data.redis.database", Integer.toString(database));
    }

    /**
     * One embedded KRaft broker, or as many as the system property {@code surge.test.kafka-brokers} says (the
     * {@code cluster} profile: 3), whose internal topics and Surge's topics are then replicated 3 times with
     * {@code min.insync.replicas=2}, as in production. Several brokers run beside one KRaft controller of their
     * own: Spring's {@code EmbeddedKafkaKraftBroker(3, ...)} makes every node a combined broker and controller,
     * and with Kafka 4.2 that three-voter quorum fails at start-up ("unexpected invalid request error" on
     * UpdateVoter); a broker stopped by a test must not take a controller with it anyway.
     */
    private static Map<String, String> startKafka() {
        int brokers = kafkaBrokerCount();
        String replicas = Integer.toString(Math.min(brokers, 3));
        String inSync = Integer.toString(Math.max(1, Math.min(brokers, 3) - 1));
        Map<String, String> settings = Map.of(
                "auto.create.topics.enable", "false",
                "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "1",
                "offsets.topic.replication.factor", replicas,
                "transaction.state.log.replication.factor", replicas,
                "transaction.state.log.min.isr", inSync);
        String bootstrap;
        if (brokers == 1) {
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
            broker.brokerProperties(settings);
            broker.afterPropertiesSet();
            kafka = broker.getCluster();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-shutdown"));
            bootstrap = broker.getBrokersAsString();
        } else {
            kafka = kafkaCluster(brokers, settings);
            bootstrap = kafka.bootstrapServers();
        }
        return Map.of("surge.events.bootstrap-servers", bootstrap,
                "surge.events.replication-factor", replicas,
                "surge.events.min-insync-replicas", inSync);
    }

    private static KafkaClusterTestKit kafkaCluster(int brokers, Map<String, String> settings) {
        // As EmbeddedKafkaKraftBroker does: a broker that fails (its log directory removed while the JVM ends)
        // must not System.exit the test JVM, which surefire would report as a crashed fork.
        org.apache.kafka.common.utils.Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("Kafka asked to exit (" + status + "): " + message);
        });
        org.apache.kafka.common.utils.Exit.setHaltProcedure((status, message) -> {
            throw new IllegalStateException("Kafka asked to halt (" + status + "): " + message);
        });
        try {
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(false).setNumBrokerNodes(brokers).setNumControllerNodes(1).build());
            settings.forEach(builder::setConfigProp);
            KafkaClusterTestKit cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    cluster.close();
                } catch (Exception e) {
                    // the JVM is ending; its temporary directories go with it
                }
            }, "embedded-kafka-shutdown"));
            return cluster;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start " + brokers + " embedded Kafka brokers", e);
        }
    }

    private static int kafkaBrokerCount() {
        String value = System.getProperty("surge.test.kafka-brokers", System.getenv("SURGE_TEST_KAFKA_BROKERS"));
        return value == null || value.isBlank() ? 1 : Integer.parseInt(value.trim());
    }

    /** The embedded Kafka of this JVM (tests that stop a broker reach its brokers through it). */
    public static KafkaClusterTestKit kafkaCluster() {
        KafkaClusterTestKit started = kafka;
        if (started == null) {
            throw new IllegalStateException("No embedded Kafka started yet");
        }
        return started;
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
