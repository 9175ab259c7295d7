package dev.surge;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.surge.platform.observability.RedactingEncoder;
import dev.surge.support.CatalogRows;
import dev.surge.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The HTTP flows that carry personal data and secrets (register, sign in, a wrong password, a password reset,
 * a checkout with an address, malformed and refused requests), with every log line captured as the console
 * prints it (through the console appender's own encoder), DEBUG included for Surge's loggers: no fixture email,
 * password, token, address or card number appears.
 */
class LogRedactionIntegrationTests extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final String PASSWORD = "plaintext horse battery 4711";
    private static final String WRONG_PASSWORD = "wrong staple guess 0815";
    private static final String NEW_PASSWORD = "an entirely new secret 2024";
    private static final String STREET = "221B Baker Street";
    private static final String CARD = "4242 4242 4242 4242";

    @Autowired
    DatabaseClient db;

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private Logger root;
    private Logger surge;
    private Level surgeLevel;
    private AppenderBase<ILoggingEvent> capture;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void captureFormattedLines() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Encoder<ILoggingEvent> encoder = ((OutputStreamAppender<ILoggingEvent>) root.getAppender("CONSOLE")).getEncoder();
        assertThat(encoder).isInstanceOf(RedactingEncoder.class);
        capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                lines.add(new String(encoder.encode(event), StandardCharsets.UTF_8));
            }
        };
        capture.setContext(context);
        capture.start();
        root.addAppender(capture);
        surge = context.getLogger("dev.surge");
        surgeLevel = surge.getLevel();
        surge.setLevel(Level.DEBUG);
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(capture);
        capture.stop();
        surge.setLevel(surgeLevel);
    }

    @Test
    void noFixtureSecretOrPersonalDataReachesALogLine() {
        String email = "log-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        post("/api/v1/auth/register", null, Map.of("email", email, "password", PASSWORD, "displayName", "Ada"))
                .expectStatus().isCreated();
        Map<String, Object> session = post("/api/v1/auth/login", null, Map.of("email", email, "password", PASSWORD))
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        String access = (String) session.get("accessToken");
        String refresh = (String) session.get("refreshToken");
        post("/api/v1/auth/login", null, Map.of("email", email, "password", WRONG_PASSWORD)).expectStatus().isUnauthorized();

        CatalogRows.Variant lamp = new CatalogRows(db).variant(5, 2_500, "USD", null);
        Map<String, Object> address = new HashMap<>(Map.of("name", "Sherlock Holmes", "line1", STREET,
                "city", "Springfield", "postalCode", "62704", "region", "CA", "country", "US"));
        Map<String, Object> checkout = Map.of("shippingAddress", address,
                "lines", List.of(Map.of("variantId", lamp.id().toString(), "quantity", 1)));
        post("/api/v1/orders", access, checkout).expectStatus().isCreated();

        post("/api/v1/auth/password/forgot", null, Map.of("email", email)).expectStatus().isAccepted();
        String reset = db.sql("""
                SELECT payload->>'token' AS token FROM outbox_events
                WHERE event_type = 'PasswordResetRequested' AND payload->>'email' = :email""")
                .bind("email", email).map(row -> row.get("token", String.class)).one().block();
        post("/api/v1/auth/password/reset", null, Map.of("token", reset, "newPassword", NEW_PASSWORD))
                .expectStatus().isNoContent();

        // Error paths: a malformed body quoting the secrets, a refused refresh token, an unknown order.
        http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"card\":\"" + CARD + "\"")
                .exchange().expectStatus().isBadRequest();
        post("/api/v1/auth/refresh", null, Map.of("refreshToken", refresh)).expectStatus().isUnauthorized();
        http.get().uri("/api/v1/orders/" + UUID.randomUUID()).headers(h -> h.setBearerAuth(access)).exchange()
                .expectStatus().is4xxClientError();
        // And a careless line of our own, message and exception alike: what the layer exists for.
        LoggerFactory.getLogger("dev.surge.LogRedaction").error("Careless: {} {} {}", email, access, refresh,
                new IllegalStateException("password=\"" + PASSWORD + "\" card " + CARD + " reset " + reset));

        assertThat(lines).anySatisfy(line -> assertThat(line).contains("Careless: [email] [jwt]")
                .contains("IllegalStateException"));
        List<String> secrets = List.of(email, email.substring(0, email.indexOf('@')), PASSWORD, "horse battery",
                WRONG_PASSWORD,
                NEW_PASSWORD, access, access.substring(access.lastIndexOf('.') + 1), refresh, reset, STREET, CARD,
                CARD.replace(" ", ""));
        for (String line : lines) {
            for (String secret : secrets) {
                assertThat(line).as("a log line").doesNotContain(secret);
            }
        }
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec post(String path, String token,
            Object body) {
        return http.post().uri(path).headers(h -> {
            if (token != null) {
                h.setBearerAuth(token);
                h.set("Idempotency-Key", UUID.randomUUID().toString());
            }
        }).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}
