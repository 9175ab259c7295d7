package dev.surge.support;

import dev.surge.SurgeApplication;
import dev.surge.platform.security.JwtKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Surge as a process of its own ({@code java -cp <the tests' class path> dev.surge.SurgeApplication}, test profile),
 * for the fault tests: it can be killed ({@code kill -9}) and its stores can fail under it while the test JVM
 * watches. Its output goes to {@code target/faults/<name>.log}.
 */
public final class SurgeProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private SurgeProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts an instance on {@code properties} (the tests' service properties, possibly pointed at proxies) and
     * waits until it is ready (readiness UP), at most three minutes on a loaded machine.
     */
    public static SurgeProcess start(String name, Map<String, String> properties, JwtKeys keys) {
        int port = ServerProcess.freePort();
        Path log = Path.of("target", "faults", name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Dspring.profiles.active=test",
                "-cp", System.getProperty("java.class.path"), SurgeApplication.class.getName()));
        command.addAll(SurgeInstances.arguments(properties, keys, port));
        command.add("--logging.structured.format.console=");
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            // A test JVM that is stopped (Ctrl-C, a timeout) takes its instance along instead of leaving it running.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-" + name));
            SurgeProcess surge = new SurgeProcess(name, port, process, log);
            surge.awaitReady(Duration.ofMinutes(3));
            return surge;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** {@code kill -9}: no shutdown hook, no graceful drain, in-flight requests get no answer. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** The readiness probe's status code (200 UP, 503 DOWN), or -1 when it does not answer within 3 s. */
    public int readiness() {
        try {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                            .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; " + tail());
            }
            if (readiness() == 200) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " was not ready within " + timeout + "; " + tail());
    }

    /** The end of its log, for a failure message. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return "last lines of " + log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40),
                    lines.size()));
        } catch (IOException e) {
            return "no log at " + log;
        }
    }

    private void waitForExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A graceful stop (SIGTERM), as a deployment would do it. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    waitForExit();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
