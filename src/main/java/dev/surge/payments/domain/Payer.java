package dev.surge.payments.domain;

import dev.surge.platform.security.Principals;
import java.util.List;
import java.util.UUID;

/** Who asks about a payment: a signed-in customer, a guest proving an order, or staff (finance, admins). */
public sealed interface Payer {

    /** The roles that see and refund every payment. */
    List<String> STAFF_ROLES = List.of("FINANCE", "ADMIN", "SUPER_ADMIN");

    /** A signed-in caller: staff when they hold a staff role, else a customer asking about their own. */
    static Payer signedIn(Principals caller) {
        return caller.hasAnyRole(STAFF_ROLES.toArray(String[]::new))
                ? new Staff(caller.userId()) : new Customer(caller.userId());
    }

    record Customer(UUID userId) implements Payer {
    }

    /** A guest: the email of the order and the access token its confirmation carried. */
    record Guest(String email, String token) implements Payer {
    }

    record Staff(UUID userId) implements Payer {
    }
}
