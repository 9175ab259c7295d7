package dev.surge.cart.web;

import dev.surge.cart.config.CartProperties;
import dev.surge.cart.domain.CartErrors.CartItemNotFound;
import dev.surge.cart.domain.CartOwner;
import dev.surge.cart.domain.CartService;
import dev.surge.cart.domain.CartTokens;
import dev.surge.cart.domain.CartView;
import dev.surge.cart.web.CartRequests.AddItemRequest;
import dev.surge.cart.web.CartRequests.UpdateItemRequest;
import dev.surge.platform.errors.SurgeException;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.Principals;
import dev.surge.platform.ratelimit.ClientIp;
import dev.surge.platform.ratelimit.RateLimitProperties;
import dev.surge.platform.ratelimit.RateLimiter;
import dev.surge.platform.web.RequestBodies;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The cart of whoever calls: the signed-in user's (bearer token) or a guest's (cart token in the
 * {@code X-Cart-Token} header or the {@code surge_cart} cookie; the header wins). A signed-in call that
 * still carries a guest token merges that guest cart first, so a cart is not lost at sign-in even when a
 * client forgets {@code POST /api/v1/cart/merge}.
 */
@Component
class CartHandler {

    static final String TOKEN_HEADER = "X-Cart-Token";
    static final String COOKIE = "surge_cart";
    /** Carts and checkout (which orders a guest's cart) read it; nothing else under /api/v1 does. */
    private static final String COOKIE_PATH = "/api/v1";
    private static final Logger log = LoggerFactory.getLogger(CartHandler.class);

    private final CartService carts;
    private final RequestBodies bodies;
    private final CartProperties properties;

    private final RateLimiter limits;
    private final ClientIp clientIp;

    CartHandler(CartService carts, RequestBodies bodies, CartProperties properties, RateLimiter limits,
            ClientIp clientIp) {
        this.carts = carts;
        this.bodies = bodies;
        this.properties = properties;
        this.limits = limits;
        this.clientIp = clientIp;
    }

    /**
     * Who is calling: {@code token} is a well-formed presented guest token (else null), {@code byCookie}
     * whether a token (of any shape) came in the cookie, which the answer may have to expire.
     */
    private record Caller(CartOwner owner, String token, boolean byCookie) {
    }

    Mono<ServerResponse> get(ServerRequest request) {
        return handle(request, carts::read);
    }

    Mono<ServerResponse> add(ServerRequest request) {
        return bodies.read(request, AddItemRequest.class)
                .flatMap(body -> handle(request, owner -> carts.add(owner, body.variantId(), body.quantity(),
                        // New guest carts live in Redis for days: a client address may only start so many.
                        limits.consume(RateLimitProperties.CART_CREATE_IP, clientIp.limitKey(request)))));
    }

    Mono<ServerResponse> update(ServerRequest request) {
        UUID variantId = Ids.parseOrNull(request.pathVariable("variantId"));
        return bodies.read(request, UpdateItemRequest.class)
                .flatMap(body -> variantId == null ? Mono.error(new CartItemNotFound(null))
                        : handle(request, owner -> carts.setQuantity(owner, variantId, body.quantity())));
    }

    Mono<ServerResponse> remove(ServerRequest request) {
        UUID variantId = Ids.parseOrNull(request.pathVariable("variantId"));
        return handle(request, owner -> variantId == null ? carts.read(owner) : carts.remove(owner, variantId));
    }

    Mono<ServerResponse> clear(ServerRequest request) {
        return handle(request, carts::clear);
    }

    /** Explicit merge after sign-in; unlike the implicit one, a currency clash is answered (409). */
    Mono<ServerResponse> merge(ServerRequest request) {
        return caller(request).flatMap(caller -> {
            if (!(caller.owner() instanceof CartOwner.User user)) {
                return Mono.error(new AuthenticationCredentialsNotFoundException("No bearer token"));
            }
            return carts.merge(user.userId(), caller.token()).flatMap(view -> respond(caller, view));
        });
    }

    private Mono<ServerResponse> handle(ServerRequest request, Function<CartOwner, Mono<CartView>> operation) {
        return caller(request).flatMap(caller -> {
            Mono<Void> first = Mono.empty();
            java.util.concurrent.atomic.AtomicBoolean keptGuestCart = new java.util.concurrent.atomic.AtomicBoolean();
            if (caller.owner() instanceof CartOwner.User user && caller.token() != null) {
                first = carts.absorb(user.userId(), caller.token()).onErrorResume(SurgeException.class, e -> {
                    // Not merged (another currency): the guest cart was put back, so its cookie must stay.
                    keptGuestCart.set(true);
                    log.debug("Guest cart not merged into the cart of {}: {}", user.userId(), e.code());
                    return Mono.empty();
                });
            }
            return first.then(Mono.defer(() -> operation.apply(caller.owner())))
                    .flatMap(view -> respond(keptGuestCart.get()
                            ? new Caller(caller.owner(), caller.token(), false) : caller, view));
        });
    }

    private Mono<Caller> caller(ServerRequest request) {
        String header = request.headers().firstHeader(TOKEN_HEADER);
        HttpCookie cookie = request.cookies().getFirst(COOKIE);
        String presented = header != null ? header : cookie != null ? cookie.getValue() : null;
        String token = CartTokens.wellFormed(presented) ? presented : null;
        boolean byCookie = header == null && cookie != null;
        return Principals.optional()
                .map(principal -> new Caller(new CartOwner.User(principal.userId()), token, byCookie))
                .defaultIfEmpty(new Caller(new CartOwner.Guest(token), token, byCookie));
    }

    /**
     * The cart, never cached. A live guest cart's token is echoed (header and cookie, the cookie's life
     * extended like the cart's); a cookie whose token no longer names a guest cart (unknown, expired,
     * merged) is expired.
     */
    private Mono<ServerResponse> respond(Caller caller, CartView view) {
        ServerResponse.BodyBuilder ok = ServerResponse.ok().cacheControl(CacheControl.noStore());
        if (view.guestToken() != null) {
            ok.header(TOKEN_HEADER, view.guestToken()).cookie(cookie(view.guestToken(), properties.guestTtl()));
        } else if (caller.byCookie()) {
            ok.cookie(cookie("", Duration.ZERO));
        }
        return ok.bodyValue(view.cart());
    }

    private ResponseCookie cookie(String value, Duration maxAge) {
        return ResponseCookie.from(COOKIE, value).httpOnly(true).secure(properties.cookieSecure()).sameSite("Lax")
                .path(COOKIE_PATH).maxAge(maxAge).build();
    }
}
