package dev.surge.orders;

import static dev.surge.orders.OrderStatus.CANCELLED;
import static dev.surge.orders.OrderStatus.DELIVERED;
import static dev.surge.orders.OrderStatus.EXPIRED;
import static dev.surge.orders.OrderStatus.FULFILLING;
import static dev.surge.orders.OrderStatus.PAID;
import static dev.surge.orders.OrderStatus.PARTIALLY_REFUNDED;
import static dev.surge.orders.OrderStatus.PENDING_PAYMENT;
import static dev.surge.orders.OrderStatus.REFUNDED;
import static dev.surge.orders.OrderStatus.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderStatusTests {

    /** The whole machine, written out: every pair not listed here must be refused. */
    private static final Map<OrderStatus, Set<OrderStatus>> ALLOWED = Map.of(
            PENDING_PAYMENT, EnumSet.of(PAID, CANCELLED, EXPIRED),
            PAID, EnumSet.of(FULFILLING, CANCELLED, REFUNDED, PARTIALLY_REFUNDED),
            FULFILLING, EnumSet.of(SHIPPED, REFUNDED, PARTIALLY_REFUNDED),
            SHIPPED, EnumSet.of(DELIVERED, REFUNDED, PARTIALLY_REFUNDED),
            DELIVERED, EnumSet.of(REFUNDED, PARTIALLY_REFUNDED),
            PARTIALLY_REFUNDED, EnumSet.of(PARTIALLY_REFUNDED, REFUNDED),
            CANCELLED, EnumSet.noneOf(OrderStatus.class),
            EXPIRED, EnumSet.noneOf(OrderStatus.class),
            REFUNDED, EnumSet.noneOf(OrderStatus.class));

    @Test
    void everyPairIsAllowedOrRefusedExactlyAsTheTableSays() {
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                assertThat(from.canTransitionTo(to)).as(from + " → " + to).isEqualTo(ALLOWED.get(from).contains(to));
            }
        }
    }

    @Test
    void nothingLeadsBackToPendingPaymentAndRefundsNeverReenterFulfilment() {
        for (OrderStatus from : OrderStatus.values()) {
            assertThat(from.canTransitionTo(PENDING_PAYMENT)).isFalse();
        }
        assertThat(SHIPPED.canTransitionTo(PENDING_PAYMENT)).isFalse();
        assertThat(PARTIALLY_REFUNDED.next()).doesNotContain(FULFILLING, SHIPPED, DELIVERED);
        assertThat(CANCELLED.isFinal()).isTrue();
        assertThat(EXPIRED.isFinal()).isTrue();
        assertThat(REFUNDED.isFinal()).isTrue();
    }
}
