package dev.surge.cart.web;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** Request bodies of the cart endpoints. The upper bound of quantities is configurable, so the service checks it. */
final class CartRequests {

    private CartRequests() {
    }

    record AddItemRequest(@NotNull UUID variantId, @NotNull @Min(1) Integer quantity) {
    }

    record UpdateItemRequest(@NotNull @Min(0) Integer quantity) {
    }

    /** A coupon code, any case: letters, digits, '-' and '_'. */
    record CouponRequest(@NotNull @jakarta.validation.constraints.Pattern(regexp = "\\s*[A-Za-z0-9][A-Za-z0-9_-]{2,39}\\s*")
            String code) {
    }
}
