package dev.surge.orders;

import dev.surge.platform.persistence.Money;
import java.util.UUID;

/** An order's payment was accepted and its stock sold: fulfilment may start, the customer is told. */
public record OrderPaid(UUID orderId, String number, UUID customerId, String email, Money amount,
        String paymentReference) implements OrderEvent {
}
