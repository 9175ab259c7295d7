package dev.surge.orders.domain;

import java.util.List;
import java.util.UUID;

/**
 * What a buyer sends to check out: contact email (required of guests), addresses (billing defaults to
 * shipping), and either explicit lines or none (then the caller's cart is ordered), and optionally a coupon code
 * (when left out, the code entered on the cart applies to a cart checkout). Prices are never sent.
 */
public record CheckoutCommand(String email, Address shippingAddress, Address billingAddress, List<Line> lines,
        String couponCode) {

    public CheckoutCommand(String email, Address shippingAddress, Address billingAddress, List<Line> lines) {
        this(email, shippingAddress, billingAddress, lines, null);
    }

    public record Line(UUID variantId, Integer quantity) {
    }
}
