package dev.surge.orders.web;

import dev.surge.orders.OrderStatus;
import dev.surge.orders.domain.Address;
import dev.surge.orders.domain.MerchantLine;
import dev.surge.orders.domain.Order;
import dev.surge.orders.domain.OrderLine;
import dev.surge.orders.domain.RefundDue;
import dev.surge.orders.domain.StatusChange;
import dev.surge.platform.paging.Page;
import dev.surge.platform.persistence.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Response bodies of the orders API. */
final class OrderResponses {

    private OrderResponses() {
    }

    /**
     * An order. {@code guestAccessToken} appears once, in the checkout answer of a guest: with the number
     * and email it reads the order later. {@code dispute}: null, or OPEN, WON or LOST for a dispute
     * (chargeback) of its payment. {@code discount}: what promotions took off (the subtotal and line totals are
     * after it; each line shows its part), {@code couponCode}: the code redeemed, if any.
     */
    record OrderResponse(UUID id, String number, OrderStatus status, UUID customerId, String email, String currency,
            int itemCount, List<OrderLine> lines, Money subtotal, Money tax, Money shipping, Money total,
            boolean pricesIncludeTax, BigDecimal taxRate, Address shippingAddress, Address billingAddress,
            Instant expiresAt, Instant paidAt, Money paid, Money refunded, boolean refundDue,
            List<RefundDue> refundsDue, String dispute, String carrier, String trackingNumber, Instant shippedAt, Instant deliveredAt,
            Instant closedAt, List<StatusChange> history, Instant createdAt, Instant updatedAt,
            String guestAccessToken, Money discount, String couponCode) {

        /** The whole order, for staff. */
        static OrderResponse of(Order o, String guestAccessToken) {
            return of(o, o.history(), guestAccessToken);
        }

        /** The order as its buyer sees it: which staff account moved it is not theirs to know. */
        static OrderResponse forBuyer(Order o, String guestAccessToken) {
            List<StatusChange> history = o.history().stream()
                    .map(change -> change.actorId() == null || change.actorId().equals(o.customerId()) ? change
                            : new StatusChange(change.from(), change.to(), null, change.actorRole(), change.reason(),
                                    change.at()))
                    .toList();
            return of(o, history, guestAccessToken);
        }

        private static OrderResponse of(Order o, List<StatusChange> history, String guestAccessToken) {
            return new OrderResponse(o.id(), o.number(), o.status(), o.customerId(), o.email(), o.currency(),
                    o.itemCount(), o.lines(), o.subtotal(), o.tax(), o.shipping(), o.total(), o.pricesIncludeTax(),
                    o.taxRate(), o.shippingAddress(), o.billingAddress(), o.expiresAt(), o.paidAt(), o.paid(),
                    o.refunded(), o.refundDue(), o.refundsDue(), o.dispute(), o.carrier(), o.trackingNumber(), o.shippedAt(),
                    o.deliveredAt(), o.closedAt(), history, o.createdAt(), o.updatedAt(), guestAccessToken, o.discount(),
                    o.couponCode());
        }
    }

    /** An order in a list. */
    record OrderSummaryResponse(UUID id, String number, OrderStatus status, UUID customerId, String email,
            int itemCount, Money total, boolean refundDue, Instant expiresAt, Instant createdAt) {

        static OrderSummaryResponse of(Order o) {
            return new OrderSummaryResponse(o.id(), o.number(), o.status(), o.customerId(), o.email(), o.itemCount(),
                    o.total(), o.refundDue(), o.expiresAt(), o.createdAt());
        }
    }

    record OrderPage(List<OrderSummaryResponse> items, String nextCursor) {

        static OrderPage of(Page<Order> page) {
            return new OrderPage(page.items().stream().map(OrderSummaryResponse::of).toList(), page.nextCursor());
        }
    }

    /** One of a merchant's order lines with the order it belongs to. */
    record MerchantLineResponse(UUID orderId, String orderNumber, OrderStatus orderStatus, Instant orderedAt,
            OrderLine line) {

        static MerchantLineResponse of(MerchantLine line) {
            return new MerchantLineResponse(line.orderId(), line.number(), line.status(), line.orderedAt(), line.line());
        }
    }

    record MerchantLinePage(List<MerchantLineResponse> items, String nextCursor) {

        static MerchantLinePage of(Page<MerchantLine> page) {
            return new MerchantLinePage(page.items().stream().map(MerchantLineResponse::of).toList(), page.nextCursor());
        }
    }
}
