package dev.surge.orders.domain;

import dev.surge.orders.OrderDetails;
import java.util.Map;
import java.util.UUID;

/** An order as {@link OrderDetails}: what other modules may read of it. */
final class OrderDetailsView {

    private OrderDetailsView() {
    }

    /** The order with its lines; {@code merchantNames}: the names of the merchants of its lines, by id. */
    static OrderDetails of(Order order, Map<UUID, String> merchantNames) {
        return new OrderDetails(order.id(), order.number(), order.customerId(), order.email(), order.status(),
                order.subtotal(), order.tax(), order.shipping(), order.total(), order.pricesIncludeTax(),
                order.taxRate(), address(order.shippingAddress()), order.paid(), order.refunded(), order.carrier(),
                order.trackingNumber(), order.createdAt(), order.expiresAt(),
                order.lines().stream().map(line -> new OrderDetails.Line(line.variantId(), line.merchantId(),
                        line.sku(), line.productTitle(), line.variantTitle(), line.quantity(), line.unitPrice(),
                        line.lineTotal(), line.tax(), merchantNames.get(line.merchantId()), line.discount())).toList(),
                address(order.billingAddress()), order.paidAt(), order.discount());
    }

    private static OrderDetails.Address address(Address address) {
        return address == null ? null : new OrderDetails.Address(address.name(), address.line1(), address.line2(),
                address.city(), address.region(), address.postalCode(), address.country());
    }
}
