package dev.surge.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.inventory.InventoryApi;
import dev.surge.inventory.domain.StockReconciliation;
import dev.surge.platform.security.AccessTokens;
import dev.surge.platform.security.JwtKeys;
import dev.surge.support.IntegrationTest;
import dev.surge.support.PlainHttp;
import dev.surge.support.PlainHttp.Answer;
import dev.surge.support.SurgeInstances;
import dev.surge.support.SurgeProcess;
import dev.surge.support.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Fault test: {@code kill -9} of the Surge process that handles a burst of checkouts, in the middle of it. This JVM's
 * instance, on the same stores, survives. Every order acknowledged (201) exists, holds its stock and can be paid;
 * the holds of the checkouts that got no answer (never written, or written with the answer lost, or a reservation
 * whose order was never written) expire and give their stock back exactly once; nothing is sold twice: units sold
 * plus units available equal the stock.
 */
class InstanceKilledFaultIntegrationTests extends IntegrationTest {

    static final int STOCK = 40;
    static final int CHECKOUTS = 80;

    @Autowired
    DatabaseClient db;

    @Autowired
    AccessTokens accessTokens;

    @Autowired
    JwtKeys jwtKeys;

    @Autowired
    InventoryApi inventory;

    @Autowired
    StockReconciliation reconciliation;

    record Checkout(String token, Answer answer) {
    }

