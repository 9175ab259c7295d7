package dev.surge.cart.web;

import dev.surge.cart.config.CartProperties;
import dev.surge.cart.domain.CartOwner;
import dev.surge.cart.domain.CartTokens;
import dev.surge.cart.domain.CartView;
import dev.surge.platform.ratelimit.ClientIp;
import dev.surge.platform.ratelimit.RateLimitProperties;
import dev.surge.platform.ratelimit.RateLimiter;
import dev.surge.platform.security.Principals;
import dev.surge.platform.web.JsonResponse;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who calls the cart API and how the answer carries the guest token: the signed-in user's cart (bearer
 * token) or a guest's (cart token in the {@code X-Cart-Token} header or the {@code surge_cart} cookie; the
 * header wins).
 */
@Component
class CartCallers {

    static final String TOKEN_HEADER = "X-Cart-Token";
    static final String COOKIE = "surge_cart";
    /** Carts and checkout (which orders a guest's cart) read it; nothing else under /api/v1 does. */
    private static final String COOKIE_PATH = "/api/v1";

    private static final String NO_STORE = CacheControl.noStore().getHeaderValue();

    private final CartProperties properties;
    private final RateLimiter limits;
    private final ClientIp clientIp;
    private final JsonMapper json;

    CartCallers(CartProperties properties, RateLimiter limits, ClientIp clientIp, JsonMapper json) {
        this.properties = properties;
        this.limits = limits;
        this.clientIp = clientIp;
        this.json = json;
    }

    /**
     * Who is calling: {@code token} is a well-formed presented guest token (else null), {@code byCookie}
     * whether a token (of any shape) came in the cookie, which the answer may have to expire.
     */
    record Caller(CartOwner owner, String token, boolean byCookie) {
    }

    Mono<Caller> of(ServerRequest request) {
        String header = request.headers().firstHeader(TOKEN_HEADER);
        HttpCookie cookie = request.cookies().getFirst(COOKIE);
        String presented = header != null ? header : cookie != null ? cookie.getValue() : null;
        String token = CartTokens.wellFormed(presented) ? presented : null;
        boolean byCookie = header == null && cookie != null;
        return Principals.optional()
                .map(principal -> new Caller(new CartOwner.User(principal.userId()), token, byCookie))
                .defaultIfEmpty(new Caller(new CartOwner.Guest(token), token, byCookie));
    }

    /** New guest carts live in Redis for days: a client address may only start so many. */
    Mono<Void> beforeNewCart(ServerRequest request) {
        return limits.consume(RateLimitProperties.CART_CREATE_IP, clientIp.limitKey(request));
    }

    /** A coupon code tried: per client address, and per account when signed in (guessing codes is cut off). */
    Mono<Void> couponAttempt(ServerRequest request) {
        return limits.consume(RateLimitProperties.COUPON_IP, clientIp.limitKey(request))
                .then(Principals.optional().flatMap(caller -> limits.consume(RateLimitProperties.COUPON_ACCOUNT,
                        "user:" + caller.userId())));
    }

    /**
     * The cart, never cached. A live guest cart's token is echoed (header and cookie, the cookie's life
     * extended like the cart's); a cookie whose token no longer names a guest cart (unknown, expired,
     * merged) is expired, unless the guest cart was kept (not merged).
     */
    Mono<ServerResponse> respond(Caller caller, CartView view) {
        JsonResponse ok = JsonResponse.of(json, HttpStatus.OK, view.cart()).header(HttpHeaders.CACHE_CONTROL, NO_STORE);
        if (view.guestToken() != null) {
            ok.header(TOKEN_HEADER, view.guestToken()).cookie(cookie(view.guestToken(), properties.guestTtl()));
        } else if (caller.byCookie() && !view.guestCartKept()) {
            ok.cookie(cookie("", Duration.ZERO));
        }
        return Mono.just(ok);
    }

    private ResponseCookie cookie(String value, Duration maxAge) {
        return ResponseCookie.from(COOKIE, value).httpOnly(true).secure(properties.cookieSecure()).sameSite("Lax")
                .path(COOKIE_PATH).maxAge(maxAge).build();
    }
}
