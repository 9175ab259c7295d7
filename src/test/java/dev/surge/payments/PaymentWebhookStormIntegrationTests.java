package dev.surge.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.platform.security.AccessTokens;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A webhook storm: 300 paid orders, 1,000 deliveries of their success events, all at once and shuffled, a
 * third of the events repeated, and forged or replayed deliveries among them. Every payment must be captured
 * exactly once, and every bad delivery refused with nothing changed.
 */
class PaymentWebhookStormIntegrationTests extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final int PAYMENTS = 300;
    private static final int VICTIMS = 10;
    private static final int DELIVERIES = 1000;

    @Autowired
    DatabaseClient db;

    @Autowired
    AccessTokens accessTokens;

    @LocalServerPort
    int port;

    record Paid(UUID orderId, UUID paymentId, String reference, long total, String currency) {
    }

    record Delivery(String body, String signature, boolean valid) {
    }

    @Test
    void everyPaymentIsCapturedExactlyOnceAndEveryBadDeliveryIsRefusedWithNothingChanged() {
        TestTokens tokens = new TestTokens(accessTokens);
        PaymentFixtures fixtures = new PaymentFixtures(db, http, tokens);
        WebClient client = WebClient.builder().baseUrl("http://127.0.0.1:" + port).build();
        List<UUID> variants = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            variants.add(fixtures.variant(100, 1500 + i, "USD"));
        }
        UUID victimVariant = fixtures.variant(VICTIMS * 2, 999, "USD");
        List<String> customerTokens = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            customerTokens.add(fixtures.customer().token());
        }

        List<Paid> paid = pay(client, customerTokens, i -> variants.get(i % variants.size()), PAYMENTS);
        List<Paid> victims = pay(client, customerTokens, i -> victimVariant, VICTIMS);

        Random random = new Random(42);
        List<Delivery> deliveries = new ArrayList<>();
        long now = Instant.now().getEpochSecond();
        for (Paid p : paid) {
            deliveries.add(signed(event(p), now));
        }
        List<Paid> repeated = new ArrayList<>(paid);
        Collections.shuffle(repeated, random);
        repeated = repeated.subList(0, PAYMENTS / 3);
        int repeats = DELIVERIES - PAYMENTS - 2 * VICTIMS;
        for (int i = 0; i < repeats; i++) {
            deliveries.add(signed(event(repeated.get(i % repeated.size())), now));
        }
        for (Paid v : victims) {
            String body = event(v);
            deliveries.add(new Delivery(body, PaymentFixtures.signature("whsec_forged", now, body), false));
            deliveries.add(new Delivery(body, PaymentFixtures.signature(PaymentFixtures.SANDBOX_SECRET, now - 900, body), false));
        }
        Collections.shuffle(deliveries, random);
        assertThat(deliveries).hasSize(DELIVERIES);

        List<String> wrong = Flux.fromIterable(deliveries)
                .flatMap(d -> client.post().uri("/api/v1/webhooks/sandbox").header("Surge-Sandbox-Signature", d.signature())
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(d.body())
                        .exchangeToMono(response -> Mono.just(response.statusCode().value()))
                        .filter(status -> status != (d.valid() ? 200 : 400))
                        .map(status -> status + " for " + d.body()), 64)
                .collectList().block(Duration.ofSeconds(120));
        assertThat(wrong).isEmpty();

        UUID[] orderIds = paid.stream().map(Paid::orderId).toArray(UUID[]::new);
        UUID[] paymentIds = paid.stream().map(Paid::paymentId).toArray(UUID[]::new);
        // Whatever could not be applied inline (lock contention, a failure) is applied from storage.
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM payment_events WHERE provider = 'sandbox' AND processed_at IS NOT NULL "
                        + "AND payment_id = ANY(:ids)", paymentIds) == PAYMENTS);
        assertThat(count("SELECT count(*) FROM payment_events WHERE payment_id = ANY(:ids) AND outcome = 'applied'",
                paymentIds)).isEqualTo(PAYMENTS);
        assertThat(count("SELECT count(*) FROM payments WHERE id = ANY(:ids) AND status = 'SUCCEEDED' AND order_outcome = 'PAID'",
                paymentIds)).isEqualTo(PAYMENTS);
        assertThat(count("SELECT count(*) FROM orders WHERE id = ANY(:ids) AND status = 'PAID'", orderIds)).isEqualTo(PAYMENTS);
        // markPaid moved each order to PAID once: one history entry each.
        assertThat(count("SELECT count(*) FROM order_status_history WHERE order_id = ANY(:ids) AND to_status = 'PAID'",
                orderIds)).isEqualTo(PAYMENTS);
        // Stock sold once: 60 units of each variant, nothing left reserved.
        for (UUID variant : variants) {
            assertThat(stock(variant)).isEqualTo(List.of(40, 0));
        }
        // The forged and replayed deliveries changed nothing.
        UUID[] victimOrders = victims.stream().map(Paid::orderId).toArray(UUID[]::new);
        String[] victimRefs = victims.stream().map(v -> v.paymentId().toString()).toArray(String[]::new);
        assertThat(count("SELECT count(*) FROM orders WHERE id = ANY(:ids) AND status = 'PENDING_PAYMENT'", victimOrders))
                .isEqualTo(VICTIMS);
        assertThat(db.sql("SELECT count(*) FROM payment_events WHERE payment_reference = ANY(:ids)")
                .bind("ids", victimRefs).map(row -> ((Number) row.get(0)).longValue()).one().block()).isZero();
        assertThat(stock(victimVariant)).isEqualTo(List.of(VICTIMS * 2, VICTIMS));
    }

    interface VariantOf {
        UUID of(int index);
    }

    private List<Paid> pay(WebClient client, List<String> customers, VariantOf variant, int count) {
        // Keys made here: nothing random may be drawn on an event loop (SecureRandom reads /dev/urandom).
        String run = UUID.randomUUID().toString();
        return Flux.range(0, count)
                .flatMap(i -> {
                    String token = customers.get(i % customers.size());
                    return client.post().uri("/api/v1/orders").headers(h -> {
                                h.setBearerAuth(token);
                                h.set("Idempotency-Key", run + "-order-" + i);
                            })
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(PaymentFixtures.checkoutBody(null, variant.of(i), 1))
                            .retrieve().bodyToMono(JSON)
                            .flatMap(order -> client.post().uri("/api/v1/payments").headers(h -> {
                                        h.setBearerAuth(token);
                                        h.set("Idempotency-Key", run + "-payment-" + i);
                                    })
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .bodyValue(Map.of("orderId", order.get("id").toString()))
                                    .retrieve().bodyToMono(JSON)
                                    .map(payment -> {
                                        @SuppressWarnings("unchecked")
                                        Map<String, Object> amount = (Map<String, Object>) payment.get("amount");
                                        return new Paid(UUID.fromString(order.get("id").toString()),
                                                UUID.fromString(payment.get("id").toString()),
                                                payment.get("providerReference").toString(),
                                                ((Number) amount.get("amountMinor")).longValue(),
                                                amount.get("currency").toString());
                                    }));
                }, 16)
                .collectList().block(Duration.ofSeconds(120));
    }

    private static String event(Paid p) {
        return PaymentFixtures.sandboxEvent("evt_" + p.reference() + "_succeeded", "payment.succeeded", p.reference(),
                p.paymentId(), p.total(), p.currency(), null);
    }

    private static Delivery signed(String body, long now) {
        return new Delivery(body, PaymentFixtures.signature(PaymentFixtures.SANDBOX_SECRET, now, body), true);
    }

    private long count(String sql, UUID[] ids) {
        return db.sql(sql).bind("ids", ids).map(row -> ((Number) row.get(0)).longValue()).one().block();
    }

    private List<Integer> stock(UUID variant) {
        return db.sql("SELECT on_hand, reserved FROM inventory_stock WHERE variant_id = :v").bind("v", variant)
                .map(row -> List.of(row.get("on_hand", Integer.class), row.get("reserved", Integer.class))).one().block();
    }
}
