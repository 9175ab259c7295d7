package dev.surge.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.platform.security.AccessTokens;
import dev.surge.platform.security.JwtKeys;
import dev.surge.support.IntegrationTest;
import dev.surge.support.PlainHttp;
import dev.surge.support.PlainHttp.Answer;
import dev.surge.support.SurgeInstances;
import dev.surge.support.SurgeProcess;
import dev.surge.support.TcpProxy;
import dev.surge.support.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Fault test: PostgreSQL unreachable for 20 s under a Surge process of its own (a proxy between them is cut, the
 * shared server keeps running). While it is cut, readiness is DOWN and every request that needs the database is
 * answered 503 problem+json with {@code Retry-After} well within a client's timeout, never a hang; once it is back
 * the same process serves again without a restart, and the payment webhooks that were refused during the outage,
 * delivered again as providers do, are applied exactly once.
 */
class PostgresOutageFaultIntegrationTests extends IntegrationTest {

    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(15);
    static final Duration OUTAGE = Duration.ofSeconds(20);

    @Autowired
    DatabaseClient db;

    @Autowired
    AccessTokens accessTokens;

    @Autowired
    JwtKeys jwtKeys;

    record Pending(UUID orderId, String paymentId, String reference, long amount) {
    }

    @Test
    void aPostgresqlOutageIsAnswered503WithRetryAfterAndEverythingRecoversWithoutARestart() {
        PaymentFixtures fixtures = new PaymentFixtures(db, http, new TestTokens(accessTokens));
        UUID variant = fixtures.variant(20, 2500, "USD");
        PaymentFixtures.Customer customer = fixtures.customer();
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> order = fixtures.order(customer.token(), variant, 1);
            Map<String, Object> payment = fixtures.payment(customer.token(), order.get("id"));
            @SuppressWarnings("unchecked")
            Map<String, Object> amount = (Map<String, Object>) payment.get("amount");
            pending.add(new Pending(UUID.fromString(order.get("id").toString()), payment.get("id").toString(),
                    payment.get("providerReference").toString(), ((Number) amount.get("amountMinor")).longValue()));
        }

        try (TcpProxy postgres = SurgeInstances.proxyToPostgres(serviceProperties());
                SurgeProcess surge = SurgeProcess.start("postgres-outage",
                        SurgeInstances.postgresThrough(serviceProperties(), postgres), jwtKeys)) {
            PlainHttp client = new PlainHttp(surge.baseUrl(), CLIENT_TIMEOUT);
            assertThat(client.get("/api/v1/orders", customer.token()).status()).isEqualTo(200);

            postgres.cut();
            // Every second of the outage, a customer's order list, a checkout and a webhook, at once: requests pile up
            // waiting for a connection, as they would in production.
            Instant until = Instant.now().plus(OUTAGE);
            List<CompletableFuture<Answer>> calls = new ArrayList<>();
            List<Integer> readiness = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService callers = Executors.newFixedThreadPool(64);
            CompletableFuture<Void> probe = CompletableFuture.runAsync(() -> {
                while (Instant.now().isBefore(until)) {
                    readiness.add(surge.readiness());
                    sleep(Duration.ofMillis(500));
                }
            }, callers);
            for (int round = 0; Instant.now().isBefore(until); round++) {
                Pending p = pending.get(round % pending.size());
                calls.add(CompletableFuture.supplyAsync(() -> client.get("/api/v1/orders", customer.token()), callers));
                calls.add(CompletableFuture.supplyAsync(() -> client.post("/api/v1/orders", customer.token(),
                        PaymentFixtures.checkoutBody(null, variant, 1),
                        Map.of("Idempotency-Key", UUID.randomUUID().toString())), callers));
                calls.add(CompletableFuture.supplyAsync(() -> webhook(client, p), callers));
                sleep(Duration.ofSeconds(1));
            }
            List<Answer> answers = calls.stream().map(CompletableFuture::join).toList();
            probe.join();
            callers.shutdown();
            // Not ready: DOWN (503), or no answer within the probe's 3 s (the health check waits for the pool's
            // acquire timeout), which a probe counts as a failure too. The first samples may predate the cut's effect.
            assertThat(readiness.subList(readiness.size() / 2, readiness.size()))
                    .as("readiness while PostgreSQL is unreachable: %s", readiness).isNotEmpty().doesNotContain(200);
            assertThat(answers).hasSizeGreaterThanOrEqualTo(45);
            assertThat(answers).as("every request answered, none hung past the client's %s", CLIENT_TIMEOUT)
                    .allSatisfy(answer -> {
                        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
                        assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
                        assertThat(answer.retryAfter()).as(answer.toString()).isNotBlank();
                        // max-acquire-time (5 s) for each of the pool's two tries
                        assertThat(answer.took()).as(answer.toString()).isLessThan(Duration.ofSeconds(12));
                    });
            assertThat(count("SELECT count(*) FROM payment_events WHERE payment_reference = ANY(:ids)", pending))
                    .as("nothing of the refused webhooks was stored").isZero();

            postgres.restore();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> surge.readiness() == 200);
            assertThat(client.get("/api/v1/orders", customer.token()).status()).isEqualTo(200);
            // The provider delivers the refused events again, and then once more (it never saw the first 200).
            for (int delivery = 0; delivery < 2; delivery++) {
                for (Pending p : pending) {
                    Answer answer = webhook(client, p);
                    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                }
            }
            assertThat(surge.alive()).isTrue();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM payment_events "
                + "WHERE payment_reference = ANY(:ids) AND processed_at IS NOT NULL", pending) == pending.size());
        assertThat(count("SELECT count(*) FROM payment_events WHERE payment_reference = ANY(:ids) AND outcome = 'applied'",
                pending)).isEqualTo(pending.size());
        UUID[] orders = pending.stream().map(Pending::orderId).toArray(UUID[]::new);
        assertThat(db.sql("SELECT count(*) FROM orders WHERE id = ANY(:ids) AND status = 'PAID'").bind("ids", orders)
                .map(row -> ((Number) row.get(0)).longValue()).one().block()).isEqualTo(pending.size());
        assertThat(db.sql("SELECT count(*) FROM order_status_history WHERE order_id = ANY(:ids) AND to_status = 'PAID'")
                .bind("ids", orders).map(row -> ((Number) row.get(0)).longValue()).one().block()).isEqualTo(pending.size());
        // Three orders sold, nothing sold during the outage.
        assertThat(db.sql("SELECT on_hand, reserved FROM inventory_stock WHERE variant_id = :v").bind("v", variant)
                .map(row -> List.of(row.get("on_hand", Integer.class), row.get("reserved", Integer.class))).one().block())
                .isEqualTo(List.of(17, 0));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Answer webhook(PlainHttp client, Pending p) {
        String body = PaymentFixtures.sandboxEvent("evt_" + p.reference() + "_succeeded", "payment.succeeded",
                p.reference(), p.paymentId(), p.amount(), "USD", null);
        return client.post("/api/v1/webhooks/sandbox", null, body, Map.of("Surge-Sandbox-Signature",
                PaymentFixtures.signature(PaymentFixtures.SANDBOX_SECRET, Instant.now().getEpochSecond(), body)));
    }

    private long count(String sql, List<Pending> pending) {
        return db.sql(sql).bind("ids", pending.stream().map(Pending::paymentId).toArray(String[]::new))
                .map(row -> ((Number) row.get(0)).longValue()).one().block();
    }
}
