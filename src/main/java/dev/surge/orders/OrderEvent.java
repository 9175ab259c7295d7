package dev.surge.orders;

import dev.surge.platform.events.DomainEvent;
import java.util.UUID;

/** An event of one order: published on the orders topic and keyed by the order, so its events share a partition. */
public sealed interface OrderEvent extends DomainEvent permits OrderPlaced, OrderPaid, OrderStatusChanged, OrderRefunded {

    UUID orderId();

    @Override
    default String topic() {
        return OrderEvents.TOPIC;
    }

    @Override
    default String key() {
        return orderId().toString();
    }
}
