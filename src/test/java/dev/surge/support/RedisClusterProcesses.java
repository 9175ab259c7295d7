package dev.surge.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis Cluster of six {@code redis-server} processes (3 masters, 3 replicas) on local ports, started by
 * {@code config/redis-cluster/start.sh} for the {@code cluster} Maven profile (system property
 * {@code surge.test.redis-cluster-port}, the first of six ports) and stopped when the JVM ends. Tests that stop a
 * master find it here. Runs on test threads only: every call blocks on a process.
 */
public final class RedisClusterProcesses {

    static final String PORT_PROPERTY = "surge.test.redis-cluster-port";
    private static final Path SCRIPTS = Path.of("config", "redis-cluster");

    private static volatile Integer basePort;

    private RedisClusterProcesses() {
    }

    /** The first port of the cluster the tests run on, or null when they run on a standalone Redis. */
    public static Integer configuredPort() {
        String value = System.getProperty(PORT_PROPERTY, System.getenv("SURGE_TEST_REDIS_CLUSTER_PORT"));
        return value == null || value.isBlank() ? null : Integer.valueOf(value.trim());
    }

    public static boolean enabled() {
        return configuredPort() != null;
    }

    /** Starts a fresh cluster (replacing one left on those ports) and answers the seed nodes. */
    static synchronized String start(int port) {
        String seeds = run(Map.of(), "start.sh").strip();
        basePort = port;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> run(Map.of(), "stop.sh"), "redis-cluster-shutdown"));
        return seeds;
    }

    /** The port of the master that serves {@code key}'s slot now. */
    public static int masterOf(String key) {
        long slot = Long.parseLong(cli(port(), "CLUSTER", "KEYSLOT", key).strip());
        for (String line : cli(port(), "CLUSTER", "NODES").split("\n")) {
            String[] fields = line.strip().split(" ");
            if (fields.length < 9 || !fields[2].contains("master") || fields[2].contains("fail")) {
                continue;
            }
            for (int i = 8; i < fields.length; i++) {
                String[] range = fields[i].split("-");
                long from = Long.parseLong(range[0]);
                long to = range.length > 1 ? Long.parseLong(range[1]) : from;
                if (slot >= from && slot <= to) {
                    return Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@')));
                }
            }
        }
        throw new IllegalStateException("No master serves the slot of " + key);
    }

    /** Stops one node at once, without saving (as a crash would, for its clients). */
    public static void stop(int nodePort) {
        cli(nodePort, "SHUTDOWN", "NOSAVE");
    }

    /** Starts a stopped node again; it rejoins the cluster (as a replica once its slots moved). */
    public static void restart(int nodePort) {
        run(Map.of(), "start.sh", "node", Integer.toString(nodePort));
    }

    /** Answers {@code CLUSTER INFO}'s {@code cluster_state} as seen by the node on {@code nodePort}. */
    public static String state(int nodePort) {
        for (String line : cli(nodePort, "CLUSTER", "INFO").split("\n")) {
            if (line.startsWith("cluster_state:")) {
                return line.substring("cluster_state:".length()).strip();
            }
        }
        return "unknown";
    }

    /** Ports of the nodes that are masters now. */
    public static List<Integer> masters() {
        List<Integer> masters = new ArrayList<>();
        for (String line : cli(port(), "CLUSTER", "NODES").split("\n")) {
            String[] fields = line.strip().split(" ");
            if (fields.length >= 3 && fields[2].contains("master") && !fields[2].contains("fail")) {
                masters.add(Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@'))));
            }
        }
        return masters;
    }

    private static int port() {
        Integer base = basePort;
        if (base == null) {
            throw new IllegalStateException("No Redis Cluster was started (run with -Pcluster)");
        }
        // Ask any node that answers: the one asked first may be the one a test stopped.
        for (int i = 0; i < 6; i++) {
            try {
                cli(base + i, "PING");
                return base + i;
            } catch (IllegalStateException stopped) {
                // next node
            }
        }
        throw new IllegalStateException("No node of the Redis Cluster answers");
    }

    private static String cli(int nodePort, String... command) {
        List<String> line = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(nodePort)));
        line.addAll(List.of(command));
        return exec(new ProcessBuilder(line), true);
    }

    private static String run(Map<String, String> env, String script, String... args) {
        List<String> line = new ArrayList<>(List.of("bash", SCRIPTS.resolve(script).toString()));
        line.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(line);
        Integer port = basePort != null ? basePort : configuredPort();
        builder.environment().put("REDIS_CLUSTER_PORT", String.valueOf(port));
        builder.environment().putAll(env);
        return exec(builder, false);
    }

    private static String exec(ProcessBuilder builder, boolean failOnErrorReply) {
        try {
            Process process = builder.redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0
                    || (failOnErrorReply && (out.startsWith("ERR") || out.startsWith("Could not connect")))) {
                throw new IllegalStateException(builder.command() + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(builder.command() + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
