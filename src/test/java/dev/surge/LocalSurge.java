package dev.surge;

import dev.surge.support.LocalServices;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * {@code ./mvnw spring-boot:test-run}: Surge with everything it needs on this machine. Starts an
 * embedded Kafka broker, uses (and creates) the {@code surge} database on the local PostgreSQL and the
 * local Redis, or containers when a Docker engine exists, seeds a demo catalog, and prints the URL.
 * Properties given on the command line still win.
 */
public final class LocalSurge {

    private LocalSurge() {
    }

    /**
     * For a person at a terminal: plain lines with the request and trace ids, and the embedded broker's and
     * the Kafka clients' start-up chatter (two thousand INFO lines) left out. {@code SURGE_LOG_FORMAT=ecs}
     * keeps the JSON lines of production.
     */
    private static void plainLogs() {
        System.setProperty("logging.structured.format.console", "");
        System.setProperty("logging.pattern.console", "%clr(%d{HH:mm:ss.SSS}){faint} %clr(%5p) "
                + "%clr([%X{requestId:-} %X{traceId:-}]){faint} %clr(%-40.40logger{39}){cyan} %m%n%wEx");
        for (String chatty : new String[] {"org.apache.kafka", "kafka", "state.change.logger"}) {
            if (System.getProperty("logging.level." + chatty) == null) {
                System.setProperty("logging.level." + chatty, "WARN");
                // The broker starts before Spring configures logging: quiet it now too.
                ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(chatty))
                        .setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }

    /** The demo accounts' credentials when the demo seeder makes them (see DemoAccounts and the README). */
    private static String demoAccounts(org.springframework.core.env.Environment environment) {
        if (!Boolean.parseBoolean(environment.getProperty("surge.demo.accounts", "false"))) {
            return "";
        }
        return "Demo accounts, password \"demo password\": customer@surge.local, seller@surge.local (merchant demo-0), "
                + "fulfilment@surge.local, finance@surge.local, manager@surge.local (ADMIN)%n".formatted();
    }

    /**
     * Emails: with no SMTP host given, a mail catcher listening on localhost:1025 (Mailpit, MailHog: {@code docker run
     * -p 1025:1025 -p 8025:8025 axllent/mailpit}) receives them, so they can be read rendered; without one they are
     * written to the log.
     */
    private static boolean useLocalMailCatcher() {
        if (System.getenv("SURGE_SMTP_HOST") != null || System.getProperty("spring.mail.host") != null) {
            return false;
        }
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", 1025), 300);
        } catch (java.io.IOException nothingThere) {
            return false;
        }
        // application.yml's placeholders read system properties too.
        System.setProperty("SURGE_SMTP_HOST", "127.0.0.1");
        System.setProperty("SURGE_SMTP_PORT", "1025");
        System.setProperty("SURGE_SMTP_STARTTLS", "false");
        return true;
    }

    public static void main(String[] args) {
        if (System.getenv("SURGE_LOG_FORMAT") == null && System.getProperty("logging.structured.format.console") == null) {
            plainLogs();
        }
        Map<String, String> services = LocalServices.start(
                System.getenv().getOrDefault("SURGE_DB_NAME", "surge"), false, 0);
        services.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
        if (System.getenv("SURGE_JWT_SIGNING_KEY") == null && System.getProperty("surge.security.jwt.dev-key-file") == null) {
            // A development signing key kept outside the repository, so tokens survive restarts.
            System.setProperty("surge.security.jwt.dev-key-file", System.getProperty("user.home") + "/.surge/dev-jwt-key.json");
        }
        if (System.getProperty("surge.identity.bootstrap-admin.email") == null) {
            // A local super admin to try the back office with; never configure this password anywhere else.
            System.setProperty("surge.identity.bootstrap-admin.email", "admin@surge.local");
            System.setProperty("surge.identity.bootstrap-admin.password", "local admin password");
        }
        if (System.getProperty("surge.rate-limits.limits.browse-ip.capacity") == null) {
            // Every client of the local run is 127.0.0.1, load tools and benchmarks included: the per-address limit
            // on listings and searches (300 a minute in production) stays on, at a threshold they do not reach.
            // --surge.rate-limits.limits.browse-ip.capacity=... on the command line sets another.
            System.setProperty("surge.rate-limits.limits.browse-ip.capacity", "10000000");
            System.setProperty("surge.rate-limits.limits.browse-ip.period", "1m");
        }
        if (System.getenv("SURGE_DEMO_PRODUCTS") == null && System.getProperty("surge.demo.products") == null) {
            System.setProperty("surge.demo.products", "1000");
        }
        if (System.getenv("SURGE_DEMO_ACCOUNTS") == null && System.getProperty("surge.demo.accounts") == null) {
            // One account of every role (customer, seller, fulfilment, finance, admin), printed below.
            System.setProperty("surge.demo.accounts", "true");
        }
        if (System.getenv("SURGE_PAYMENTS_SANDBOX_ENABLED") == null
                && System.getProperty("surge.payments.sandbox.enabled") == null) {
            // Payments without a provider account: the sandbox completes them on request and sends the webhook.
            System.setProperty("surge.payments.sandbox.enabled", "true");
            if (System.getenv("SURGE_PAYMENTS_DEFAULT_PROVIDER") == null
                    && System.getProperty("surge.payments.routing.default-provider") == null) {
                System.setProperty("surge.payments.routing.default-provider", "sandbox");
            }
        }
        boolean mailpit = useLocalMailCatcher();
        SpringApplication application = new SpringApplication(SurgeApplication.class);
        application.addListeners((ApplicationListener<ApplicationReadyEvent>) ready -> {
            String port = ready.getApplicationContext().getEnvironment().getProperty("local.server.port");
            System.out.printf("%nSurge is running: http://localhost:%s/api/v1/products  (API docs: "
                    + "http://localhost:%s/api-docs, health: http://localhost:%s/actuator/health)%n"
                    + "Back office: sign in as admin@surge.local / local admin password; %s%n%s%n",
                    port, port, port, mailpit ? "emails go to the mail catcher on localhost:1025 (Mailpit: http://localhost:8025)."
                            : "emails are written to the log (\"Email not sent (log-only mode)\"), not sent.",
                    demoAccounts(ready.getApplicationContext().getEnvironment()));
        });
        try {
            application.run(args);
        } catch (RuntimeException e) {
            // The embedded broker's threads would keep a failed start-up alive; end the process instead.
            System.err.println("Surge did not start: " + e.getMessage());
            System.exit(1);
        }
    }
}
