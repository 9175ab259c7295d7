package dev.surge.notifications;

import static dev.surge.notifications.Shop.address;
import static dev.surge.notifications.Shop.awaitEmails;
import static dev.surge.notifications.Shop.html;
import static dev.surge.notifications.Shop.received;
import static dev.surge.notifications.Shop.text;
import static dev.surge.notifications.Shop.withSubject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.platform.events.EventTransport;
import dev.surge.platform.events.EventTransport.OutboundMessage;
import dev.surge.platform.security.AccessTokens;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestMailServer;
import dev.surge.support.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Orders walked over HTTP (checkout, the sandbox's payment, fulfilment, cancel, refund) through the real event path
 * (outbox, embedded Kafka, consumer base, notifications table, dispatcher) to a real SMTP server: one email per step
 * for the buyer, one new-order notice per merchant contact, nothing more when the events come again, and an SMTP
 * outage that only delays an email.
 */
class LifecycleEmailsIntegrationTests extends IntegrationTest {

    @Autowired
    DatabaseClient db;
    @Autowired
    AccessTokens accessTokens;
    @Autowired
    EventTransport transport;
    @Autowired
    MeterRegistry meters;

    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(db, http, new TestTokens(accessTokens));
    }

    @Test
    void aGuestOrderWalkedToDeliveryGetsOneEmailPerStepAndEachMerchantOneNotice() throws Exception {
        String kettlesContact = address("kettles");
        UUID kettles = shop.merchantWithContact(kettlesContact);
        UUID mugs = shop.merchantWithSeller();
        String mugsSeller = shop.sellerOf(mugs);
        UUID kettle = shop.variant(kettles, 20, 2000);
        UUID mug = shop.variant(mugs, 20, 1000);
        String buyer = address("guest");
        Map<UUID, Integer> lines = new LinkedHashMap<>();
        lines.put(kettle, 2);
        lines.put(mug, 1);

        Map<String, Object> order = shop.checkout(null, buyer, lines);
        String number = order.get("number").toString();
        withSubject(awaitEmails(buyer, 1), "We received your order " + number);
        shop.pay(null, order, "SUCCEED");
        List<MimeMessage> paid = awaitEmails(buyer, 2);
        shop.fulfil(order.get("id"), "start", Map.of());
        shop.fulfil(order.get("id"), "ship", Map.of("carrier", "UPS", "trackingNumber", "1Z999AA10123456784"));
        awaitEmails(buyer, 3);
        shop.fulfil(order.get("id"), "deliver", Map.of());
        List<MimeMessage> all = awaitEmails(buyer, 4);

        MimeMessage confirmation = withSubject(paid, "Your order is confirmed (" + number + ")");
        assertThat(text(confirmation)).contains("2 x Desk lamp (Brass) [SKU " + shop.sku(kettle) + "] at 20.00 USD = 40.00 USD")
                .contains("1 x Desk lamp (Brass) [SKU " + shop.sku(mug) + "] at 10.00 USD = 10.00 USD")
                .contains("Subtotal: " + money(order, "subtotal")).contains("Shipping: " + money(order, "shipping"))
                .contains("Tax: " + money(order, "tax")).contains("Total:    " + money(order, "total"))
                .contains("1 Compiler Road");
        assertThat(money(order, "tax")).isNotEqualTo("0.00 USD");
        assertThat(html(confirmation)).contains("Grace &lt;Hopper&gt;").doesNotContain("<Hopper>")
                .contains(money(order, "total"));
        MimeMessage shipped = withSubject(all, "Your order " + number + " has shipped");
        assertThat(text(shipped)).contains("Carrier:         UPS")
                .contains("https://www.ups.com/track?tracknum=1Z999AA10123456784");
        assertThat(html(shipped)).contains("href=\"https://www.ups.com/track?tracknum=1Z999AA10123456784\"");
        withSubject(all, "Your order " + number + " was delivered");

        MimeMessage kettlesNotice = awaitEmails(kettlesContact, 1).get(0);
        assertThat(kettlesNotice.getSubject()).isEqualTo("New order " + number);
        assertThat(text(kettlesNotice)).contains(shop.sku(kettle)).doesNotContain(shop.sku(mug))
                .contains("Your lines: 40.00 USD").contains("1 Compiler Road");
        assertThat(text(awaitEmails(mugsSeller, 1).get(0))).contains(shop.sku(mug)).doesNotContain(shop.sku(kettle));
        assertThat(rows(order.get("id"), "SENT")).isEqualTo(6);

        // Every event of the order comes again (same ids): nothing more is recorded or sent.
        double before = duplicates();
        // placed, paid, and the moves to paid, fulfilling, shipped and delivered
        assertThat(redeliver(order.get("id"))).isGreaterThanOrEqualTo(6);
        await().atMost(Shop.DELIVERY).until(() -> duplicates() >= before + 6);
        // The unique key holds even when an event's handled mark is gone (a purge, a replayed dead letter).
        db.sql("DELETE FROM processed_events WHERE handler = 'notifications.order-status' AND event_id IN "
                        + "(SELECT id FROM outbox_events WHERE event_key = :key)")
                .bind("key", order.get("id").toString()).then().block();
        double handled = handled("notifications.order-status");
        redeliver(order.get("id"));
        await().atMost(Shop.DELIVERY).until(() -> handled("notifications.order-status") >= handled + 4);
        assertThat(rows(order.get("id"), null)).isEqualTo(6);
        assertThat(received(buyer)).hasSize(4);
        assertThat(received(kettlesContact)).hasSize(1);
        assertThat(received(mugsSeller)).hasSize(1);
    }

    @Test
    void aPaidOrderCancelledAndRefundedTellsTheBuyerWhyAndHowMuch() throws Exception {
        String contact = address("lamps");
        UUID lamps = shop.merchantWithContact(contact);
        UUID lamp = shop.variant(lamps, 20, 4200);
        UUID customer = shop.customer();
        String token = shop.token(customer);
        String buyer = "buyer-" + customer + "@example.com";

        Map<String, Object> order = shop.checkout(token, null, Map.of(lamp, 1));
        String number = order.get("number").toString();
        String payment = shop.pay(token, order, "SUCCEED");
        awaitEmails(buyer, 2);
        shop.cancel(order.get("id"), "Out of <stock> at the warehouse");
        MimeMessage cancelled = withSubject(awaitEmails(buyer, 3), "Your order " + number + " was cancelled");
        assertThat(text(cancelled)).contains("Reason: Out of <stock> at the warehouse")
                .contains("Your payment of " + money(order, "total") + " will be refunded");
        assertThat(html(cancelled)).contains("Out of &lt;stock&gt;");

        shop.refund(payment, null);
        MimeMessage refunded = withSubject(awaitEmails(buyer, 4), "Your order " + number + " was refunded");
        assertThat(text(refunded)).contains("We have refunded order " + number + " in full.")
                .contains("Refunded now:    " + money(order, "total"));
        assertThat(shop.status(order.get("id"))).isEqualTo("CANCELLED");
        assertThat(awaitEmails(contact, 1).get(0).getSubject()).isEqualTo("New order " + number);

        double before = duplicates();
        // placed, paid, refunded, and the moves to paid and cancelled
        assertThat(redeliver(order.get("id"))).isGreaterThanOrEqualTo(5);
        await().atMost(Shop.DELIVERY).until(() -> duplicates() >= before + 5);
        assertThat(rows(order.get("id"), null)).isEqualTo(5);
        assertThat(received(buyer)).hasSize(4);
    }

    @Test
    void aFailedPaymentLinksToPayingAgainAndTheSecondPaymentConfirmsTheOrder() throws Exception {
        UUID lamps = shop.merchantWithContact(address("declined"));
        UUID lamp = shop.variant(lamps, 20, 900);
        String buyer = address("declined-buyer");
        Map<String, Object> order = shop.checkout(null, buyer, Map.of(lamp, 1));
        String number = order.get("number").toString();

        shop.pay(null, order, "FAIL");
        MimeMessage failed = withSubject(awaitEmails(buyer, 2), "Your payment for order " + number + " did not go through");
        assertThat(text(failed)).contains("http://localhost:3000/orders/" + order.get("id") + "/pay")
                .contains("you have not been charged");
        assertThat(shop.status(order.get("id"))).isEqualTo("PENDING_PAYMENT");

        shop.pay(null, order, "SUCCEED");
        withSubject(awaitEmails(buyer, 3), "Your order is confirmed (" + number + ")");
    }

    @Test
    void anSmtpOutageDelaysTheShippedEmailWhichArrivesOnce() throws Exception {
        UUID lamps = shop.merchantWithContact(address("outage"));
        UUID lamp = shop.variant(lamps, 20, 1500);
        String buyer = address("patient");
        Map<String, Object> order = shop.checkout(null, buyer, Map.of(lamp, 1));
        shop.pay(null, order, "SUCCEED");
        awaitEmails(buyer, 2);
        shop.fulfil(order.get("id"), "start", Map.of());
        double retries = counter("order-shipped", "retry");

        TestMailServer.stop();
        try {
            shop.fulfil(order.get("id"), "ship", Map.of("carrier", "Pigeon Post", "trackingNumber", "PP-1"));
            await().atMost(Shop.DELIVERY).until(() -> attempts(order.get("id"), "order-shipped") >= 2);
            assertThat(counter("order-shipped", "retry")).isGreaterThan(retries);
            assertThat(lastError(order.get("id"), "order-shipped")).isNotBlank();
        } finally {
            TestMailServer.restore();
        }

        MimeMessage shipped = awaitEmails(buyer, 1).get(0); // the restored server's first: the delayed one
        assertThat(text(shipped)).contains("Carrier:         Pigeon Post")
                .contains("https://www.google.com/search?q=Pigeon%20Post+PP-1");
        await().atMost(Shop.DELIVERY).until(() -> rows(order.get("id"), "SENT") == 4); // received, paid, shipped, and the merchant's notice
        assertThat(received(buyer)).hasSize(1);
    }

    private long rows(Object orderId, String status) {
        return db.sql("SELECT count(*) FROM notifications WHERE order_id = :o"
                        + (status == null ? "" : " AND status = '" + status + "'"))
                .bind("o", UUID.fromString(orderId.toString())).map(row -> ((Number) row.get(0)).longValue()).one()
                .block();
    }

    private int attempts(Object orderId, String template) {
        return db.sql("SELECT attempts FROM notifications WHERE order_id = :o AND template = :t")
                .bind("o", UUID.fromString(orderId.toString())).bind("t", template)
                .map(row -> row.get(0, Integer.class)).one().defaultIfEmpty(0).block();
    }

    private String lastError(Object orderId, String template) {
        return db.sql("SELECT last_error FROM notifications WHERE order_id = :o AND template = :t")
                .bind("o", UUID.fromString(orderId.toString())).bind("t", template)
                .map(row -> row.get(0, String.class)).one().block();
    }

    /** Publishes every event of the order again, with the ids they had; answers how many. */
    private int redeliver(Object orderId) {
        List<OutboundMessage> messages = db.sql("""
                SELECT id, topic, event_key, event_type, payload::text AS payload FROM outbox_events
                WHERE event_key = :key ORDER BY created_at, id""")
                .bind("key", orderId.toString())
                .map(row -> new OutboundMessage(row.get("id", UUID.class), row.get("topic", String.class),
                        row.get("event_key", String.class), row.get("event_type", String.class),
                        row.get("payload", String.class).getBytes(StandardCharsets.UTF_8), Map.of()))
                .all().collectList().block();
        assertThat(transport.publish(messages).block(Duration.ofSeconds(10))).isEmpty();
        return messages.size();
    }

    private double duplicates() {
        return meters.find("surge.events.consumed").tag("outcome", "duplicate").counters().stream()
                .filter(counter -> counter.getId().getTag("handler").startsWith("notifications."))
                .mapToDouble(counter -> counter.count()).sum();
    }

    private double handled(String handler) {
        var counter = meters.find("surge.events.consumed").tags("handler", handler, "outcome", "handled").counter();
        return counter == null ? 0 : counter.count();
    }

    private double counter(String template, String outcome) {
        var counter = meters.find("surge.notifications.sent").tags("template", template, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @SuppressWarnings("unchecked")
    private static String money(Map<String, Object> order, String field) {
        Map<String, Object> amount = (Map<String, Object>) order.get(field);
        return BigDecimal.valueOf(((Number) amount.get("amountMinor")).longValue(), 2).toPlainString() + " "
                + amount.get("currency");
    }
}
