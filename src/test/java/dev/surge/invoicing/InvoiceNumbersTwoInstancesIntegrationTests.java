package dev.surge.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.platform.security.AccessTokens;
import dev.surge.platform.security.JwtKeys;
import dev.surge.support.CatalogRows;
import dev.surge.support.IntegrationTest;
import dev.surge.support.SurgeInstances;
import dev.surge.support.TestTokens;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Gapless numbering under real concurrency: two application instances sharing PostgreSQL, Redis and Kafka, 200
 * orders paid at once through both, and for each order three issuers racing (the paid event's handler on the tests'
 * instance, which consumes the events of both, and each instance's {@link InvoicingApi} asked for the PDF right
 * after the payment). The
 * assertions are invariants: one invoice per order, every issuer of an order sees the same number, and the series
 * holds every number from 1 to its counter exactly once.
 */
class InvoiceNumbersTwoInstancesIntegrationTests extends IntegrationTest {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    static final int ORDERS = 200;
    /**
     * Orders being paid and invoiced at any moment: up to 40 issuers at once on two instances, plus the handlers.
     * Issuers queue on the series' row lock, each holding a pooled connection while it waits: a hundred of them on
     * this loaded 2-core machine waited past the 10 s statement timeout (production has a few per instance: each
     * handler takes one event at a time).
     */
    static final int IN_FLIGHT = 20;

    static ConfigurableApplicationContext second;

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    @Autowired
    AccessTokens accessTokens;

    @Autowired
    JwtKeys jwtKeys;

    @Autowired
    InvoicingApi invoicing;

    WebClient client;
    List<Integer> ports;
    List<InvoicingApi> instances;

    @BeforeEach
    void setUp() {
        synchronized (InvoiceNumbersTwoInstancesIntegrationTests.class) {
            if (second == null) {
                second = SurgeInstances.inThisJvm(serviceProperties(), jwtKeys);
            }
        }
        ports = List.of(port, Integer.parseInt(second.getEnvironment().getProperty("local.server.port")));
        instances = List.of(invoicing, second.getBean(InvoicingApi.class));
        ConnectionProvider connections = ConnectionProvider.builder("invoiced").maxConnections(100)
                .pendingAcquireMaxCount(-1).build();
        client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)
                .responseTimeout(Duration.ofSeconds(60)))).build();
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
            second = null;
        }
    }

    /** A guest's order of one unit, placed through instance {@code instance} ({@code key}: made off the event loop). */
    Mono<Map<String, Object>> order(int instance, UUID variant, String key) {
        return client.post().uri("http://127.0.0.1:" + ports.get(instance) + "/api/v1/orders")
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(InvoicingFixtures.checkout("guest-" + key + "@example.com", List.of(variant)))
                .retrieve().bodyToMono(JSON);
    }

    /** An administrator records the order's payment (bank transfer) at instance {@code instance}: OrderPaid. */
    Mono<Void> pay(int instance, Object orderId, String admin) {
        return client.post().uri("http://127.0.0.1:" + ports.get(instance) + "/api/v1/admin/orders/" + orderId + "/status")
                .headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", "PAID", "reason", "bank transfer")).retrieve().toBodilessEntity().then();
    }

    record Issued(UUID orderId, String first, String second, byte[] pdf) {
    }

    @Test
    void twoHundredOrdersPaidAtOnceOnTwoInstancesGetEveryNumberOfTheSeriesOnce() {
        CatalogRows rows = new CatalogRows(db);
        List<UUID> variants = IntStream.range(0, 4).mapToObj(i -> rows.variant(ORDERS, 1000 + i, "USD", null).id()).toList();
        String admin = new TestTokens(accessTokens).admin();
        List<String> keys = IntStream.range(0, ORDERS).mapToObj(i -> UUID.randomUUID().toString()).toList();
        List<Map<String, Object>> orders = Flux.range(0, ORDERS)
                .flatMap(i -> order(i % 2, variants.get(i % variants.size()), keys.get(i)), 32)
                .collectList().block(Duration.ofMinutes(3));
        assertThat(orders).hasSize(ORDERS);

        // Twenty at a time: each order paid through one instance, then both instances asked for its invoice at once.
        List<Issued> issued = Flux.range(0, ORDERS)
                .flatMap(i -> {
                    Object orderId = orders.get(i).get("id");
                    UUID id = UUID.fromString(orderId.toString());
                    return pay(i % 2, orderId, admin)
                            .then(Mono.zip(instances.get(0).invoicePdf(id), instances.get(1).invoicePdf(id)))
                            .map(both -> new Issued(id, both.getT1().number(), both.getT2().number(),
                                    both.getT1().content()));
                }, IN_FLIGHT)
                .collectList().block(Duration.ofMinutes(5));

        assertThat(issued).hasSize(ORDERS);
        Set<String> numbers = new HashSet<>();
        for (Issued one : issued) {
            assertThat(one.second()).as("both instances give order %s one invoice", one.orderId()).isEqualTo(one.first());
            assertThat(InvoicingFixtures.text(one.pdf())).contains(one.first());
            numbers.add(one.first());
        }
        assertThat(numbers).as("no number given to two orders").hasSize(ORDERS);
        List<UUID> ids = issued.stream().map(Issued::orderId).toList();
        assertThat(db.sql("SELECT count(*) FROM invoices WHERE order_id = ANY(:ids)").bind("ids", ids.toArray(UUID[]::new))
                .map(row -> ((Number) row.get(0)).longValue()).one().block()).isEqualTo(ORDERS);

        // The whole series, in one snapshot: 1..counter-1, each once (whatever else this run has invoiced).
        Map<String, Object> series = db.sql("""
                SELECT (SELECT next_number FROM invoice_series WHERE series = 'INV') AS next, count(*) AS issued,
                       count(DISTINCT seq) AS distinct_seqs, min(seq) AS lowest, max(seq) AS highest
                FROM invoices WHERE series = 'INV'""").fetch().one().block();
        long total = ((Number) series.get("issued")).longValue();
        assertThat(total).isGreaterThanOrEqualTo(ORDERS);
        assertThat(((Number) series.get("distinct_seqs")).longValue()).isEqualTo(total);
        assertThat(((Number) series.get("lowest")).longValue()).isEqualTo(1);
        assertThat(((Number) series.get("highest")).longValue()).isEqualTo(total);
        assertThat(((Number) series.get("next")).longValue()).isEqualTo(total + 1);
    }
}
