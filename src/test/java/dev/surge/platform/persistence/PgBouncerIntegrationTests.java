package dev.surge.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.surge.SurgeApplication;
import dev.surge.platform.security.AccessTokens;
import dev.surge.platform.security.JwtKeys;
import dev.surge.support.CatalogRows;
import dev.surge.support.IntegrationTest;
import dev.surge.support.PgBouncer;
import dev.surge.support.TestMailServer;
import dev.surge.support.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.ConnectionFactoryOptions;
import jakarta.mail.Message;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Surge through a real PgBouncer 1.18 in transaction pooling mode (docs/operations.md, "PostgreSQL through
 * PgBouncer"): a second instance whose R2DBC URL is the pooler, with {@code surge.database.transaction-pooling} and
 * the direct address for Flyway and the outbox relay's LISTEN, takes a guest's checkout, the sandbox's signed webhook
 * and publishes the events (this context's relay is stopped meanwhile, so every row goes out through the pooler).
 * The other tests show each trap the settings avoid, on plain connections through the same pooler.
 */
class PgBouncerIntegrationTests extends IntegrationTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static PgBouncer bouncer;
    static ConfigurableApplicationContext second;
    static ConnectionFactoryOptions direct;

    @Autowired
    DatabaseClient db;
    @Autowired
    JwtKeys jwtKeys;
    @Autowired
    ApplicationContext context;
    @Autowired
    AccessTokens tokens;

    @BeforeEach
    void setUp() {
        synchronized (PgBouncerIntegrationTests.class) {
            if (bouncer == null) {
                Map<String, String> services = serviceProperties();
                direct = ConnectionFactoryOptions.parse(services.get("spring.r2dbc.url"));
                String database = (String) direct.getRequiredValue(ConnectionFactoryOptions.DATABASE);
                // The store's alias: 8 server connections for the 20 clients of the instance's pool (its consumers
                // too). "trap": one, where two clients share one server session in turn.
                bouncer = PgBouncer.start(host(), port(), database, services.get("spring.r2dbc.username"),
                        Map.of(database, 8, "trap", 1), Duration.ofSeconds(10));
                // A property given twice on the command line is joined with a comma: override in the map.
                Map<String, String> properties = new LinkedHashMap<>(services);
                properties.put("spring.r2dbc.url", "r2dbc:postgresql://127.0.0.1:" + bouncer.port() + "/" + database);
                properties.put("surge.database.transaction-pooling", "true");
                properties.put("surge.database.direct-host", host());
                properties.put("surge.database.direct-port", Integer.toString(port()));
                properties.put("server.port", "0");
                properties.put("surge.security.jwt.signing-key", jwtKeys.signingKey().toJSONString());
                List<String> args = new ArrayList<>();
                properties.forEach((key, value) -> args.add("--" + key + "=" + value));
                second = new SpringApplicationBuilder(SurgeApplication.class).profiles("test")
                        .run(args.toArray(String[]::new));
            }
        }
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
            second = null;
        }
        if (bouncer != null) {
            bouncer.close();
            bouncer = null;
        }
    }

    static String host() {
        return (String) direct.getRequiredValue(ConnectionFactoryOptions.HOST);
    }

    static int port() {
        Object port = direct.getValue(ConnectionFactoryOptions.PORT);
        return port == null ? 5432 : Integer.parseInt(port.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void checkoutWebhookAndOutboxDeliveryWorkThroughTransactionPooling() {
        WebTestClient http = WebTestClient.bindToServer().responseTimeout(Duration.ofSeconds(30))
                .baseUrl("http://127.0.0.1:" + second.getEnvironment().getProperty("local.server.port")).build();
        UUID variant = new CatalogRows(db).variant(10, 2500, "USD", null).id();
        String email = "pooled-" + UUID.randomUUID() + "@example.com";
        long transactionsBefore = pooledTransactions();
        double publishedBefore = published();
        OffsetDateTime start = db.sql("SELECT now() AS t").map(row -> row.get("t", OffsetDateTime.class)).one().block();
        Lifecycle relay = (Lifecycle) context.getBean("outboxRelay");
        relay.stop();
        try {
            Map<String, Object> order = http.post().uri("/api/v1/orders").header("Idempotency-Key", UUID.randomUUID().toString())
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("email", email, "lines", List.of(Map.of("variantId", variant.toString(), "quantity", 2)),
                            "shippingAddress", Map.of("name", "Pooled Buyer", "line1", "1 Bouncer Road", "city", "Arlington",
                                    "region", "CA", "postalCode", "94016", "country", "US")))
                    .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
            Map<String, Object> payment = http.post().uri("/api/v1/payments").header("Idempotency-Key", UUID.randomUUID().toString())
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("orderId", order.get("id"), "email", email, "token", order.get("guestAccessToken")))
                    .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
            // The sandbox sends its signed webhook to the instance it runs in: the pooled one.
            http.post().uri("/api/v1/sandbox/payments/" + payment.get("providerReference") + "/complete")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("outcome", "SUCCEED"))
                    .exchange().expectStatus().isOk();
            UUID orderId = UUID.fromString(order.get("id").toString());
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(db.sql("SELECT status FROM orders WHERE id = :id")
                    .bind("id", orderId).map(row -> row.get("status", String.class)).one().block()).isEqualTo("PAID"));
            // Every outbox row written since the start, by either instance, published by the pooled instance's relay.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(db.sql(
                            "SELECT count(*) AS n FROM outbox_events WHERE created_at >= :start AND published_at IS NULL")
                    .bind("start", start).map(row -> row.get("n", Long.class)).one().block()).isZero());
            // The orders CSV export reads with a fetch size (a portal read in rounds): through the pooler too.
            String csv = http.get().uri("/api/v1/admin/orders/export.csv").headers(h -> h.setBearerAuth(new TestTokens(tokens).admin()))
                    .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
            assertThat(csv).contains(order.get("number").toString());
            assertThat(published() - publishedBefore).as("rows the pooled instance's relay published").isGreaterThanOrEqualTo(2);
        } finally {
            relay.start();
        }
        // The events reached their consumers: the buyer's "order received" and "paid" emails.
        await().atMost(Duration.ofSeconds(90)).until(() -> emailsTo(email) >= 2);
        assertThat(pooledTransactions() - transactionsBefore).as("transactions PgBouncer carried").isGreaterThan(10);
    }

    @Test
    void pooledSessionsHaveTheStatementTimeoutThePoolerSets() {
        assertThat(second.getBean(StatementTimeoutCheck.class).check().block(TIMEOUT)).isEqualTo(10_000L);
    }

    /** Trap 1: r2dbc-postgresql sends statement_timeout as a startup parameter, which PgBouncer 1.18 refuses. */
    @Test
    void statementTimeoutAsAStartupParameterIsRefused() {
        PostgresqlConnectionFactory withTimeout = new PostgresqlConnectionFactory(pooled("trap")
                .statementTimeout(Duration.ofSeconds(10)).build());
        assertThatThrownBy(() -> withTimeout.create().block(TIMEOUT)).hasMessageContaining("unsupported startup parameter");
    }

    /**
     * Trap 2: r2dbc-postgresql's default statement cache names statements per connection (S_0, S_1...), but through
     * a transaction pooler two clients' statements meet on one server session: the second client's S_0 collides. With
     * the cache off (what transaction-pooling sets) statements are unnamed and both clients work.
     */
    @Test
    void namedStatementsCollideThroughThePoolerAndUnnamedOnesDoNot() {
        PostgresqlConnectionFactory cached = new PostgresqlConnectionFactory(pooled("trap").build());
        assertThat(twoClients(cached)).contains("already exists");
        PostgresqlConnectionFactory unnamed = new PostgresqlConnectionFactory(pooled("trap")
                .preparedStatementCacheQueries(0).build());
        assertThat(twoClients(unnamed)).isEqualTo("1,one");
        // A result read in rounds of 100 rows (Execute/Flush on one portal) stays on its server session meanwhile.
        PostgresqlConnection reader = unnamed.create().block(TIMEOUT);
        try {
            Long rows = Flux.from(reader.createStatement("SELECT g FROM generate_series(1, $1) g").bind("$1", 2000)
                            .fetchSize(100).execute())
                    .flatMap(r -> r.map((row, meta) -> row.get("g", Integer.class))).count().block(TIMEOUT);
            assertThat(rows).isEqualTo(2000);
        } finally {
            reader.close().block(TIMEOUT);
        }
    }

    /** Trap 3: a LISTEN through the pooler leaves the session in the pool; its notifications never arrive. */
    @Test
    void listenThroughThePoolerHearsNothingAndDirectlyItDoes() {
        PostgresqlConnection pooled = new PostgresqlConnectionFactory(pooled("trap").build()).create().block(TIMEOUT);
        PostgresqlConnection listener = new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host(host()).port(port()).database((String) direct.getRequiredValue(ConnectionFactoryOptions.DATABASE))
                .username(user()).build()).create().block(TIMEOUT);
        try {
            String channel = "surge_pgbouncer_" + UUID.randomUUID().toString().substring(0, 8);
            Flux.from(pooled.createStatement("LISTEN " + channel).execute()).flatMap(r -> r.getRowsUpdated()).blockLast(TIMEOUT);
            Flux.from(listener.createStatement("LISTEN " + channel).execute()).flatMap(r -> r.getRowsUpdated()).blockLast(TIMEOUT);
            Mono<String> heardDirectly = listener.getNotifications().next().map(n -> n.getName()).cache();
            Mono<String> heardPooled = pooled.getNotifications().next().map(n -> n.getName())
                    .timeout(Duration.ofSeconds(3), Mono.empty()).cache();
            heardDirectly.subscribe();
            heardPooled.subscribe();
            db.sql("SELECT pg_notify('" + channel + "', 'x')").then().block(TIMEOUT);
            assertThat(heardDirectly.block(TIMEOUT)).isEqualTo(channel);
            assertThat(heardPooled.blockOptional(TIMEOUT)).as("heard through the pooler").isEmpty();
        } finally {
            pooled.close().block(TIMEOUT);
            listener.close().block(TIMEOUT);
        }
    }

    /** Client A runs a parameterised statement, then client B another, through the one-connection "trap" alias. */
    private static String twoClients(PostgresqlConnectionFactory factory) {
        PostgresqlConnection a = factory.create().block(TIMEOUT);
        PostgresqlConnection b = factory.create().block(TIMEOUT);
        try {
            Integer one = Mono.from(a.createStatement("SELECT $1::int AS v").bind("$1", 1).execute())
                    .flatMap(r -> Mono.from(r.map((row, meta) -> row.get("v", Integer.class)))).block(TIMEOUT);
            String text = Mono.from(b.createStatement("SELECT $1::text AS v").bind("$1", "one").execute())
                    .flatMap(r -> Mono.from(r.map((row, meta) -> row.get("v", String.class)))).block(TIMEOUT);
            return one + "," + text;
        } catch (RuntimeException e) {
            return e.getMessage();
        } finally {
            a.close().block(TIMEOUT);
            b.close().block(TIMEOUT);
        }
    }

    private static PostgresqlConnectionConfiguration.Builder pooled(String database) {
        return PostgresqlConnectionConfiguration.builder().host("127.0.0.1").port(bouncer.port()).database(database)
                .username(user());
    }

    private static String user() {
        return serviceProperties().get("spring.r2dbc.username");
    }

    private double published() {
        return second.getBean(MeterRegistry.class).counter("surge.outbox.published").count();
    }

    /** PgBouncer's count of transactions on the store's alias. */
    private static long pooledTransactions() {
        return bouncer.transactions((String) direct.getRequiredValue(ConnectionFactoryOptions.DATABASE), user());
    }

    private static long emailsTo(String to) {
        return Arrays.stream(TestMailServer.server().getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(address -> address.toString().equalsIgnoreCase(to));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }
}
