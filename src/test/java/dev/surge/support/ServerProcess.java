package dev.surge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * A server the fault tests run as a process of their own ({@link RedisProcess}, {@link KafkaProcess}): started on a
 * fixed port, killed with {@code kill -9} and started again on the same port. Subclasses say how to launch it and how
 * to tell it is ready.
 */
abstract class ServerProcess implements AutoCloseable {

    protected final int port;
    protected Process process;

    protected ServerProcess(int port) {
        this.port = port;
    }

    /** The command that starts the server, its output already redirected. */
    protected abstract ProcessBuilder launch();

    /** Whether the server answers now (called until it does, or until the start-up deadline). */
    protected abstract boolean ready();

    /** How long {@link #restart} waits for {@link #ready}. */
    protected abstract Duration startTimeout();

    /** {@code kill -9} of the server. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Starts it (again) on the same port, and waits until it is ready. */
    public void restart() {
        kill();
        try {
            process = launch().start();
            Process started = process;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "stop-test-server"));
        } catch (IOException e) {
            throw new UncheckedIOException(getClass().getSimpleName() + " could not be started", e);
        }
        if (!waitUntil(startTimeout(), this::ready)) {
            throw new IllegalStateException(getClass().getSimpleName() + " on port " + port + " was not ready within "
                    + startTimeout().toSeconds() + " s");
        }
    }

    /** Polls {@code condition} every 50 ms until it holds (true) or {@code timeout} passes (false). */
    static boolean waitUntil(Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        kill();
    }
}