    @Test
    void killingTheCheckoutInstanceMidBurstLosesNoAcknowledgedOrderAndSellsNothingTwice() {
        PaymentFixtures fixtures = new PaymentFixtures(db, http, new TestTokens(accessTokens));
        UUID variant = fixtures.variant(STOCK, 1800, "USD");
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            customers.add(fixtures.customer().token());
        }
        List<Checkout> checkouts;
        try (SurgeProcess surge = SurgeProcess.start("killed-mid-checkout", serviceProperties(), jwtKeys)) {
            PlainHttp client = new PlainHttp(surge.baseUrl(), Duration.ofSeconds(30));
            AtomicInteger acknowledged = new AtomicInteger();
            AtomicBoolean killed = new AtomicBoolean();
            ExecutorService callers = Executors.newFixedThreadPool(16);
            List<CompletableFuture<Checkout>> calls = new ArrayList<>();
            for (int i = 0; i < CHECKOUTS; i++) {
                String token = customers.get(i % customers.size());
                calls.add(CompletableFuture.supplyAsync(() -> {
                    if (acknowledged.get() >= 10 && killed.compareAndSet(false, true)) {
                        surge.kill(); // with 15 other checkouts in flight
                    }
                    Answer answer = client.post("/api/v1/orders", token, PaymentFixtures.checkoutBody(null, variant, 1),
                            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
                    if (answer.status() == 201) {
                        acknowledged.incrementAndGet();
                    }
                    return new Checkout(token, answer);
                }, callers));
            }
            checkouts = calls.stream().map(CompletableFuture::join).toList();
            callers.shutdown();
            assertThat(killed).isTrue();
            assertThat(surge.alive()).isFalse();
        }
        // Answered 201, or a clean 503 (an overloaded machine: nothing written), or cut off by the kill (-1).
        assertThat(checkouts).allSatisfy(c -> {
            assertThat(c.answer().status()).as(c.answer().toString()).isIn(201, 503, -1);
            if (c.answer().status() == 503) {
                assertThat(c.answer().contentType()).as(c.answer().toString()).startsWith("application/problem+json");
            }
        });
        List<Checkout> acked = checkouts.stream().filter(c -> c.answer().status() == 201).toList();
        Set<UUID> ackedIds = acked.stream().map(c -> UUID.fromString(c.answer().json().get("id").toString()))
                .collect(Collectors.toSet());
        assertThat(ackedIds).hasSizeGreaterThanOrEqualTo(10).hasSizeLessThan(CHECKOUTS);

        // Every acknowledged order is there, waiting for payment, with its unit held.
        UUID[] ids = ackedIds.toArray(UUID[]::new);
        assertThat(count("SELECT count(*) FROM orders WHERE id = ANY(:ids) AND status = 'PENDING_PAYMENT'", ids))
                .isEqualTo(ids.length);
        String[] owners = ackedIds.stream().map(id -> "order:" + id).toArray(String[]::new);
        assertThat(count("SELECT count(*) FROM stock_reservations WHERE owner = ANY(:ids) AND status = 'ACTIVE'", owners))
                .isEqualTo(ids.length);
        long written = count("SELECT count(*) FROM orders o WHERE EXISTS (SELECT 1 FROM order_lines l "
                + "WHERE l.order_id = o.id AND l.variant_id = :ids)", variant);

        // The unanswered ones: their payment windows and holds run out (as if half an hour had passed).
        db.sql("UPDATE orders SET expires_at = now() - interval '1 second' WHERE id <> ALL(:acked) AND id IN "
                        + "(SELECT order_id FROM order_lines WHERE variant_id = :v)")
                .bind("acked", ids).bind("v", variant).then().block();
        db.sql("UPDATE stock_reservations SET expires_at = now() - interval '1 second' WHERE status = 'ACTIVE' "
                        + "AND owner <> ALL(:owners) AND id IN (SELECT reservation_id FROM stock_reservation_lines "
                        + "WHERE variant_id = :v)")
                .bind("owners", owners).bind("v", variant).then().block();

        // The acknowledged orders are paid through the surviving instance.
        for (Checkout c : acked) {
            Object orderId = c.answer().json().get("id");
            Map<String, Object> payment = fixtures.payment(c.token(), orderId);
            @SuppressWarnings("unchecked")
            Map<String, Object> amount = (Map<String, Object>) payment.get("amount");
            String reference = payment.get("providerReference").toString();
            fixtures.sandboxWebhook(PaymentFixtures.sandboxEvent("evt_" + reference + "_succeeded", "payment.succeeded",
                    reference, payment.get("id"), ((Number) amount.get("amountMinor")).longValue(), "USD", null))
                    .expectStatus().isOk();
        }

        int sold = ids.length;
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(count("SELECT count(*) FROM orders WHERE id = ANY(:ids) AND status = 'PAID'", ids)).isEqualTo(sold);
            assertThat(stock(variant)).as("on hand, reserved").isEqualTo(List.of(STOCK - sold, 0));
            assertThat(count("SELECT count(*) FROM stock_reservations r WHERE status = 'ACTIVE' AND id IN "
                    + "(SELECT reservation_id FROM stock_reservation_lines WHERE variant_id = :ids)", variant)).isZero();
        });
        // The unanswered orders that had been written are expired, none paid.
        assertThat(count("SELECT count(*) FROM orders o WHERE o.status = 'EXPIRED' AND EXISTS (SELECT 1 FROM order_lines l "
                + "WHERE l.order_id = o.id AND l.variant_id = :ids)", variant)).isEqualTo(written - sold);
        // Sold plus available is the stock, in PostgreSQL and, once reconciled, in Redis. The killed process may have
        // taken units in Redis for checkouts it never wrote to PostgreSQL: Redis shows fewer (never more) until the
        // next reconciliation round (every reconcile-interval, one minute by default) puts them back.
        assertThat(inventory.available(List.of(variant)).block().get(variant)).isLessThanOrEqualTo(STOCK - sold);
        reconciliation.reconcile().block();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                inventory.available(List.of(variant)).block()).containsEntry(variant, STOCK - sold));
        // Each paid unit left the warehouse once.
        assertThat(count("SELECT coalesce(sum(delta), 0) FROM stock_movements WHERE variant_id = :ids AND delta < 0",
                variant)).isEqualTo(-sold);
        assertThat(checkouts.stream().filter(c -> c.answer().status() == -1)).as("checkouts cut off by the kill")
                .isNotEmpty();
    }

    private long count(String sql, Object ids) {
        return db.sql(sql).bind("ids", ids).map(row -> ((Number) row.get(0)).longValue()).one().block();
    }

    private List<Integer> stock(UUID variant) {
        return db.sql("SELECT on_hand, reserved FROM inventory_stock WHERE variant_id = :v").bind("v", variant)
                .map(row -> List.of(row.get("on_hand", Integer.class), row.get("reserved", Integer.class))).one().block();
    }
}
