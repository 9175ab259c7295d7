package dev.surge.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.identity.IdentityApi;
import dev.surge.notifications.config.NotificationsProperties;
import dev.surge.notifications.mail.Email;
import dev.surge.orders.OrderDetails;
import dev.surge.orders.OrderPaid;
import dev.surge.orders.OrderRefunded;
import dev.surge.orders.OrderStatus;
import dev.surge.orders.OrderStatusChanged;
import dev.surge.platform.persistence.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Every lifecycle email renders from an order with its lines, totals, address and links, escaped. */
class OrderNoticesTests {

    private static final UUID KETTLES = UUID.randomUUID();
    private static final UUID MUGS = UUID.randomUUID();

    private final NotificationsProperties properties = TestProperties.of("Surge <no-reply@shop.example>",
            "https://shop.example", 1);
    private final EmailRenderer renderer = new EmailRenderer(properties);
    private final IdentityApi identity = new IdentityApi() {
        @Override
        public Mono<String> email(UUID userId) {
            return Mono.empty();
        }

        @Override
        public Mono<MerchantContact> merchantContact(UUID merchantId) {
            return Mono.just(merchantId.equals(KETTLES)
                    ? new MerchantContact(merchantId, "Kettles <Ltd>", List.of("kettles@example.com"))
                    : new MerchantContact(merchantId, "Mugs", List.of("mugs-a@example.com", "mugs-b@example.com")));
        }
    };
    private final OrderNotices notices = new OrderNotices(new OrderModels(properties), identity);
    private final OrderDetails order = order(OrderStatus.SHIPPED);

    @Test
    void paidTellsTheBuyerAndEachMerchantContactOnlyItsOwnLines() {
        List<Notice> all = notices.paid(new OrderPaid(order.id(), order.number(), null, order.email(), usd(5850),
                "ref"), order).block();

        assertThat(all).extracting(Notice::recipient).containsExactly("buyer@example.com", "kettles@example.com",
                "mugs-a@example.com", "mugs-b@example.com");
        Email buyer = render(all.get(0));
        assertThat(buyer.subject()).isEqualTo("Your order is confirmed (SO-1001)");
        assertThat(buyer.text()).contains("2 x Kettle <Steel> (1.7 l) [SKU K-1] at 20.00 USD = 40.00 USD")
                .contains("1 x Mug [SKU M-1] at 10.00 USD = 10.00 USD").contains("Subtotal: 50.00 USD")
                .contains("Shipping: 5.00 USD").contains("Tax: 3.50 USD").contains("Total:    58.50 USD")
                .contains("Grace <Hopper>").contains("1 Compiler Road").contains("Kettle & Co");
        assertThat(buyer.html()).contains("Kettle &lt;Steel&gt;").contains("Grace &lt;Hopper&gt;")
                .doesNotContain("<Steel>").doesNotContain("<Hopper>");
        Email kettles = render(all.get(1));
        assertThat(kettles.subject()).isEqualTo("New order SO-1001");
        assertThat(kettles.text()).contains("Hello Kettles <Ltd>,").contains("K-1").doesNotContain("M-1")
                .contains("Your lines: 40.00 USD");
        assertThat(kettles.html()).contains("Hello Kettles &lt;Ltd&gt;,");
    }

    @Test
    void shippedLinksToTheCarriersTrackingPage() {
        Notice ups = notices.statusChanged(changed(OrderStatus.SHIPPED, null), order).get(0);
        Email email = render(ups);

        assertThat(email.subject()).isEqualTo("Your order SO-1001 has shipped");
        assertThat(email.text()).contains("Carrier:         UPS").contains("1Z 999&<")
                .contains("https://ups.example/track?n=1Z%20999%26%3C");
        assertThat(email.html()).contains("href=\"https://ups.example/track?n=1Z%20999%26%3C\"");
    }

