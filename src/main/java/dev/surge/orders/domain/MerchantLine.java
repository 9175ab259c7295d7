package dev.surge.orders.domain;

import dev.surge.orders.OrderStatus;
import java.time.Instant;
import java.util.UUID;

/** A merchant's line of an order, for the seller's view. */
public record MerchantLine(UUID orderId, String number, OrderStatus status, Instant orderedAt, OrderLine line) {
}
