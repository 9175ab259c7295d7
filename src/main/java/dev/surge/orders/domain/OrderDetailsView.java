package dev.surge.orders.domain;

import dev.surge.orders.OrderDetails;

/** An order as {@link OrderDetails}: what other modules may read of it. */
final class OrderDetailsView {

    private OrderDetailsView() {
    }

    static OrderDetails of(Order order) {
        Address address = order.shippingAddress();
        return new OrderDetails(order.id(), order.number(), order.customerId(), order.email(), order.status(),
                order.subtotal(), order.tax(), order.shipping(), order.total(), order.pricesIncludeTax(),
                order.taxRate(), address == null ? null : new OrderDetails.Address(address.name(), address.line1(),
                        address.line2(), address.city(), address.region(), address.postalCode(), address.country()),
                order.paid(), order.refunded(), order.carrier(), order.trackingNumber(), order.createdAt(),
                order.expiresAt(),
                order.lines().stream().map(line -> new OrderDetails.Line(line.variantId(), line.merchantId(),
                        line.sku(), line.productTitle(), line.variantTitle(), line.quantity(), line.unitPrice(),
                        line.lineTotal(), line.tax())).toList());
    }
}
