package dev.surge.orders.web;

import dev.surge.orders.domain.Address;
import dev.surge.orders.domain.CheckoutCommand;
import dev.surge.orders.domain.GuestLookup;
import dev.surge.orders.domain.Shipment;
import java.util.List;

/** Request bodies of the orders API. */
final class OrderRequests {

    private OrderRequests() {
    }

    /**
     * Checkout: omit {@code lines} to order the caller's cart (guests send their cart token in {@code X-Cart-Token});
     * {@code couponCode} (any case) overrides the code entered on the cart.
     */
    record CheckoutRequest(String email, Address shippingAddress, Address billingAddress,
            List<CheckoutCommand.Line> lines, String couponCode) {

        CheckoutCommand command() {
            return new CheckoutCommand(email, shippingAddress, billingAddress, lines, couponCode);
        }
    }

    /** A guest reads an order with the number, email and token of its confirmation. */
    record LookupRequest(String number, String email, String token) {

        GuestLookup lookup() {
            return new GuestLookup(number, email, token);
        }
    }

    record CancelRequest(String reason) {
    }

    record ShipRequest(String carrier, String trackingNumber) {

        Shipment shipment() {
            return new Shipment(carrier, trackingNumber);
        }
    }

    /** An administrator moves an order; {@code carrier} and {@code trackingNumber} are for SHIPPED. */
    record StatusRequest(String status, String reason, String carrier, String trackingNumber) {

        Shipment shipment() {
            return new Shipment(carrier, trackingNumber);
        }
    }
}
