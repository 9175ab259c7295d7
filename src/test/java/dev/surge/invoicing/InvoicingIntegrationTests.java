package dev.surge.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.surge.invoicing.data.SeriesCounter;
import dev.surge.orders.OrderEvents;
import dev.surge.orders.OrderPaid;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventMetadata;
import dev.surge.platform.persistence.Money;
import dev.surge.platform.security.AccessTokens;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * An order paid through the sandbox gets its invoice, a PDF holding its number, the order's number, every line,
 * the tax and the total; a refund gets a credit note referring to it; and only the order's buyer (signed in, or a
 * guest with the order's email and token), finance and administrators can download them.
 */
class InvoicingIntegrationTests extends IntegrationTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    AccessTokens accessTokens;

    @Autowired
    InvoicingApi invoicing;

    @Autowired
    List<EventHandler<?>> handlers;

    @Autowired
    SeriesCounter counter;

    @Autowired
    TransactionalOperator tx;

    InvoicingFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new InvoicingFixtures(db, http, new TestTokens(accessTokens));
    }

    WebTestClient.ResponseSpec get(String path, Consumer<HttpHeaders> headers) {
        return http.get().uri(path).headers(headers).exchange();
    }

    static Consumer<HttpHeaders> bearer(String token) {
        return h -> h.setBearerAuth(token);
    }

    static Consumer<HttpHeaders> guest(Map<String, Object> order) {
        return h -> {
            h.set("X-Order-Email", order.get("email").toString());
            h.set("X-Order-Token", order.get("guestAccessToken").toString());
        };
    }

    /** Waits for the invoice the payment's event makes, and answers its PDF. */
    byte[] invoiceOnceIssued(Object orderId, Consumer<HttpHeaders> headers) {
        String path = "/api/v1/orders/" + orderId + "/invoice";
        // Generous: on a loaded machine the handler may still be working through other tests' paid orders.
        await().atMost(Duration.ofSeconds(180)).until(() -> http.get().uri(path).headers(headers).exchange()
                .returnResult(byte[].class).getStatus().value() == 200);
        return get(path, headers).expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_PDF)
                .expectHeader().valueMatches(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"INV-\\d{6,}\\.pdf\"")
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody(byte[].class).returnResult().getResponseBody();
    }

    String invoiceNumber(Object orderId) {
        return db.sql("SELECT number FROM invoices WHERE order_id = :o").bind("o", UUID.fromString(orderId.toString()))
                .map(row -> row.get("number", String.class)).one().block();
    }

    static String amount(Object money) {
        long minor = ((Number) ((Map<?, ?>) money).get("amountMinor")).longValue();
        return java.math.BigDecimal.valueOf(minor, 2).toPlainString();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPaidOrdersInvoiceHoldsTheOrderAndInvoiceNumbersEveryLineTheTaxAndTheTotal() {
        InvoicingFixtures.Customer customer = fixtures.customer();
        List<UUID> variants = List.of(fixtures.variant(10, 1999), fixtures.variant(10, 4550));
        Map<String, Object> order = fixtures.order(customer.token(), variants);
        String invoicePath = "/api/v1/orders/" + order.get("id") + "/invoice";

        // Before payment there is nothing to download.
        get(invoicePath, bearer(customer.token())).expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("invoice_not_found");

        fixtures.pay(order, customer.token());
        String text = InvoicingFixtures.text(invoiceOnceIssued(order.get("id"), bearer(customer.token())));

        String number = invoiceNumber(order.get("id"));
        assertThat(number).matches("INV-\\d{6,}");
        // 1 x 19.99 + 2 x 45.50 = 110.99 (free shipping over 100), tax 7.25 % in California: 1.45 + 6.60
        assertThat(amount(order.get("total"))).isEqualTo("119.04");
        assertThat(text).contains("Invoice", number, order.get("number").toString(), "Surge Store",
                "Ada King", "1 Engine Row", "Ada Lovelace", "12 Analytical Way", "Desk lamp - Brass",
                "Tax 7.25% on 110.99", "8.05", "Total (USD)", "119.04 USD");
        for (Map<String, Object> line : (List<Map<String, Object>>) order.get("lines")) {
            assertThat(text).contains("SKU " + line.get("sku"), amount(line.get("lineTotal")), amount(line.get("tax")));
        }
    }

    @Test
    void theInvoiceIsIssuedOnceHoweverOftenThePaymentIsDeliveredOrAskedFor() {
        InvoicingFixtures.Customer customer = fixtures.customer();
        Map<String, Object> order = fixtures.order(customer.token(), List.of(fixtures.variant(10, 1000)));
        fixtures.pay(order, customer.token());
        UUID orderId = UUID.fromString(order.get("id").toString());
        invoiceOnceIssued(orderId, bearer(customer.token()));
        String number = invoiceNumber(orderId);

        // A replay of the topic (new event ids), another module asking for the PDF: the same invoice.
        @SuppressWarnings("unchecked")
        EventHandler<OrderPaid> issuer = (EventHandler<OrderPaid>) handlers.stream()
                .filter(h -> h.name().equals("invoicing.invoice")).findFirst().orElseThrow();
        OrderPaid paid = new OrderPaid(orderId, order.get("number").toString(), customer.id(), null,
                new Money(1000, "USD"), "replayed");
        for (int i = 0; i < 3; i++) {
            issuer.handle(paid, new EventMetadata(UUID.randomUUID(), "OrderPaid", orderId.toString(), null))
                    .block(Duration.ofSeconds(30));
        }
        InvoicingApi.InvoicePdf pdf = invoicing.invoicePdf(orderId).block(Duration.ofSeconds(30));

        assertThat(pdf.number()).isEqualTo(number);
        assertThat(pdf.fileName()).isEqualTo(number + ".pdf");
        assertThat(InvoicingFixtures.text(pdf.content())).contains(number, order.get("number").toString());
        assertThat(fixtures.count("SELECT count(*) FROM invoices WHERE order_id = :id", orderId)).isEqualTo(1);
        assertThat(issuer.topic()).isEqualTo(OrderEvents.TOPIC);
        // An order not paid has no invoice to give.
        Map<String, Object> unpaid = fixtures.order(customer.token(), List.of(fixtures.variant(10, 1000)));
        assertThat(invoicing.invoicePdf(UUID.fromString(unpaid.get("id").toString())).blockOptional()).isEmpty();
    }

    @Test
    void aNumberTakenInATransactionThatRollsBackIsGivenBack() {
        String series = "RB-" + UUID.randomUUID().toString().substring(0, 8); // its own series: INV stays gapless
        counter.lock(series).as(tx::transactional).block(); // the series starts, at 1
        Mono<Long> take = counter.lock(series).then(counter.take(series));

        assertThatThrownBy(() -> take.flatMap(n -> Mono.<Long>error(new IllegalStateException("insert failed")))
                .as(tx::transactional).block()).hasMessage("insert failed");

        assertThat(take.as(tx::transactional).block()).isEqualTo(1);
        assertThat(take.as(tx::transactional).block()).isEqualTo(2);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> refund(Object paymentId, String finance, long amountMinor) {
        return http.post().uri("/api/v1/payments/" + paymentId + "/refunds").headers(h -> {
                    h.setBearerAuth(finance);
                    h.set("Idempotency-Key", UUID.randomUUID().toString());
                }).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("amountMinor", amountMinor))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> creditNotes(Object orderId, Consumer<HttpHeaders> headers, int expected) {
        String path = "/api/v1/orders/" + orderId + "/credit-notes";
        await().atMost(Duration.ofSeconds(180)).until(() -> ((List<?>) get(path, headers).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("items")).size() == expected);
        return (List<Map<String, Object>>) get(path, headers).expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody().get("items");
    }

    @Test
    void eachRefundTheProviderConfirmsGetsACreditNoteReferringToTheInvoice() {
        InvoicingFixtures.Customer customer = fixtures.customer();
        Map<String, Object> order = fixtures.order(customer.token(), List.of(fixtures.variant(10, 2500)));
        Map<String, Object> payment = fixtures.pay(order, customer.token());
        invoiceOnceIssued(order.get("id"), bearer(customer.token()));
        String invoice = invoiceNumber(order.get("id"));
        assertThat(creditNotes(order.get("id"), bearer(customer.token()), 0)).isEmpty();
        String finance = fixtures.staff("FINANCE");

        Map<String, Object> first = refund(payment.get("id"), finance, 1000);
        List<Map<String, Object>> notes = creditNotes(order.get("id"), bearer(customer.token()), 1);
        Map<String, Object> note = notes.get(0);
        assertThat(note.get("number").toString()).matches("CN-\\d{6,}");
        assertThat(note.get("invoiceNumber")).isEqualTo(invoice);
        assertThat(note.get("refundReference")).isEqualTo(first.get("refundReference"));
        assertThat(amount(note.get("amount"))).isEqualTo("10.00");

        byte[] pdf = get(note.get("pdfUrl").toString(), bearer(customer.token())).expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_PDF)
                .expectHeader().valueEquals(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + note.get("number") + ".pdf\"")
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(InvoicingFixtures.text(pdf)).contains("Credit note", note.get("number").toString(),
                "Corrects invoice: " + invoice, "Refund: " + first.get("refundReference"),
                order.get("number").toString(), "Total refunded (USD)", "10.00 USD");

        // The rest: a second credit note; the sandbox's webhooks repeating both refunds make no more.
        long rest = ((Number) ((Map<?, ?>) order.get("total")).get("amountMinor")).longValue() - 1000;
        Map<String, Object> second = refund(payment.get("id"), finance, rest);
        notes = creditNotes(order.get("id"), bearer(finance), 2);
        assertThat(notes.get(1).get("refundReference")).isEqualTo(second.get("refundReference"));
        assertThat(notes.get(1).get("invoiceNumber")).isEqualTo(invoice);
        assertThat(notes).extracting(n -> n.get("number")).doesNotHaveDuplicates();
        for (Object reference : List.of(first.get("refundReference"), second.get("refundReference"))) {
            await().atMost(Duration.ofSeconds(120)).until(() -> db.sql("SELECT count(*) FROM payment_events "
                            + "WHERE refund_reference = :r AND type = 'REFUND_SUCCEEDED' AND processed_at IS NOT NULL")
                    .bind("r", reference.toString()).map(row -> ((Number) row.get(0)).longValue()).one().block() == 1);
        }
        assertThat(fixtures.count("SELECT count(*) FROM credit_notes WHERE order_id = :id",
                UUID.fromString(order.get("id").toString()))).isEqualTo(2);
    }

    @Test
    void onlyTheBuyerAGuestWithTheOrdersTokenFinanceAndAdministratorsMayDownload() {
        InvoicingFixtures.Customer buyer = fixtures.customer();
        Map<String, Object> mine = fixtures.order(buyer.token(), List.of(fixtures.variant(10, 1500)));
        fixtures.pay(mine, buyer.token());
        invoiceOnceIssued(mine.get("id"), bearer(buyer.token()));
        Map<String, Object> guestOrder = fixtures.order(null, List.of(fixtures.variant(10, 1500)));
        fixtures.pay(guestOrder, null);
        invoiceOnceIssued(guestOrder.get("id"), guest(guestOrder));

        for (Map<String, Object> order : List.of(mine, guestOrder)) {
            String base = "/api/v1/orders/" + order.get("id");
            for (String role : List.of("ADMIN", "FINANCE", "SUPER_ADMIN")) {
                get(base + "/invoice", bearer(fixtures.staff(role))).expectStatus().isOk()
                        .expectHeader().contentType(MediaType.APPLICATION_PDF);
                get(base + "/credit-notes", bearer(fixtures.staff(role))).expectStatus().isOk();
            }
            // Another customer, a seller, fulfilment staff: as if there were no such order.
            for (String token : List.of(fixtures.customer().token(), fixtures.staff("FULFILMENT"))) {
                for (String path : List.of(base + "/invoice", base + "/credit-notes",
                        base + "/credit-notes/" + UUID.randomUUID())) {
                    notFound(get(path, bearer(token)), "order_not_found");
                }
            }
        }
        String guestBase = "/api/v1/orders/" + guestOrder.get("id");
        get(guestBase + "/credit-notes", guest(guestOrder)).expectStatus().isOk().expectBody()
                .jsonPath("$.items").isEmpty();
        notFound(get(guestBase + "/credit-notes/" + UUID.randomUUID(), guest(guestOrder)), "credit_note_not_found");
        notFound(get(guestBase + "/credit-notes/not-a-uuid", guest(guestOrder)), "credit_note_not_found");
        // A guest's wrong token, another guest's order, half the credentials: not found.
        notFound(get(guestBase + "/invoice", h -> {
            h.set("X-Order-Email", guestOrder.get("email").toString());
            h.set("X-Order-Token", "not-the-token");
        }), "order_not_found");
        notFound(get("/api/v1/orders/" + mine.get("id") + "/invoice", guest(guestOrder)), "order_not_found");
        notFound(get(guestBase + "/invoice", h -> h.set("X-Order-Token", guestOrder.get("guestAccessToken")
                .toString())), "order_not_found");
        // The customer's own order is not a guest's: its token headers are no way in.
        notFound(get(guestBase + "/invoice", bearer(buyer.token())), "order_not_found");
        // No credentials at all, a forged token: 401.
        get(guestBase + "/invoice", h -> { }).expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("unauthorized");
        get(guestBase + "/invoice", bearer("not.a.jwt")).expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        // Unknown and malformed order ids, even for an administrator.
        String admin = fixtures.staff("ADMIN");
        notFound(get("/api/v1/orders/" + UUID.randomUUID() + "/invoice", bearer(admin)), "order_not_found");
        notFound(get("/api/v1/orders/not-a-uuid/invoice", bearer(admin)), "order_not_found");
        notFound(get("/api/v1/orders/not-a-uuid/credit-notes", bearer(admin)), "order_not_found");
        // A paid order's documents are read, never written, here.
        http.post().uri(guestBase + "/invoice").headers(bearer(admin)).exchange().expectStatus().is4xxClientError()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(fixtures.count("SELECT count(*) FROM invoices WHERE order_id = :id",
                UUID.fromString(guestOrder.get("id").toString()))).isEqualTo(1);
    }

    static void notFound(WebTestClient.ResponseSpec response, String code) {
        response.expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo(code);
    }
}
