package dev.surge.payments.domain;

import java.util.UUID;

/** Who asks about a payment: a signed-in customer, a guest proving an order, or staff (finance, admins). */
public sealed interface Payer {

    record Customer(UUID userId) implements Payer {
    }

    /** A guest: the email of the order and the access token its confirmation carried. */
    record Guest(String email, String token) implements Payer {
    }

    record Staff(UUID userId) implements Payer {
    }
}
