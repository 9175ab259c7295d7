package dev.surge.orders.web;

import dev.surge.orders.OrderStatus;
import dev.surge.orders.data.OrderQueries;
import dev.surge.orders.domain.Actor;
import dev.surge.orders.domain.Buyer;
import dev.surge.orders.domain.CheckoutService;
import dev.surge.orders.domain.OrderErrors;
import dev.surge.orders.domain.OrderService;
import dev.surge.orders.web.OrderRequests.CancelRequest;
import dev.surge.orders.web.OrderRequests.CheckoutRequest;
import dev.surge.orders.web.OrderRequests.LookupRequest;
import dev.surge.orders.web.OrderRequests.ShipRequest;
import dev.surge.orders.web.OrderRequests.StatusRequest;
import dev.surge.orders.web.OrderResponses.MerchantLinePage;
import dev.surge.orders.web.OrderResponses.MerchantLineResponse;
import dev.surge.orders.web.OrderResponses.OrderPage;
import dev.surge.orders.web.OrderResponses.OrderResponse;
import dev.surge.orders.web.OrderResponses.OrderSummaryResponse;
import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.InvalidInputException;
import dev.surge.platform.errors.NotFoundException;
import dev.surge.platform.security.Principals;
import dev.surge.platform.web.PathIds;
import dev.surge.platform.web.QueryParams;
import dev.surge.platform.ratelimit.ClientIp;
import dev.surge.platform.ratelimit.RateLimitProperties;
import dev.surge.platform.ratelimit.RateLimiter;
import dev.surge.platform.web.RequestBodies;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Orders over HTTP: parses, checks who may ask, delegates, maps. */
@Component
class OrdersHandler {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String CART_TOKEN = "X-Cart-Token";
    static final String CART_COOKIE = "surge_cart";
    private static final int MAX_TEXT = 500;

    private final CheckoutService checkout;
    private final OrderService orders;
    private final RequestBodies bodies;
    private final RateLimiter limits;
    private final ClientIp clientIp;

    OrdersHandler(CheckoutService checkout, OrderService orders, RequestBodies bodies, RateLimiter limits,
            ClientIp clientIp) {
        this.checkout = checkout;
        this.orders = orders;
        this.bodies = bodies;
        this.limits = limits;
        this.clientIp = clientIp;
    }

    // ---- customers and guests

    Mono<ServerResponse> checkout(ServerRequest request) {
        String key = request.headers().firstHeader(IDEMPOTENCY_KEY);
        if (key == null || key.isBlank()) {
            return Mono.error(new InvalidInputException("idempotency_key_missing",
                    "Checkout needs an Idempotency-Key header", List.of()));
        }
        return buyer(request).flatMap(buyer -> bodies.read(request, CheckoutRequest.class)
                        .flatMap(body -> checkout.checkout(buyer, body.command(), key)))
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
        org.springframework.http.HttpCookie cookie = request.cookies().getFirst(CART_COOKIE);
        return cookie == null ? null : cookie.getValue();
    }

    static Mono<Buyer> buyer(ServerRequest request) {
        String token = cartToken(request);
        return Principals.optional().<Buyer>map(caller -> new Buyer.Customer(caller.userId()))
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
                .flatMap(caller -> orders.list(new OrderQueries.Filter(caller.userId(), statuses, null, null, null, null,
                        false), limit, cursor))
                .flatMap(page -> noStore(new OrderPage(page.items().stream().map(OrderSummaryResponse::of).toList(),
                        page.nextCursor())));
    }

    Mono<ServerResponse> mineOne(ServerRequest request) {
        UUID orderId = orderId(request);
        return Principals.current()
                .flatMap(caller -> orders.customerOrder(caller.userId(), orderId))
                .flatMap(order -> noStore(OrderResponse.forBuyer(order, null)));
    }

    Mono<ServerResponse> cancel(ServerRequest request) {
        UUID orderId = orderId(request);
        return Principals.current()
                .flatMap(caller -> optionalBody(request, CancelRequest.class, new CancelRequest(null))
                        .flatMap(body -> orders.cancelByCustomer(caller.userId(), orderId, text("reason", body.reason()))))
                .flatMap(order -> noStore(OrderResponse.forBuyer(order, null)));
    }

