package dev.surge.wishlists.web;

import dev.surge.platform.security.Principals;
import dev.surge.platform.web.PathIds;
import dev.surge.platform.web.RequestBodies;
import dev.surge.wishlists.domain.WishlistErrors.VariantNotFound;
import dev.surge.wishlists.domain.WishlistItem;
import dev.surge.wishlists.domain.Wishlists;
import dev.surge.wishlists.web.WishlistRequests.PutItemRequest;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Parses wishlist requests, calls one domain method, maps the answer. */
@Component
class WishlistHandler {

    private final Wishlists wishlists;
    private final RequestBodies bodies;

    WishlistHandler(Wishlists wishlists, RequestBodies bodies) {
        this.wishlists = wishlists;
        this.bodies = bodies;
    }

    /** The wishlist: {@code {items: [...]}}, newest first. */
    record WishlistResponse(List<WishlistItem> items) {
    }

    Mono<ServerResponse> list(ServerRequest request) {
        return Principals.current().flatMap(wishlists::list)
                .flatMap(items -> ServerResponse.ok().cacheControl(CacheControl.noStore())
                        .bodyValue(new WishlistResponse(items)));
    }

    /** Adds the variant or changes its alerts; a body is optional ({@code {"alerts": true}}). */
    Mono<ServerResponse> put(ServerRequest request) {
        return Mono.defer(() -> {
            UUID variantId = PathIds.required(request, "variantId", VariantNotFound::new);
            Mono<Boolean> alerts = request.headers().contentType().isEmpty() ? Mono.just(false)
                    : request.bodyToMono(PutItemRequest.class).map(bodies::validated)
                            .map(body -> Boolean.TRUE.equals(body.alerts())).defaultIfEmpty(false);
            return Principals.current().flatMap(caller -> alerts.flatMap(on -> wishlists.put(caller, variantId, on)));
        }).flatMap(item -> ServerResponse.ok().bodyValue(item));
    }

    Mono<ServerResponse> remove(ServerRequest request) {
        return Mono.defer(() -> {
            UUID variantId = PathIds.required(request, "variantId", VariantNotFound::new);
            return Principals.current().flatMap(caller -> wishlists.remove(caller, variantId));
        }).then(ServerResponse.noContent().build());
    }
}
