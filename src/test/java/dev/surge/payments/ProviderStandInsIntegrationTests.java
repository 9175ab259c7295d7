package dev.surge.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.SurgeApplication;
import dev.surge.payments.domain.AutoRefunds;
import dev.surge.payments.domain.PaymentCancellations;
import dev.surge.platform.security.AccessTokens;
import dev.surge.platform.security.JwtKeys;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestTokens;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Orders we no longer sell, against stand-ins of Stripe's and Paystack's APIs (local HTTP servers that record
 * every call), on two instances sharing one database: a second instance reaches the stand-ins, the test
 * context's own Stripe is unreachable and its Paystack off, and both run the cancel and refund jobs. The cancel
 * and the automatic refund each reach the provider exactly once.
 */
class ProviderStandInsIntegrationTests extends IntegrationTest {

    /**
     * Cancels follow the order's event through Kafka. In the test run a consumer group rebalances when another
     * context joins or leaves it (a second instance, a context of other settings), which has held an event up for
     * over a minute; the wait covers that.
     */
    private static final Duration WAIT = Duration.ofSeconds(150);

    static ConfigurableApplicationContext second;
    static MockWebServer stripeApi;
    static MockWebServer paystackApi;
    static final StandIn stripe = new StandIn();
    static final StandIn paystack = new StandIn();

    @Autowired
    DatabaseClient db;

    @Autowired
    AccessTokens accessTokens;

    @Autowired
    JwtKeys jwtKeys;

    @Autowired
    AutoRefunds autoRefunds;

    /**
     * This instance's cancel and refund jobs, stopped while these tests run (its rounds are still run by hand):
     * its Stripe is not the stand-in, so on their own they could only fail and use up the tries of the rows the
     * other instance is to cancel or refund (one once won every claim for 20 s).
     */
    @Autowired
    PaymentCancellations cancellations;

    PaymentFixtures fixtures;
    WebTestClient secondHttp;