    Mono<ServerResponse> lookup(ServerRequest request) {
        return bodies.read(request, LookupRequest.class)
                .flatMap(body -> {
                    List<FieldViolation> violations = new ArrayList<>();
                    if (body.number() == null || body.number().isBlank() || body.number().length() > 40) {
                        violations.add(new FieldViolation("number", "required", "The order number is required"));
                    }
                    if (body.email() == null || body.email().isBlank() || body.email().length() > 254) {
                        violations.add(new FieldViolation("email", "required", "The order's email is required"));
                    }
                    if (body.token() == null || body.token().isBlank() || body.token().length() > 100) {
                        violations.add(new FieldViolation("token", "required", "The order's access token is required"));
                    }
                    if (!violations.isEmpty()) {
                        return Mono.error(new InvalidInputException("validation_failed", "The lookup is not valid",
                                violations));
                    }
                    String number = body.number().trim().toUpperCase(Locale.ROOT);
                    // Per address, and per order number from anywhere: a guessed token costs a lookup each.
                    return limits.consume(RateLimitProperties.ORDER_LOOKUP_IP, clientIp.limitKey(request))
                            .then(limits.consume(RateLimitProperties.ORDER_LOOKUP_NUMBER, number))
                            .then(orders.guestOrder(number, body.email().trim(), body.token().trim()));
                })
                .flatMap(order -> noStore(OrderResponse.forBuyer(order, null)));
    }

    // ---- sellers

    Mono<ServerResponse> merchantLines(ServerRequest request) {
        UUID merchantId = PathIds.required(request, "merchantId", MerchantNotFound::new);
        QueryParams params = QueryParams.of(request);
        List<OrderStatus> statuses = statuses(params);
        int limit = params.integer("limit", 50, 1, 200);
        String cursor = params.text("cursor").orElse(null);
        params.validate();
        return Principals.current()
                .flatMap(caller -> {
                    boolean staff = caller.hasAnyRole("ADMIN", "SUPER_ADMIN");
                    if (!staff && !merchantId.equals(caller.merchantId())) {
                        return Mono.error(new MerchantNotFound());
                    }
                    return orders.merchantLines(merchantId, statuses, limit, cursor);
                })
                .flatMap(page -> noStore(new MerchantLinePage(
                        page.items().stream().map(MerchantLineResponse::of).toList(), page.nextCursor())));
    }

    /** A merchant the caller does not belong to looks like one that does not exist. */
    static final class MerchantNotFound extends NotFoundException {
        MerchantNotFound() {
            super("merchant_not_found", "No such merchant");
        }
    }

    // ---- staff: fulfilment and administrators

    Mono<ServerResponse> staffList(ServerRequest request) {
        QueryParams params = QueryParams.of(request);
        List<OrderStatus> statuses = statuses(params);
        String email = params.text("email").orElse(null);
        String number = params.text("number").map(n -> n.toUpperCase(Locale.ROOT)).orElse(null);
        UUID customerId = uuid(params, "customerId");
        Instant from = instant(params, "from");
        Instant to = instant(params, "to");
        Boolean refundDue = params.bool("refundDue");
        int limit = params.integer("limit", 50, 1, 200);
        String cursor = params.text("cursor").orElse(null);
        params.validate();
        return orders.list(new OrderQueries.Filter(customerId, statuses, email, number, from, to,
                        Boolean.TRUE.equals(refundDue)), limit, cursor)
                .flatMap(page -> noStore(new OrderPage(page.items().stream().map(OrderSummaryResponse::of).toList(),
                        page.nextCursor())));
    }

    Mono<ServerResponse> staffOne(ServerRequest request) {
        return orders.anyOrder(orderId(request)).flatMap(order -> noStore(OrderResponse.of(order, null)));
    }

    Mono<ServerResponse> startFulfilment(ServerRequest request) {
        UUID orderId = orderId(request);
        return Principals.current()
                .flatMap(caller -> orders.startFulfilment(orderId, actor(caller)))
                .flatMap(order -> noStore(OrderResponse.of(order, null)));
    }

