package dev.surge.support;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.util.Map;

/**
 * A real SMTP server (GreenMail, in this JVM, on a free port) that the integration tests' application
 * sends to. Started once with the other test services, so every integration test shares one application
 * context; a per-class server would need its own context, whose event consumers would then share consumer
 * groups with the first one's and take some of its events. Tests tell their emails apart by recipient.
 */
public final class TestMailServer {

    private static GreenMail server;
    private static int stoppedPort;
    private static String stoppedBindTo;

    private TestMailServer() {
    }

    /** Starts the server (once) and returns the Spring properties that point {@code spring.mail} at it. */
    static synchronized Map<String, String> start() {
        if (server == null) {
            server = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
                    .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(), "greenmail-shutdown"));
        }
        return Map.of(
                "spring.mail.host", server.getSmtp().getBindTo(),
                "spring.mail.port", Integer.toString(server.getSmtp().getPort()),
                "spring.mail.properties[mail.smtp.starttls.enable]", "false");
    }

    /**
     * Stops the server (an SMTP outage: connections are refused) until {@link #restore()}, which starts a new one on
     * the same port, so the application's {@code spring.mail.port} reaches it again. What the old one received is gone.
     */
    public static synchronized void stop() {
        stoppedPort = server().getSmtp().getPort();
        stoppedBindTo = server.getSmtp().getBindTo();
        server.stop();
    }

    /** Starts the server again on the port it had (see {@link #stop()}). */
    public static synchronized void restore() {
        server = new GreenMail(new ServerSetup(stoppedPort, stoppedBindTo, ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        server.start();
    }

    /** The running server, to read what the application sent. */
    public static synchronized GreenMail server() {
        if (server == null) {
            throw new IllegalStateException("The test mail server starts with the first IntegrationTest");
        }
        return server;
    }
}
