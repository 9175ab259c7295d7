package dev.surge.orders.domain;

import dev.surge.orders.OrderStatus;
import dev.surge.orders.OrdersApi;
import dev.surge.platform.persistence.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order with its lines, history and the money it owes back. {@code refundDue}: some of that money has
 * not been refunded yet (the list is loaded with the details). {@code dispute}: null, or where a dispute
 * (chargeback) of its payment stands: OPEN, WON or LOST. {@code discount}: what promotions took off (lines and
 * shipping; the subtotal is after it); {@code couponCode}: the code redeemed, if any.
 */
public record Order(UUID id, String number, UUID customerId, String email, OrderStatus status, String currency,
        int itemCount, Money subtotal, Money tax, Money shipping, Money total, boolean pricesIncludeTax,
        BigDecimal taxRate, Address shippingAddress, Address billingAddress, Instant expiresAt, Instant paidAt,
        Money paid, String paymentReference, Money refunded, boolean refundDue, String dispute, String carrier,
        String trackingNumber,
        Instant shippedAt, Instant deliveredAt, Instant closedAt, long version, Instant createdAt, Instant updatedAt,
        List<OrderLine> lines, List<StatusChange> history, List<RefundDue> refundsDue, Money discount,
        String couponCode) {

    public Order withDetails(List<OrderLine> lines, List<StatusChange> history, List<RefundDue> refundsDue) {
        return new Order(id, number, customerId, email, status, currency, itemCount, subtotal, tax, shipping, total,
                pricesIncludeTax, taxRate, shippingAddress, billingAddress, expiresAt, paidAt, paid, paymentReference,
                refunded, refundDue, dispute, carrier, trackingNumber, shippedAt, deliveredAt, closedAt, version, createdAt,
                updatedAt, List.copyOf(lines), List.copyOf(history), List.copyOf(refundsDue), discount, couponCode);
    }

    /** The order as payments see it. */
    public OrdersApi.OrderSummary summary() {
        return new OrdersApi.OrderSummary(id, number, status, customerId, email, total, paid, refunded);
    }
}
