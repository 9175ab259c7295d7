package dev.surge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka broker as a process of its own ({@code kafka.Kafka} from the tests' class path), for the
 * fault tests: it can be killed and started again on the same port with the same log directory, which the
 * in-JVM embedded broker cannot. Its output goes to {@code target/faults/kafka-<port>.log}.
 */
public final class KafkaProcess extends ServerProcess {

    private final Path config;
    private final Path log;

    private KafkaProcess(int port, Path config, Path log) {
        super(port);
        this.config = config;
        this.log = log;
    }

    public static KafkaProcess start() {
        int port = freePort();
        int controller = freePort();
        try {
            Path directory = Files.createTempDirectory("surge-fault-kafka-");
            Path config = directory.resolve("server.properties");
            Files.writeString(config, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controller,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + directory.resolve("data"),
                    "auto.create.topics.enable=false",
                    "group.initial.rebalance.delay.ms=0",
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "num.partitions=1") + "\n");
            Path log = Path.of("target", "faults", "kafka-" + port + ".log");
            Files.createDirectories(log.getParent());
            KafkaProcess kafka = new KafkaProcess(port, config, log);
            Process format = java("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                    "-c", config.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (format.waitFor() != 0) {
                throw new IllegalStateException("Kafka storage format failed; see " + log);
            }
            kafka.restart();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ProcessBuilder java(String main, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    protected ProcessBuilder launch() {
        return java("kafka.Kafka", config.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    @Override
    protected boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException("Kafka exited with " + process.exitValue() + "; see " + log);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    protected Duration startTimeout() {
        return Duration.ofSeconds(90); // a JVM to start, then KRaft's election
    }

    @Override
    public void close() {
        super.close();
        try (java.util.stream.Stream<Path> files = Files.walk(config.getParent())) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
