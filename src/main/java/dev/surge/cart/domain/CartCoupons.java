package dev.surge.cart.domain;

import dev.surge.cart.data.CartStore;
import dev.surge.promotions.PromotionsApi;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The coupon code entered on a cart: kept in the cart's hash (one script), shown with every answer as applied or with
 * the reason it does not apply ({@code coupon.reason}); checkout takes it from there. A code is kept even when it does
 * not apply yet (a minimum not met may be met later); entering another replaces it.
 */
@Service
public class CartCoupons {

    private final CartEdits edits;
    private final CartStore store;
    private final PromotionsApi promotions;
    private final CartMetrics metrics;

    CartCoupons(CartEdits edits, CartStore store, PromotionsApi promotions, CartMetrics metrics) {
        this.edits = edits;
        this.store = store;
        this.promotions = promotions;
        this.metrics = metrics;
    }

    /** Enters {@code code} (any case) on the owner's cart; a guest without a cart gets an empty cart and nothing is kept. */
    public Mono<CartView> apply(CartOwner owner, String code) {
        String normalized = PromotionsApi.normalize(code);
        return metrics.measured("coupon", promotions.learn(normalized)
                .then(edits.change(owner, (id, ttl) -> store.coupon(id, ttl, normalized))));
    }

    /** Takes the code off the owner's cart. */
    public Mono<CartView> remove(CartOwner owner) {
        return metrics.measured("coupon", edits.change(owner, (id, ttl) -> store.coupon(id, ttl, "")));
    }
}
