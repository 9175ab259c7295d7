package dev.surge.payments.domain;

import dev.surge.orders.OrderEvents;
import dev.surge.orders.OrderStatusChanged;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How payments hear that an order no longer waits for its payment: orders publish every move through the
 * outbox ({@link OrderStatusChanged}), and an unpaid order that expired or was cancelled has its open
 * payments scheduled for cancellation ({@link PaymentCancellations}). Applied once per event by the platform's
 * consumers (retried, dead-lettered if it keeps failing); scheduling is once per payment besides.
 */
@Configuration(proxyBeanMethods = false)
class UnsoldOrders {

    @Bean
    EventHandler<OrderStatusChanged> unsoldOrderPayments(PaymentCancellations cancellations) {
        return EventHandlers.of("payments.unsold-order", OrderEvents.TOPIC, OrderStatusChanged.class,
                PaymentCancellations::closesUnpaid, (event, metadata) -> cancellations.orderMoved(event));
    }
}
