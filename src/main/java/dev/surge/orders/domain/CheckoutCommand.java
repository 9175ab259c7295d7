package dev.surge.orders.domain;

import java.util.List;
import java.util.UUID;

/**
 * What a buyer sends to check out: contact email (required of guests), addresses (billing defaults to
 * shipping), and either explicit lines or none (then the caller's cart is ordered). Prices are never sent.
 */
public record CheckoutCommand(String email, Address shippingAddress, Address billingAddress, List<Line> lines) {

    public record Line(UUID variantId, Integer quantity) {
    }
}
