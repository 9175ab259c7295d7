package dev.surge.support;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of every {@code *IntegrationTests}: the whole application on a random port, over real PostgreSQL
 * (a {@code surge_test} database re-created once per test run, never the local run's {@code surge}),
 * Redis (logical database 1), an embedded KRaft Kafka broker and an SMTP server ({@link TestMailServer}).
 * The context also runs the test topic and handlers of {@code DeadLetterTestHandlers}.
 * All subclasses share one context.
 * Tests isolate themselves by creating their own data (own merchant, unique slugs), not by cleaning up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Answers, not speed, are what these tests check: on a loaded 2-core CI machine a request right after a bulk
// operation (the 1,000-row CSV import leaves ~1,000 events to consume) can take more than the default 5 s.
@AutoConfigureWebTestClient(timeout = "30s")
@ActiveProfiles("test")
@org.junit.jupiter.api.extension.ExtendWith(HangDumps.class)
// DeadLetterTestHandlers: two handlers of a test topic, one whose failure a test switches on (dead letters).
@org.springframework.context.annotation.Import({ExchangeTracker.class, dev.surge.platform.events.DeadLetterTestHandlers.class})
public abstract class IntegrationTest {

    private static Map<String, String> services;

    @Autowired
    protected WebTestClient http;

    @org.springframework.boot.test.web.server.LocalServerPort
    protected int serverPort;

    /**
     * A client whose every request has a connection of its own, for requests the server answers before
     * reading their body (413): such a connection still carries the unread upload, and a pooled client
     * that reused it for the next test's request would wait for an answer that never comes.
     */
    protected WebTestClient unpooledHttp() {
        return WebTestClient.bindToServer(new org.springframework.http.client.reactive.ReactorClientHttpConnector(
                        reactor.netty.http.client.HttpClient.newConnection()))
                .baseUrl("http://127.0.0.1:" + serverPort).build();
    }

    /** The properties that point an application at the test services, for tests that start a second instance. */
    protected static Map<String, String> serviceProperties() {
        synchronized (IntegrationTest.class) {
            return Map.copyOf(services);
        }
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        synchronized (IntegrationTest.class) {
            if (services == null) {
                // Overridable so that two checkouts on one machine can run their suites side by side.
                Map<String, String> started = new LinkedHashMap<>(LocalServices.start(
                        System.getenv().getOrDefault("SURGE_TEST_DB", "surge_test"), true,
                        Integer.parseInt(System.getenv().getOrDefault("SURGE_TEST_REDIS_DB", "1"))));
                started.putAll(TestMailServer.start());
                services = started;
            }
        }
        services.forEach((key, value) -> registry.add(key, () -> value));
    }
}
