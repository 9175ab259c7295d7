package dev.surge.cart.web;

import dev.surge.cart.domain.CartCoupons;
import dev.surge.cart.domain.CartEdits;
import dev.surge.cart.domain.CartErrors.CartItemNotFound;
import dev.surge.cart.domain.CartMerge;
import dev.surge.cart.domain.CartOwner;
import dev.surge.cart.domain.CartReads;
import dev.surge.cart.domain.CartView;
import dev.surge.cart.web.CartRequests.AddItemRequest;
import dev.surge.cart.web.CartRequests.CouponRequest;
import dev.surge.cart.web.CartRequests.UpdateItemRequest;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.web.RequestBodies;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The cart of whoever calls ({@link CartCallers}). Every operation of a signed-in caller who still carries
 * a guest token merges that guest cart first ({@link CartMerge#mergingFirst}).
 */
@Component
class CartHandler {

    private final CartReads reads;
    private final CartEdits edits;
    private final CartMerge merges;
    private final CartCallers callers;
    private final RequestBodies bodies;
    private final CartCoupons coupons;

    CartHandler(CartReads reads, CartEdits edits, CartMerge merges, CartCallers callers, RequestBodies bodies,
            CartCoupons coupons) {
        this.reads = reads;
        this.edits = edits;
        this.merges = merges;
        this.callers = callers;
        this.bodies = bodies;
        this.coupons = coupons;
    }

    /** Enters a coupon code; rate-limited per client address and account (guessing codes), malformed tries count too. */
    Mono<ServerResponse> applyCoupon(ServerRequest request) {
        return callers.couponAttempt(request).then(bodies.read(request, CouponRequest.class))
                .flatMap(body -> handle(request, owner -> coupons.apply(owner, body.code())));
    }

    Mono<ServerResponse> removeCoupon(ServerRequest request) {
        return handle(request, coupons::remove);
    }

    Mono<ServerResponse> get(ServerRequest request) {
        return handle(request, reads::read);
    }

    Mono<ServerResponse> add(ServerRequest request) {
        return bodies.read(request, AddItemRequest.class)
                .flatMap(body -> handle(request, owner -> edits.add(owner, body.variantId(), body.quantity(),
                        callers.beforeNewCart(request))));
    }

    Mono<ServerResponse> update(ServerRequest request) {
        UUID variantId = Ids.parseOrNull(request.pathVariable("variantId"));
        return bodies.read(request, UpdateItemRequest.class)
                .flatMap(body -> variantId == null ? Mono.error(new CartItemNotFound(null))
                        : handle(request, owner -> edits.setQuantity(owner, variantId, body.quantity())));
    }

    Mono<ServerResponse> remove(ServerRequest request) {
        UUID variantId = Ids.parseOrNull(request.pathVariable("variantId"));
        return handle(request, owner -> variantId == null ? reads.read(owner) : edits.remove(owner, variantId));
    }

    Mono<ServerResponse> clear(ServerRequest request) {
        return handle(request, edits::clear);
    }

    /** Explicit merge after sign-in; unlike the implicit one, a currency clash is answered (409). */
    Mono<ServerResponse> merge(ServerRequest request) {
        return callers.of(request).flatMap(caller -> merges.merge(caller.owner(), caller.token())
                .flatMap(view -> callers.respond(caller, view)));
    }

    private Mono<ServerResponse> handle(ServerRequest request, Function<CartOwner, Mono<CartView>> operation) {
        return callers.of(request).flatMap(caller -> merges.mergingFirst(caller.owner(), caller.token(), operation)
                .flatMap(view -> callers.respond(caller, view)));
    }
}
