package dev.surge.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.support.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A keep-alive connection keeps being read after a request that was queued behind a slower one and answered at
 * once. Reactor Netty 1.3.6 lost the connection's read there (reactor/reactor-netty#4347): the next request on
 * the connection waited unread until the client gave up, the "rare 30 s hang" our suites saw after 4xx answers.
 * Driven over a raw socket, because a pooled HTTP client decides by itself when to reuse a connection.
 */
class KeepAliveIntegrationTests extends IntegrationTest {

    @Test
    void aConnectionIsStillReadAfterAQueuedRequestAnsweredAtOnce() throws IOException {
        for (int round = 0; round < 20; round++) {
            try (Socket socket = new Socket("127.0.0.1", serverPort)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                // A request that waits on Redis and PostgreSQL, and, sent with it, one refused without any I/O.
                out.write((request("/api/v1/products?limit=1") + request("/api/v1/auth/me")).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(readResponse(in)).startsWith("HTTP/1.1 200");
                assertThat(readResponse(in)).startsWith("HTTP/1.1 401");
                // The connection must still be read: this answer used to wait until the client hung up.
                out.write(request("/.well-known/jwks.json").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(readResponse(in)).as("round %d", round).startsWith("HTTP/1.1 200");
            }
        }
    }

    private static String request(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n";
    }

    /** One response's status line and headers; its body (by Content-Length, or chunked) is skipped. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + head);
            }
            head.append((char) b);
        }
        int length = 0;
        boolean chunked = false;
        for (String line : head.toString().split("\r\n")) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
            chunked |= line.regionMatches(true, 0, "transfer-encoding: chunked", 0, 26);
        }
        if (!chunked) {
            in.readNBytes(length);
            return head.toString();
        }
        while (true) {
            int size = Integer.parseInt(readLine(in).trim(), 16);
            in.readNBytes(size);
            readLine(in);
            if (size == 0) {
                return head.toString();
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.append((char) b);
        }
        return line.toString();
    }
}
