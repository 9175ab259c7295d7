package dev.surge.reporting.sales.domain;

import dev.surge.orders.OrderEvents;
import dev.surge.orders.OrderPaid;
import dev.surge.orders.OrderPlaced;
import dev.surge.orders.OrderRefunded;
import dev.surge.orders.OrderStatus;
import dev.surge.orders.OrderStatusChanged;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The orders' events that move the sales figures: a payment, a refund, a status change (a refund taken back moves
 * the order's status). Each refreshes the order's facts from the order as it now is (see {@link SalesFeed}); a
 * checkout is counted once per order for the conversion report and the business meters. Names never change: they are the consumer groups and idempotency
 * keys.
 */
@Configuration(proxyBeanMethods = false)
class SalesHandlers {

    @Bean
    EventHandler<OrderPaid> reportingOrderPaid(SalesFeed feed) {
        return EventHandlers.of("reporting.sales.paid", OrderEvents.TOPIC, OrderPaid.class,
                (event, metadata) -> feed.paid(event.orderId(), event.amount()));
    }

    @Bean
    EventHandler<OrderRefunded> reportingOrderRefunded(SalesFeed feed) {
        return EventHandlers.of("reporting.sales.refunded", OrderEvents.TOPIC, OrderRefunded.class,
                (event, metadata) -> feed.refresh(event.orderId()));
    }

    /**
     * Every move refreshes the order's facts, except a payment's (pending to paid): that move is only ever written
     * together with its {@link OrderPaid}, whose handler above refreshes the same facts; a second refresh would
     * only read the order and its facts again to find them equal.
     */
    @Bean
    EventHandler<OrderStatusChanged> reportingOrderStatusChanged(SalesFeed feed) {
        return EventHandlers.of("reporting.sales.status", OrderEvents.TOPIC, OrderStatusChanged.class,
                event -> !(event.from() == OrderStatus.PENDING_PAYMENT && event.to() == OrderStatus.PAID),
                (event, metadata) -> feed.refresh(event.orderId()));
    }

    @Bean
    EventHandler<OrderPlaced> reportingOrderPlaced(SalesFeed feed) {
        return EventHandlers.of("reporting.sales.placed", OrderEvents.TOPIC, OrderPlaced.class,
                (event, metadata) -> feed.placed(event), (events, metadata) -> feed.placedAll(events));
    }
}
