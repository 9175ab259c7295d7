package dev.surge.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.platform.security.AccessTokens;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Disputes (chargebacks) over HTTP: a provider's signed dispute events are stored, mark the order and flag the
 * payment, fill finance's queue while open; a lost one shows on the order and stays lost whatever comes late.
 */
class DisputesIntegrationTests extends IntegrationTest {

    private static final String QUEUE = "/api/v1/admin/payments/disputes";

    @Autowired
    DatabaseClient db;

    @Autowired
    AccessTokens accessTokens;

    PaymentFixtures fixtures;
    String finance;

    @BeforeEach
    void setUp() {
        fixtures = new PaymentFixtures(db, http, new TestTokens(accessTokens));
        finance = fixtures.finance();
    }

    record Paid(String orderId, String paymentId, String reference, String customerToken) {
    }

    Paid paid() {
        PaymentFixtures.Customer customer = fixtures.customer();
        Map<String, Object> order = fixtures.order(customer.token(), fixtures.variant(10, 2500, "USD"), 1);
        Map<String, Object> payment = fixtures.payment(customer.token(), order.get("id"));
        String reference = payment.get("providerReference").toString();
        http.post().uri("/api/v1/sandbox/payments/" + reference + "/complete").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("outcome", "SUCCEED")).exchange().expectStatus().isOk();
        return new Paid(order.get("id").toString(), payment.get("id").toString(), reference, customer.token());
    }

    /** A sandbox dispute event, as the sandbox provider would write it. */
    static String disputeEvent(Paid p, String eventId, String type, String disputeReference, String status) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reference", p.reference());
        data.put("payment_reference", p.paymentId());
        data.put("amount", 3000);
        data.put("currency", "USD");
        data.put("dispute_reference", disputeReference);
        data.put("dispute_status", status);
        data.put("reason", "fraudulent");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", eventId);
        body.put("type", type);
        body.put("created", Instant.now().getEpochSecond());
        body.put("data", data);
        return PaymentFixtures.JSON.writeValueAsString(body);
    }

    @Test
    void aDisputeIsQueuedForFinanceWhileOpenAndALostOneShowsOnTheOrderForGood() {
        Paid p = paid();
        String dispute = "dp_" + UUID.randomUUID();
        String opened = disputeEvent(p, "evt_" + dispute + "_1", "dispute.created", dispute, "NEEDS_RESPONSE");
        // Not provably the provider's: refused, nothing stored.
        fixtures.sandboxWebhook(opened, PaymentFixtures.signature("whsec_forged", Instant.now().getEpochSecond(), opened))
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(fixtures.count("SELECT count(*) FROM payment_disputes WHERE payment_id = :id", p.paymentId())).isZero();

        fixtures.sandboxWebhook(opened).expectStatus().isOk();
        fixtures.sandboxWebhook(opened).expectStatus().isOk().expectBody().jsonPath("$.duplicate").isEqualTo(true);

        http.get().uri(QUEUE).headers(h -> h.setBearerAuth(finance)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("OPEN")
                .jsonPath("$.disputes[?(@.disputeReference == '" + dispute + "')].status").isEqualTo("NEEDS_RESPONSE")
                .jsonPath("$.disputes[?(@.disputeReference == '" + dispute + "')].paymentId").isEqualTo(p.paymentId())
                .jsonPath("$.disputes[?(@.disputeReference == '" + dispute + "')].orderId").isEqualTo(p.orderId())
                .jsonPath("$.disputes[?(@.disputeReference == '" + dispute + "')].amount.amountMinor").isEqualTo(3000);
        order(p).jsonPath("$.dispute").isEqualTo("OPEN");
        assertThat(fixtures.column("SELECT flag FROM payments WHERE id = :id", p.paymentId())).isEqualTo("disputed");

        fixtures.sandboxWebhook(disputeEvent(p, "evt_" + dispute + "_2", "dispute.updated", dispute, "UNDER_REVIEW"))
                .expectStatus().isOk();
        fixtures.sandboxWebhook(disputeEvent(p, "evt_" + dispute + "_3", "dispute.closed", dispute, "LOST"))
                .expectStatus().isOk();
        // A late update of the closed dispute changes nothing.
        fixtures.sandboxWebhook(disputeEvent(p, "evt_" + dispute + "_late", "dispute.updated", dispute, "UNDER_REVIEW"))
                .expectStatus().isOk();

        assertThat(http.get().uri(QUEUE).headers(h -> h.setBearerAuth(finance)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).doesNotContain(dispute);
        http.get().uri(QUEUE + "?status=lost").headers(h -> h.setBearerAuth(finance)).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.disputes[?(@.disputeReference == '" + dispute + "')].status").isEqualTo("LOST")
                .jsonPath("$.disputes[?(@.disputeReference == '" + dispute + "')].closedAt").isNotEmpty();
        order(p).jsonPath("$.dispute").isEqualTo("LOST").jsonPath("$.status").isEqualTo("PAID");
        assertThat(fixtures.column("SELECT flag FROM payments WHERE id = :id", p.paymentId())).isEqualTo("dispute_lost");
        assertThat(fixtures.count("SELECT count(*) FROM payment_events WHERE payment_id = :id AND outcome = 'duplicate' "
                + "AND type = 'DISPUTE'", p.paymentId())).isEqualTo(1);
        assertThat(fixtures.count("SELECT count(*) FROM payment_disputes WHERE payment_id = :id", p.paymentId())).isEqualTo(1);
    }

    @Test
    void disputeEventsShuffledAndRepeatedEndAsOneOrderlyDeliveryWould() {
        Paid won = paid();
        Paid lost = paid();
        String wonDispute = "dp_" + UUID.randomUUID();
        String lostDispute = "dp_" + UUID.randomUUID();
        List<String> storm = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            storm.add(disputeEvent(won, "evt_" + wonDispute + "_1", "dispute.created", wonDispute, "NEEDS_RESPONSE"));
            storm.add(disputeEvent(won, "evt_" + wonDispute + "_2", "dispute.updated", wonDispute, "UNDER_REVIEW"));
            storm.add(disputeEvent(won, "evt_" + wonDispute + "_3", "dispute.closed", wonDispute, "WON"));
            storm.add(disputeEvent(lost, "evt_" + lostDispute + "_1", "dispute.created", lostDispute, "NEEDS_RESPONSE"));
            storm.add(disputeEvent(lost, "evt_" + lostDispute + "_2", "dispute.updated", lostDispute, "UNDER_REVIEW"));
            storm.add(disputeEvent(lost, "evt_" + lostDispute + "_3", "dispute.closed", lostDispute, "LOST"));
        }
        Collections.shuffle(storm, new Random(4));
        storm.forEach(body -> fixtures.sandboxWebhook(body).expectStatus().isOk());

        assertThat(fixtures.column("SELECT status FROM payment_disputes WHERE payment_id = :id", won.paymentId()))
                .isEqualTo("WON");
        assertThat(fixtures.column("SELECT status FROM payment_disputes WHERE payment_id = :id", lost.paymentId()))
                .isEqualTo("LOST");
        order(won).jsonPath("$.dispute").isEqualTo("WON");
        order(lost).jsonPath("$.dispute").isEqualTo("LOST");
        String open = http.get().uri(QUEUE + "?status=open&limit=500").headers(h -> h.setBearerAuth(finance)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(open).doesNotContain(wonDispute).doesNotContain(lostDispute);
    }

    @Test
    void aConcurrentStormOfDisputeEventsForManyPaymentsEndsAsOrderlyDeliveriesWould() {
        // Twelve payments, each disputed (won for half, lost for the others); every event delivered three times, all
        // shuffled and sent 32 at once, as a provider catching up after an outage would (issue 14, webhook storm).
        List<Paid> payments = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            payments.add(paid());
        }
        List<String> storm = new ArrayList<>();
        for (int i = 0; i < payments.size(); i++) {
            Paid p = payments.get(i);
            String dispute = "dp_" + p.reference();
            for (int copy = 0; copy < 3; copy++) {
                storm.add(disputeEvent(p, "evt_" + dispute + "_1", "dispute.created", dispute, "NEEDS_RESPONSE"));
                storm.add(disputeEvent(p, "evt_" + dispute + "_2", "dispute.updated", dispute, "UNDER_REVIEW"));
                storm.add(disputeEvent(p, "evt_" + dispute + "_3", "dispute.closed", dispute, i % 2 == 0 ? "WON" : "LOST"));
            }
        }
        Collections.shuffle(storm, new Random(14));
        org.springframework.web.reactive.function.client.WebClient client = org.springframework.web.reactive.function
                .client.WebClient.builder().baseUrl("http://127.0.0.1:" + serverPort).build();
        long now = Instant.now().getEpochSecond();
        List<Integer> statuses = reactor.core.publisher.Flux.fromIterable(storm)
                .flatMap(body -> client.post().uri("/api/v1/webhooks/sandbox")
                        .header("Surge-Sandbox-Signature", PaymentFixtures.signature(PaymentFixtures.SANDBOX_SECRET, now, body))
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                        .exchangeToMono(response -> reactor.core.publisher.Mono.just(response.statusCode().value())), 32)
                .collectList().block(java.time.Duration.ofSeconds(120));
        assertThat(statuses).hasSize(storm.size()).containsOnly(200);

        for (int i = 0; i < payments.size(); i++) {
            Paid p = payments.get(i);
            String outcome = i % 2 == 0 ? "WON" : "LOST";
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(fixtures.column("SELECT status FROM payment_disputes WHERE payment_id = :id", p.paymentId()))
                            .isEqualTo(outcome));
            assertThat(fixtures.count("SELECT count(*) FROM payment_disputes WHERE payment_id = :id", p.paymentId()))
                    .isEqualTo(1);
            order(p).jsonPath("$.dispute").isEqualTo(outcome).jsonPath("$.status").isEqualTo("PAID");
        }
    }

    @Test
    void theQueueIsFinancesAndBadFiltersAreProblems() {
        http.get().uri(QUEUE).exchange().expectStatus().isUnauthorized();
        http.get().uri(QUEUE).headers(h -> h.setBearerAuth(fixtures.customer().token())).exchange()
                .expectStatus().isForbidden();
        http.get().uri(QUEUE + "?status=bogus").headers(h -> h.setBearerAuth(finance)).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("validation_failed");
        http.get().uri(QUEUE + "?limit=0").headers(h -> h.setBearerAuth(finance)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("validation_failed");
        http.get().uri(QUEUE + "?status=all&limit=5").headers(h -> h.setBearerAuth(finance)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("ALL");
    }

    private org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec order(Paid p) {
        return http.get().uri("/api/v1/orders/" + p.orderId()).headers(h -> h.setBearerAuth(p.customerToken()))
                .exchange().expectStatus().isOk().expectBody();
    }
}
