package dev.surge.invoicing.domain;

import dev.surge.orders.OrdersApi;
import dev.surge.platform.errors.NotFoundException;
import dev.surge.platform.ratelimit.RateLimitProperties;
import dev.surge.platform.ratelimit.RateLimiter;
import dev.surge.platform.security.Principals;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who may read an order's invoice and credit notes: finance and administrators any order's; a signed-in caller
 * the orders they placed; a guest the order whose email and access token (from its confirmation) they give, as
 * a guest's order lookup and payment do. Anyone else is told the order does not exist.
 */
@Component
public class DocumentAccess {

    static final List<String> STAFF = List.of("FINANCE", "ADMIN", "SUPER_ADMIN");

    private final OrdersApi orders;
    private final RateLimiter limits;

    DocumentAccess(OrdersApi orders, RateLimiter limits) {
        this.orders = orders;
        this.limits = limits;
    }

    /** Who asks. */
    public sealed interface Caller {

        /** A caller with a valid bearer token. */
        record SignedIn(Principals principals) implements Caller {
        }

        /** A guest with the order's email and access token; {@code clientKey} is their address for rate limits. */
        record Guest(String email, String token, String clientKey) implements Caller {
        }
    }

    /** Completes when the caller may read the order's documents, else {@code order_not_found}. */
    public Mono<Void> check(UUID orderId, Caller caller) {
        if (caller instanceof Caller.SignedIn signedIn) {
            Principals principals = signedIn.principals();
            if (principals.hasAnyRole(STAFF.toArray(String[]::new))) {
                return orders.find(orderId).onErrorMap(NotFoundException.class, e -> new InvoicingErrors.OrderNotFound())
                        .then();
            }
            return orders.find(orderId).onErrorMap(NotFoundException.class, e -> new InvoicingErrors.OrderNotFound())
                    .filter(order -> principals.userId().equals(order.customerId()))
                    .switchIfEmpty(Mono.error(InvoicingErrors.OrderNotFound::new))
                    .then();
        }
        Caller.Guest guest = (Caller.Guest) caller;
        // Every try counts against the address, as a guest's order lookup does (the token is 256 random bits).
        return limits.consume(RateLimitProperties.ORDER_LOOKUP_IP, guest.clientKey())
                .then(orders.guestOwns(orderId, guest.email(), guest.token()))
                .flatMap(owned -> owned ? Mono.<Void>empty() : Mono.error(new InvoicingErrors.OrderNotFound()));
    }
}