    @Test
    void cancelledSaysWhyAndWhatHappensToTheMoney() {
        Email paid = render(notices.statusChanged(changed(OrderStatus.CANCELLED, "Out of <stock>"), order).get(0));
        assertThat(paid.text()).contains("Reason: Out of <stock>").contains("Your payment of 58.50 USD will be refunded");
        assertThat(paid.html()).contains("Reason: Out of &lt;stock&gt;");

        OrderDetails unpaid = order(OrderStatus.PENDING_PAYMENT);
        Email notCharged = render(notices.statusChanged(changed(OrderStatus.CANCELLED, null), unpaid).get(0));
        assertThat(notCharged.text()).contains("You have not been charged.").doesNotContain("Reason:");
    }

    @Test
    void refundsSayPartOrAllAndHowMuch() {
        Email part = render(notices.refunded(new OrderRefunded(order.id(), order.number(), usd(1000), usd(1000), false,
                "re_1", Instant.now()), order).get(0));
        assertThat(part.subject()).isEqualTo("Part of your order SO-1001 was refunded: 10.00 USD");
        assertThat(part.text()).contains("We have refunded part of order SO-1001.").contains("Refunded now:    10.00 USD");

        Email full = render(notices.refunded(new OrderRefunded(order.id(), order.number(), usd(4850), usd(5850), true,
                "re_2", Instant.now()), order).get(0));
        assertThat(full.text()).contains("We have refunded order SO-1001 in full.").contains("Refunded in all: 58.50 USD");
    }

    @Test
    void otherMovesSendNothing() {
        assertThat(notices.statusChanged(changed(OrderStatus.FULFILLING, null), order)).isEmpty();
        assertThat(notices.statusChanged(changed(OrderStatus.EXPIRED, null), order)).isEmpty();
    }

    @Test
    void aFailedPaymentLinksToPayingAgainWhileTheOrderWaits() {
        OrderDetails pending = order(OrderStatus.PENDING_PAYMENT);
        Email email = render(notices.paymentFailed(new dev.surge.payments.PaymentFailed(UUID.randomUUID(), pending.id(),
                "sandbox", Instant.now()), pending).get(0));
        assertThat(email.text()).contains("https://shop.example/orders/" + pending.id() + "/pay")
                .contains("1 March 2026, 10:00 UTC");

        assertThat(notices.paymentFailed(new dev.surge.payments.PaymentFailed(UUID.randomUUID(), order.id(), "sandbox",
                Instant.now()), order)).isEmpty();
    }

    private Email render(Notice notice) {
        return renderer.email(notice.recipient(), notice.subject(), notice.template(), notice.model(), null);
    }

    private OrderStatusChanged changed(OrderStatus to, String reason) {
        return new OrderStatusChanged(order.id(), order.number(), OrderStatus.PAID, to, null, "ADMIN", reason, 3,
                Instant.now());
    }

    private static OrderDetails order(OrderStatus status) {
        boolean paid = status != OrderStatus.PENDING_PAYMENT;
        return new OrderDetails(UUID.randomUUID(), "SO-1001", null, "buyer@example.com", status, usd(5000), usd(350),
                usd(500), usd(5850), false, new BigDecimal("7.0"),
                new OrderDetails.Address("Grace <Hopper>", "1 Compiler Road", null, "Arlington", "VA", "22201", "US"),
                paid ? usd(5850) : null, usd(0), paid ? "UPS" : null, paid ? "1Z 999&<" : null, Instant.now(),
                Instant.parse("2026-03-01T10:00:00Z"), List.of(
                        new OrderDetails.Line(UUID.randomUUID(), KETTLES, "K-1", "Kettle <Steel>", "1.7 l", 2,
                                usd(2000), usd(4000), usd(280)),
                        new OrderDetails.Line(UUID.randomUUID(), MUGS, "M-1", "Mug", null, 1, usd(1000), usd(1000),
                                usd(70))));
    }

    private static Money usd(long minor) {
        return new Money(minor, "USD");
    }

}
