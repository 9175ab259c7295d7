package dev.surge.orders.web;

import dev.surge.orders.OrderStatus;
import dev.surge.orders.domain.Actor;
import dev.surge.orders.domain.Buyer;
import dev.surge.orders.domain.CheckoutService;
import dev.surge.orders.domain.OrderErrors;
import dev.surge.orders.domain.OrderReads;
import dev.surge.orders.domain.OrderTransitions;
import dev.surge.orders.web.OrderRequests.CancelRequest;
import dev.surge.orders.web.OrderRequests.CheckoutRequest;
import dev.surge.orders.web.OrderRequests.LookupRequest;
import dev.surge.orders.web.OrderRequests.ShipRequest;
import dev.surge.orders.web.OrderRequests.StatusRequest;
import dev.surge.orders.web.OrderResponses.MerchantLinePage;
import dev.surge.orders.web.OrderResponses.OrderPage;
import dev.surge.orders.web.OrderResponses.OrderResponse;
import dev.surge.platform.idempotency.Idempotency;
import dev.surge.platform.ratelimit.CallerLimits;
import dev.surge.platform.ratelimit.ClientIp;
import dev.surge.platform.ratelimit.RateLimitProperties;
import dev.surge.platform.security.Principals;
import dev.surge.platform.web.PathIds;
import dev.surge.platform.web.QueryParams;
import dev.surge.platform.web.RequestBodies;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Orders over HTTP: parses, delegates to one use case, maps. */
@Component
class OrdersHandler {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String CART_TOKEN = "X-Cart-Token";
    static final String CART_COOKIE = "surge_cart";
    private static final int MAX_TEXT = 500;

    private final CheckoutService checkout;
    private final OrderReads reads;
    private final OrderTransitions transitions;
    private final RequestBodies bodies;
    private final ClientIp clientIp;
    private final CallerLimits limits;

    OrdersHandler(CheckoutService checkout, OrderReads reads, OrderTransitions transitions, RequestBodies bodies,
            ClientIp clientIp, CallerLimits limits) {
        this.checkout = checkout;
        this.reads = reads;
        this.transitions = transitions;
        this.bodies = bodies;
        this.clientIp = clientIp;
        this.limits = limits;
    }

    // ---- customers and guests

    Mono<ServerResponse> checkout(ServerRequest request) {
        String key = request.headers().firstHeader(IDEMPOTENCY_KEY);
        if (key == null || key.isBlank()) {
            return Mono.error(new OrderErrors.IdempotencyKeyMissing());
        }
        return limits.consume(request, RateLimitProperties.CHECKOUT_IP, RateLimitProperties.CHECKOUT_ACCOUNT)
                .then(buyer(request))
                .flatMap(buyer -> bodies.read(request, CheckoutRequest.class)
                        .flatMap(body -> checkout.checkout(buyer, body.command(), key, Idempotency.firstUse(request))))
                .flatMap(placed -> ServerResponse.created(URI.create("/api/v1/orders/" + placed.order().id()))
                        .cacheControl(CacheControl.noStore())
                        .bodyValue(OrderResponse.forBuyer(placed.order(), placed.guestToken())));
    }

    /** The guest's cart token: the {@code X-Cart-Token} header, else the cart cookie (browsers). */
    static String cartToken(ServerRequest request) {
        String header = request.headers().firstHeader(CART_TOKEN);
        if (header != null) {
            return header;
        }
        HttpCookie cookie = request.cookies().getFirst(CART_COOKIE);
        return cookie == null ? null : cookie.getValue();
    }

    static Mono<Buyer> buyer(ServerRequest request) {
        String token = cartToken(request);
        return Principals.optional().<Buyer>map(caller -> new Buyer.Customer(caller.userId(), caller.email()))
                .defaultIfEmpty(new Buyer.Guest(token == null || token.isBlank() || token.length() > 100
                        ? null : token));
    }

    Mono<ServerResponse> mine(ServerRequest request) {
        QueryParams params = QueryParams.of(request);
        List<OrderStatus> statuses = statuses(params);
        int limit = params.integer("limit", 20, 1, 100);
        String cursor = params.text("cursor").orElse(null);
        params.validate();
        return Principals.current()
                .flatMap(caller -> reads.list(OrderReads.Filter.forCustomer(caller.userId(), statuses), limit, cursor))
                .flatMap(page -> noStore(OrderPage.of(page)));
    }

    Mono<ServerResponse> mineOne(ServerRequest request) {
        UUID orderId = orderId(request);
        return Principals.current()
                .flatMap(caller -> reads.customerOrder(caller.userId(), orderId))
                .flatMap(order -> noStore(OrderResponse.forBuyer(order, null)));
    }

    Mono<ServerResponse> cancel(ServerRequest request) {
        UUID orderId = orderId(request);
        return Principals.current()
                .flatMap(caller -> optionalBody(request, CancelRequest.class, new CancelRequest(null))
                        .flatMap(body -> transitions.cancelByCustomer(caller.userId(), orderId, text("reason", body.reason()))))
                .flatMap(order -> noStore(OrderResponse.forBuyer(order, null)));
    }

