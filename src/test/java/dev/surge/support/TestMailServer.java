package dev.surge.support;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
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

    private TestMailServer() {
    }

    /** Starts the server (once) and returns the Spring properties that point {@code spring.mail} at it. */
    static synchronized Map<String, String> start() {
        if (server == null) {
            server = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
                    .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "greenmail-shutdown"));
        }
        return Map.of(
                "spring.mail.host", server.getSmtp().getBindTo(),
                "spring.mail.port", Integer.toString(server.getSmtp().getPort()),
                "spring.mail.properties[mail.smtp.starttls.enable]", "false");
    }

    /** The running server, to read what the application sent. */
    public static synchronized GreenMail server() {
        if (server == null) {
            throw new IllegalStateException("The test mail server starts with the first IntegrationTest");
        }
        return server;
    }
}
