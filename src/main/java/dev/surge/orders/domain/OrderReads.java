package dev.surge.orders.domain;

import dev.surge.orders.OrderStatus;
import dev.surge.orders.OrdersApi.OrderSummary;
import dev.surge.orders.data.OrderLists;
import dev.surge.orders.data.OrderQueries;
import dev.surge.platform.paging.Cursors;
import dev.surge.platform.paging.Page;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.ratelimit.RateLimitProperties;
import dev.surge.platform.ratelimit.RateLimiter;
import dev.surge.platform.security.MerchantAccess;
import dev.surge.platform.security.Principals;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads orders for whoever may see them: their customer, a guest with the confirmation's token, sellers, staff. */
@Service
public class OrderReads {

    private final OrderQueries orders;
    private final OrderLists lists;
    private final Cursors cursors;
    private final RateLimiter limits;

    OrderReads(OrderQueries orders, OrderLists lists, Cursors cursors, RateLimiter limits) {
        this.orders = orders;
        this.lists = lists;
        this.cursors = cursors;
        this.limits = limits;
    }

    /**
     * Which orders a list shows; empty statuses: all. Its text is part of the list's cursor scope, so a cursor
     * of one list does not page another.
     */
    public record Filter(UUID customerId, List<OrderStatus> statuses, String email, String number, Instant from,
            Instant to, boolean refundDue) {

        /** A customer's own orders. */
        public static Filter forCustomer(UUID customerId, List<OrderStatus> statuses) {
            return new Filter(customerId, statuses, null, null, null, null, false);
        }

        /** Every order, for staff; narrow it with the {@code with...} methods. */
        public static Filter forStaff(List<OrderStatus> statuses) {
            return new Filter(null, statuses, null, null, null, null, false);
        }

        public Filter withCustomer(UUID id) {
            return new Filter(id, statuses, email, number, from, to, refundDue);
        }

        public Filter withEmail(String contactEmail) {
            return new Filter(customerId, statuses, contactEmail, number, from, to, refundDue);
        }

        public Filter withNumber(String orderNumber) {
            return new Filter(customerId, statuses, email, orderNumber, from, to, refundDue);
        }

        /** Placed at or after {@code since} and before {@code until} (either null: open). */
        public Filter placedBetween(Instant since, Instant until) {
            return new Filter(customerId, statuses, email, number, since, until, refundDue);
        }

        public Filter withRefundDue(boolean onlyRefundDue) {
            return new Filter(customerId, statuses, email, number, from, to, onlyRefundDue);
        }
    }

    /** The customer's own order with lines and history; another customer's answers not found. */
    public Mono<Order> customerOrder(UUID customerId, UUID orderId) {
        return orders.detailed(orderId).map(OrderQueries.Detailed::order)
                .filter(order -> customerId.equals(order.customerId()))
                .switchIfEmpty(Mono.error(OrderErrors.OrderNotFound::new));
    }

    /**
     * A guest's order by its number, email and the token of its confirmation; any mismatch: not found. Each
     * lookup counts against the caller's address ({@code clientKey}) and against the order number from anywhere,
     * so a guessed token costs a lookup each.
     */
    public Mono<Order> guestOrder(GuestLookup lookup, String clientKey) {
        return Mono.fromCallable(lookup::validated)
                .flatMap(valid -> limits.consume(RateLimitProperties.ORDER_LOOKUP_IP, clientKey)
                        .then(limits.consume(RateLimitProperties.ORDER_LOOKUP_NUMBER, valid.number()))
                        .then(orders.findGuestOrder(valid.number(), valid.email(), OrderCodes.hash(valid.token()))))
                .switchIfEmpty(Mono.error(OrderErrors.OrderNotFound::new))
                .flatMap(orders::withDetails);
    }

    /** Any order, for staff. */
    public Mono<Order> anyOrder(UUID orderId) {
        return detailed(orderId).map(OrderQueries.Detailed::order);
    }

    /** Any order with its details and the names of the merchants whose lines it has, in one read. */
    Mono<OrderQueries.Detailed> detailed(UUID orderId) {
        return orders.detailed(orderId).switchIfEmpty(Mono.error(OrderErrors.OrderNotFound::new));
    }

    /** {@link #detailed(UUID)} of several orders in one read; an unknown id is left out. */
    Flux<OrderQueries.Detailed> detailed(Collection<UUID> orderIds) {
        return orderIds.isEmpty() ? Flux.empty() : orders.detailed(orderIds);
    }

    /** An order as payments see it. */
    Mono<OrderSummary> summary(UUID orderId) {
        return orders.find(orderId).switchIfEmpty(Mono.error(OrderErrors.OrderNotFound::new)).map(Order::summary);
    }

    /** Whether a guest proves the order is theirs (see {@link dev.surge.orders.OrdersApi#guestOwns}). */
    Mono<Boolean> guestOwns(UUID orderId, String email, String token) {
        if (email == null || token == null || email.isBlank() || token.isBlank()) {
            return Mono.just(false);
        }
        return orders.isGuestOrder(orderId, email.trim(), OrderCodes.hash(token.trim()));
    }

    /** Whether the customer received the product (see {@link dev.surge.orders.OrdersApi#deliveredTo}). */
    Mono<Boolean> deliveredTo(UUID customerId, UUID productId) {
        return orders.deliveredTo(customerId, productId);
    }

    /** A page of orders matching the filter, newest first (without lines: the list is a summary). */
    public Mono<Page<Order>> list(Filter filter, int limit, String cursor) {
        String scope = "orders:" + filter;
        UUID after = cursor == null ? null : afterId(cursors.decode(cursor, scope));
        return lists.page(filter, after, limit + 1).collectList()
                .map(rows -> rows.size() <= limit ? new Page<>(rows, null)
                        : new Page<>(rows.subList(0, limit),
                                cursors.encode(scope, List.of(rows.get(limit - 1).id().toString()))));
    }

    /**
     * A page of the merchant's order lines, newest orders first, for staff and the merchant's own sellers; to
     * anyone else the merchant answers as one that does not exist.
     */
    public Mono<Page<MerchantLine>> merchantLines(Principals caller, UUID merchantId, List<OrderStatus> statuses,
            int limit, String cursor) {
        if (!MerchantAccess.of(caller, merchantId).allowed()) {
            return Mono.error(new OrderErrors.MerchantNotFound());
        }
        String scope = "merchant-lines:" + merchantId + ":" + statuses;
        UUID afterOrder = null;
        int afterLine = 0;
        if (cursor != null) {
            List<String> keys = cursors.decode(cursor, scope);
            afterOrder = keys.size() == 2 ? Ids.parseOrNull(keys.get(0)) : null;
            try {
                afterLine = keys.size() == 2 ? Integer.parseInt(keys.get(1)) : 0;
            } catch (NumberFormatException e) {
                afterOrder = null;
            }
            if (afterOrder == null) {
                return Mono.error(new OrderErrors.InvalidCursor());
            }
        }
        return lists.merchantLines(merchantId, statuses, afterOrder, afterLine, limit + 1).collectList()
                .map(rows -> {
                    if (rows.size() <= limit) {
                        return new Page<>(rows, null);
                    }
                    MerchantLine last = rows.get(limit - 1);
                    return new Page<>(rows.subList(0, limit), cursors.encode(scope,
                            List.of(last.orderId().toString(), Integer.toString(last.line().lineNo()))));
                });
    }

    private static UUID afterId(List<String> keys) {
        UUID id = keys.size() == 1 ? Ids.parseOrNull(keys.get(0)) : null;
        if (id == null) {
            throw new OrderErrors.InvalidCursor();
        }
        return id;
    }
}