    Mono<ServerResponse> lookup(ServerRequest request) {
        return bodies.read(request, LookupRequest.class)
                .flatMap(body -> reads.guestOrder(body.lookup(), clientIp.limitKey(request)))
                .flatMap(order -> noStore(OrderResponse.forBuyer(order, null)));
    }

    // ---- sellers

    Mono<ServerResponse> merchantLines(ServerRequest request) {
        UUID merchantId = PathIds.required(request, "merchantId", OrderErrors.MerchantNotFound::new);
        QueryParams params = QueryParams.of(request);
        List<OrderStatus> statuses = statuses(params);
        int limit = params.integer("limit", 50, 1, 200);
        String cursor = params.text("cursor").orElse(null);
        params.validate();
        return Principals.current()
                .flatMap(caller -> reads.merchantLines(caller, merchantId, statuses, limit, cursor))
                .flatMap(page -> noStore(MerchantLinePage.of(page)));
    }

    // ---- staff: fulfilment and administrators

    Mono<ServerResponse> staffList(ServerRequest request) {
        QueryParams params = QueryParams.of(request);
        OrderReads.Filter filter = staffFilter(params);
        int limit = params.integer("limit", 50, 1, 200);
        String cursor = params.text("cursor").orElse(null);
        params.validate();
        return reads.list(filter, limit, cursor)
                .flatMap(page -> noStore(OrderPage.of(page)));
    }

    /** The staff order list's filters (also the order export's); call {@link QueryParams#validate()} after. */
    static OrderReads.Filter staffFilter(QueryParams params) {
        List<OrderStatus> statuses = statuses(params);
        String email = params.text("email").orElse(null);
        String number = params.text("number").map(n -> n.toUpperCase(Locale.ROOT)).orElse(null);
        UUID customerId = params.uuid("customerId");
        Instant from = params.instant("from");
        Instant to = params.instant("to");
        Boolean refundDue = params.bool("refundDue");
        return OrderReads.Filter.forStaff(statuses).withCustomer(customerId).withEmail(email)
                .withNumber(number).placedBetween(from, to).withRefundDue(Boolean.TRUE.equals(refundDue));
    }

    Mono<ServerResponse> staffOne(ServerRequest request) {
        return reads.anyOrder(orderId(request)).flatMap(order -> noStore(OrderResponse.of(order, null)));
    }

    Mono<ServerResponse> startFulfilment(ServerRequest request) {
        UUID orderId = orderId(request);
        return Principals.current()
                .flatMap(caller -> transitions.startFulfilment(orderId, actor(caller)))
                .flatMap(order -> noStore(OrderResponse.of(order, null)));
    }

    Mono<ServerResponse> ship(ServerRequest request) {
        UUID orderId = orderId(request);
        return Principals.current()
                .flatMap(caller -> bodies.read(request, ShipRequest.class)
                        .flatMap(body -> transitions.ship(orderId, actor(caller), body.shipment())))
                .flatMap(order -> noStore(OrderResponse.of(order, null)));
    }

    Mono<ServerResponse> deliver(ServerRequest request) {
        UUID orderId = orderId(request);
        return Principals.current()
                .flatMap(caller -> transitions.deliver(orderId, actor(caller)))
                .flatMap(order -> noStore(OrderResponse.of(order, null)));
    }

    /** An administrator moves an order within the state machine (see {@link OrderTransitions#setStatus}). */
    Mono<ServerResponse> adminStatus(ServerRequest request) {
        UUID orderId = orderId(request);
        return Principals.current()
                .flatMap(caller -> bodies.read(request, StatusRequest.class)
                        .flatMap(body -> transitions.setStatus(orderId, actor(caller), target(body.status()),
                                text("reason", body.reason()), body.shipment())))
                .flatMap(order -> noStore(OrderResponse.of(order, null)));
    }

    // ---- parsing

    private static OrderStatus target(String status) {
        try {
            return OrderStatus.valueOf(status == null ? "" : status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new OrderErrors.UnknownStatus();
        }
    }

    private static String text(String field, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            throw new OrderErrors.TextTooLong(field, MAX_TEXT);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    private <T> Mono<T> optionalBody(ServerRequest request, Class<T> type, T empty) {
        boolean none = request.headers().contentLength().orElse(-1) == 0
                || request.headers().contentType().isEmpty();
        return none ? Mono.just(empty) : bodies.read(request, type).defaultIfEmpty(empty);
    }

    static List<OrderStatus> statuses(QueryParams params) {
        List<OrderStatus> statuses = new ArrayList<>();
        params.text("status").ifPresent(text -> {
            for (String part : text.split(",")) {
                try {
                    statuses.add(OrderStatus.valueOf(part.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    params.reject("status", "invalid", "One or more of " + List.of(OrderStatus.values()));
                }
            }
        });
        return List.copyOf(statuses);
    }

    private static UUID orderId(ServerRequest request) {
        return PathIds.required(request, "orderId", OrderErrors.OrderNotFound::new);
    }

    private static Actor actor(Principals caller) {
        return new Actor(caller.userId(), caller.role());
    }

    private static Mono<ServerResponse> noStore(Object body) {
        return ServerResponse.ok().cacheControl(CacheControl.noStore()).bodyValue(body);
    }
}
