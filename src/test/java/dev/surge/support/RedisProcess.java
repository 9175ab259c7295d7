package dev.surge.support;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * A Redis server of a fault test's own ({@code redis-server} on a free port, nothing persisted), which the test
 * kills and starts again on the same port; the shared Redis of the other tests is never touched. A restart starts it
 * empty.
 */
public final class RedisProcess extends ServerProcess {

    private RedisProcess(int port) {
        super(port);
    }

    public static RedisProcess start() {
        RedisProcess redis = new RedisProcess(freePort());
        redis.restart();
        return redis;
    }

    public int port() {
        return port;
    }

    @Override
    protected ProcessBuilder launch() {
        return new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", System.getProperty("java.io.tmpdir"))
                .redirectErrorStream(true).redirectOutput(new File("target/redis-" + port + ".log"));
    }

    @Override
    protected boolean ready() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.getOutputStream().write("PING\r\n".getBytes());
            byte[] reply = new byte[7];
            return socket.getInputStream().read(reply) > 0 && new String(reply).startsWith("+PONG");
        } catch (IOException notYet) {
            return false; // starting
        }
    }

    @Override
    protected Duration startTimeout() {
        return Duration.ofSeconds(20);
    }
}