    Mono<ServerResponse> ship(ServerRequest request) {
        UUID orderId = orderId(request);
        return Principals.current()
                .flatMap(caller -> bodies.read(request, ShipRequest.class)
                        .flatMap(body -> {
                            shipping(body.carrier(), body.trackingNumber());
                            return orders.ship(orderId, actor(caller), body.carrier().trim(), body.trackingNumber().trim());
                        }))
                .flatMap(order -> noStore(OrderResponse.of(order, null)));
    }

    Mono<ServerResponse> deliver(ServerRequest request) {
        UUID orderId = orderId(request);
        return Principals.current()
                .flatMap(caller -> orders.deliver(orderId, actor(caller)))
                .flatMap(order -> noStore(OrderResponse.of(order, null)));
    }

    /**
     * An administrator moves an order within the state machine. Refunds are not a status to set: they
     * follow money actually returned through payments. Expiry is the system's.
     */
    Mono<ServerResponse> adminStatus(ServerRequest request) {
        UUID orderId = orderId(request);
        return Principals.current()
                .flatMap(caller -> bodies.read(request, StatusRequest.class)
                        .flatMap(body -> {
                            OrderStatus target = target(body.status());
                            Actor actor = actor(caller);
                            String reason = text("reason", body.reason());
                            return switch (target) {
                                case PAID -> orders.markPaidManually(orderId, actor, reason);
                                case CANCELLED -> orders.cancel(orderId, actor, reason);
                                case FULFILLING -> orders.startFulfilment(orderId, actor);
                                case SHIPPED -> {
                                    shipping(body.carrier(), body.trackingNumber());
                                    yield orders.ship(orderId, actor, body.carrier().trim(), body.trackingNumber().trim());
                                }
                                case DELIVERED -> orders.deliver(orderId, actor);
                                case REFUNDED, PARTIALLY_REFUNDED -> Mono.error(new OrderErrors.Unprocessable(
                                        "use_payments", "Refunds follow money returned through payments"));
                                default -> orders.anyOrder(orderId).flatMap(order -> Mono.error(
                                        new OrderErrors.IllegalTransition(order.status(), target)));
                            };
                        }))
                .flatMap(order -> noStore(OrderResponse.of(order, null)));
    }

    // ---- parsing

    private static OrderStatus target(String status) {
        try {
            return OrderStatus.valueOf(status == null ? "" : status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("validation_failed", "Unknown status",
                    List.of(new FieldViolation("status", "invalid", "One of " + List.of(OrderStatus.values()))));
        }
    }

    private static void shipping(String carrier, String trackingNumber) {
        List<FieldViolation> violations = new ArrayList<>();
        if (carrier == null || carrier.isBlank() || carrier.length() > 100) {
            violations.add(new FieldViolation("carrier", "required", "The carrier is required (at most 100 characters)"));
        }
        if (trackingNumber == null || trackingNumber.isBlank() || trackingNumber.length() > 100) {
            violations.add(new FieldViolation("trackingNumber", "required",
                    "The tracking number is required (at most 100 characters)"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException("validation_failed", "Shipping needs a carrier and a tracking number",
                    violations);
        }
    }

    private static String text(String field, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            throw new InvalidInputException("validation_failed", "Too long",
                    List.of(new FieldViolation(field, "too_long", "At most " + MAX_TEXT + " characters")));
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    private <T> Mono<T> optionalBody(ServerRequest request, Class<T> type, T empty) {
        boolean none = request.headers().contentLength().orElse(-1) == 0
                || request.headers().contentType().isEmpty();
        return none ? Mono.just(empty) : bodies.read(request, type).defaultIfEmpty(empty);
    }

    private static List<OrderStatus> statuses(QueryParams params) {
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

    private static UUID uuid(QueryParams params, String name) {
        return params.text(name).map(text -> {
            UUID id = dev.surge.platform.persistence.Ids.parseOrNull(text);
            if (id == null) {
                params.reject(name, "invalid", "Not a UUID");
            }
            return id;
        }).orElse(null);
    }

    private static Instant instant(QueryParams params, String name) {
        return params.text(name).map(text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                params.reject(name, "invalid", "An ISO-8601 instant, e.g. 2026-11-22T00:00:00Z");
                return null;
            }
        }).orElse(null);
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