    @BeforeEach
    void setUp() {
        cancellations.stop();
        autoRefunds.stop();
        synchronized (ProviderStandInsIntegrationTests.class) {
            if (second == null) {
                stripeApi = GatewayFixtures.standIn();
                stripeApi.setDispatcher(stripe);
                paystackApi = GatewayFixtures.standIn();
                paystackApi.setDispatcher(paystack);
                List<String> args = new ArrayList<>();
                serviceProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
                args.add("--server.port=0");
                args.add("--surge.security.jwt.signing-key=" + jwtKeys.signingKey().toJSONString());
                args.add("--surge.payments.stripe.base-url=" + GatewayFixtures.baseUrl(stripeApi));
                args.add("--surge.payments.paystack.secret-key=" + GatewayFixtures.PAYSTACK_KEY);
                args.add("--surge.payments.paystack.base-url=" + GatewayFixtures.baseUrl(paystackApi));
                second = new SpringApplicationBuilder(SurgeApplication.class).profiles("test")
                        .run(args.toArray(String[]::new));
            }
        }
        secondHttp = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:"
                + second.getEnvironment().getProperty("local.server.port")).responseTimeout(WAIT).build();
        fixtures = new PaymentFixtures(db, secondHttp, new TestTokens(accessTokens));
    }

    @AfterEach
    void restartTheJobs() {
        if (!cancellations.isRunning()) {
            cancellations.start();
        }
        if (!autoRefunds.isRunning()) {
            autoRefunds.start();
        }
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
            second = null;
            stripeApi.close();
            paystackApi.close();
        }
    }

    record Paying(String orderId, String paymentId, String reference) {
    }

    @SuppressWarnings("unchecked")
    Paying paying(String provider) {
        PaymentFixtures.Customer customer = fixtures.customer();
        Map<String, Object> order = fixtures.order(customer.token(), fixtures.variant(5, 2500, "USD"), 1);
        Map<String, Object> payment = fixtures.createPayment(customer.token(), Map.of("orderId", order.get("id").toString(),
                "provider", provider)).expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return new Paying(order.get("id").toString(), payment.get("id").toString(),
                payment.get("providerReference").toString());
    }

    void expire(Paying p) {
        db.sql("UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = :id")
                .bind("id", UUID.fromString(p.orderId())).then().block();
    }

    String paymentStatus(Paying p) {
        return fixtures.column("SELECT status FROM payments WHERE id = :id", p.paymentId());
    }

    /** After a cancel round on the instance that reaches the stand-ins (the other once won every claim for 20 s). */
    String statusAfterACancelRound(Paying p) {
        second.getBean(PaymentCancellations.class).round().block(WAIT);
        return paymentStatus(p);
    }

    /** After a refund round on the instance that reaches the stand-ins. */
    String statusAfterARefundRound(Paying p) {
        second.getBean(AutoRefunds.class).round().block(WAIT);
        return paymentStatus(p);
    }

    /** Both instances' refund jobs, a few rounds each, at the same time. */
    void refundRoundsOnBothInstances() {
        AutoRefunds other = second.getBean(AutoRefunds.class);
        Flux.range(0, 6).flatMap(i -> (i % 2 == 0 ? autoRefunds : other).round().subscribeOn(Schedulers.parallel()))
                .collectList().block(WAIT);
    }

    @Test
    void expiryCancelsTheStripePaymentIntentOnceAndAPaymentThatBeatTheCancelIsRefundedOnce() {
        Paying open = paying("stripe");
        Paying paid = paying("stripe");
        stripe.paid.add(paid.reference()); // the shopper paid just before the order expired; the webhook is late
        expire(open);
        expire(paid);

        await().atMost(WAIT).until(() -> statusAfterACancelRound(open).equals("CANCELED"));
        assertThat(stripe.calls("POST /v1/payment_intents/" + open.reference() + "/cancel"))
                .containsExactly("cancel-" + open.paymentId());
        assertThat(fixtures.orderStatus(open.orderId())).isEqualTo("EXPIRED");

        await().atMost(WAIT).until(() -> statusAfterACancelRound(paid) != null && fixtures.count(
                "SELECT count(*) FROM order_refunds_due WHERE order_id = :id", paid.orderId()) == 1);
        refundRoundsOnBothInstances();
        await().atMost(WAIT).until(() -> statusAfterARefundRound(paid).equals("REFUNDED") && fixtures.count("SELECT count(*) FROM "
                + "audit_log WHERE action = 'payment.auto_refund_requested' AND subject_id = :id", paid.orderId()) == 1);
        refundRoundsOnBothInstances();
        assertThat(stripe.calls("POST /v1/refunds " + paid.reference())).hasSize(1);
        assertThat(fixtures.count("SELECT count(*) FROM refunds WHERE payment_id = :id", paid.paymentId())).isEqualTo(1);
        assertThat(fixtures.orderStatus(paid.orderId())).isEqualTo("EXPIRED");
        assertThat(fixtures.count("SELECT count(*) FROM audit_log WHERE action = 'payment.auto_refund_requested' "
                + "AND subject_id = :id", paid.orderId())).isEqualTo(1);
    }

    @Test
    void paystackHasNoCancelSoTheReferenceIsRetiredAndASuccessThatStillComesIsRefundedOnce() {
        Paying p = paying("paystack");
        expire(p);
        await().atMost(WAIT).until(() -> statusAfterACancelRound(p).equals("CANCELED"));
        assertThat(paystack.all).allMatch(call -> call.startsWith("POST /transaction/initialize"));

        // The shopper completes Paystack's page anyway; Paystack tells us.
        paystack.paid.add(p.reference());
        String body = "{\"event\":\"charge.success\",\"data\":{\"id\":" + Math.abs(p.reference().hashCode())
                + ",\"reference\":\"" + p.reference() + "\",\"status\":\"success\",\"amount\":" + paystack.amount(p.reference())
                + ",\"currency\":\"USD\",\"paid_at\":\"2026-01-01T00:00:00Z\"}}";
        secondHttp.post().uri("/api/v1/webhooks/paystack").contentType(MediaType.APPLICATION_JSON)
                .header("x-paystack-signature", GatewayFixtures.hmacHex("HmacSHA512", GatewayFixtures.PAYSTACK_KEY, body))
                .bodyValue(body).exchange().expectStatus().isOk();

        await().atMost(WAIT).until(() -> fixtures.count("SELECT count(*) FROM order_refunds_due WHERE order_id = :id",
                p.orderId()) == 1);
        refundRoundsOnBothInstances();
        await().atMost(WAIT).until(() -> statusAfterARefundRound(p).equals("REFUNDED"));
        refundRoundsOnBothInstances();
        assertThat(paystack.calls("POST /refund " + p.reference())).hasSize(1);
        assertThat(fixtures.column("SELECT reason || ':' || (settled_at IS NOT NULL) FROM order_refunds_due "
                + "WHERE order_id = :id", p.orderId())).isEqualTo("late_payment:true");
    }

    /**
     * A provider's API as far as these tests need it: payments created, cancelled, read and refunded, and every
     * call recorded as {@code METHOD path [reference]} with its idempotency key.
     */
    static final class StandIn extends Dispatcher {

        final List<String> all = new CopyOnWriteArrayList<>();
        final Map<String, List<String>> keys = new ConcurrentHashMap<>();
        final Map<String, Long> amounts = new ConcurrentHashMap<>();
        final Set<String> paid = ConcurrentHashMap.newKeySet();
        private final AtomicInteger ids = new AtomicInteger();

        List<String> calls(String call) {
            return keys.getOrDefault(call, List.of());
        }

        long amount(String reference) {
            return amounts.get(reference);
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            String body = request.getBody() == null ? "" : request.getBody().utf8();
            Map<String, String> form = form(body);
            String call = request.getMethod() + " " + path;
            if (call.equals("POST /v1/refunds")) {
                call += " " + form.get("payment_intent");
            } else if (call.equals("POST /refund")) {
                call += " " + GatewayFixtures.JSON.readTree(body).path("transaction").asString();
            }
            all.add(call);
            String key = request.getHeaders().get("Idempotency-Key");
            keys.computeIfAbsent(call, c -> new CopyOnWriteArrayList<>()).add(key == null ? "" : key);
            String answer = answer(request.getMethod(), path, body, form);
            // "!" marks a refusal (400) with its error body.
            return answer.startsWith("!") ? GatewayFixtures.json(400, answer.substring(1)) : GatewayFixtures.json(200, answer);
        }

        private String answer(String method, String path, String body, Map<String, String> form) {
            int n = ids.incrementAndGet();
            if (path.equals("/v1/payment_intents") && method.equals("POST")) {
                String id = "pi_standin_" + n;
                amounts.put(id, Long.parseLong(form.get("amount")));
                return intent(id, "requires_payment_method", form.get("metadata[payment_id]"));
            }
            if (path.startsWith("/v1/payment_intents/")) {
                String id = path.split("/")[3];
                if (path.endsWith("/cancel") && paid.contains(id)) {
                    return "!{\"error\":{\"type\":\"invalid_request_error\",\"code\":"
                            + "\"payment_intent_unexpected_state\",\"message\":\"It has a status of succeeded.\"}}";
                }
                return intent(id, paid.contains(id) ? "succeeded" : "canceled", null);
            }
            if (path.equals("/v1/refunds")) {
                return "{\"id\":\"re_standin_" + n + "\",\"object\":\"refund\",\"payment_intent\":\""
                        + form.get("payment_intent") + "\",\"amount\":" + form.get("amount")
                        + ",\"currency\":\"usd\",\"status\":\"succeeded\"}";
            }
            if (path.equals("/transaction/initialize")) {
                String reference = GatewayFixtures.JSON.readTree(body).path("reference").asString();
                amounts.put(reference, Long.parseLong(GatewayFixtures.JSON.readTree(body).path("amount").asString()));
                return "{\"status\":true,\"data\":{\"authorization_url\":\"https://checkout.paystack.test/" + n
                        + "\",\"access_code\":\"ac_" + n + "\",\"reference\":\"" + reference + "\"}}";
            }
            if (path.startsWith("/transaction/verify/")) {
                String reference = path.substring("/transaction/verify/".length());
                return "{\"status\":true,\"data\":{\"id\":" + n + ",\"reference\":\"" + reference + "\",\"status\":\""
                        + (paid.contains(reference) ? "success" : "abandoned") + "\",\"amount\":" + amounts.get(reference)
                        + ",\"currency\":\"USD\"}}";
            }
            if (path.equals("/refund")) {
                var json = GatewayFixtures.JSON.readTree(body);
                return "{\"status\":true,\"data\":{\"id\":" + n + ",\"status\":\"processed\",\"amount\":"
                        + json.path("amount").asString() + ",\"currency\":\"USD\",\"transaction\":{\"reference\":\""
                        + json.path("transaction").asString() + "\"}}}";
            }
            return "!{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\"}}";
        }

        private String intent(String id, String status, String paymentId) {
            long amount = amounts.getOrDefault(id, 0L);
            return "{\"id\":\"" + id + "\",\"object\":\"payment_intent\",\"status\":\"" + status + "\",\"amount\":" + amount
                    + ",\"amount_received\":" + (status.equals("succeeded") ? amount : 0) + ",\"currency\":\"usd\","
                    + "\"client_secret\":\"" + id + "_secret\",\"created\":1760000000,\"metadata\":{"
                    + (paymentId == null ? "" : "\"payment_id\":\"" + paymentId + "\"") + "}}";
        }

        private static Map<String, String> form(String body) {
            Map<String, String> fields = new java.util.LinkedHashMap<>();
            if (body.startsWith("{")) {
                return fields;
            }
            for (String pair : body.split("&")) {
                String[] parts = pair.split("=", 2);
                fields.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
            return fields;
        }
    }
}
