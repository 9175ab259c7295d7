package dev.surge.cart.web;

import static dev.surge.platform.web.ApiDocs.jsonBody;
import static dev.surge.platform.web.ApiDocs.ok;
import static dev.surge.platform.web.ApiDocs.path;
import static dev.surge.platform.web.ApiDocs.problem;
import static org.springdoc.core.fn.builders.parameter.Builder.parameterBuilder;

import dev.surge.cart.Cart;
import dev.surge.cart.web.CartRequests.AddItemRequest;
import dev.surge.cart.web.CartRequests.UpdateItemRequest;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import org.springdoc.core.fn.builders.operation.Builder;

/** The OpenAPI description of the cart routes ({@link CartRouter}), one method per operation. */
final class CartApiDocs {

    private static final String TAG = "Cart";

    private CartApiDocs() {
    }

    static void get(Builder ops) {
        cart(ops.operationId("getCart")
                .summary("The caller's cart, priced now; an empty cart when there is none yet"));
    }

    static void clear(Builder ops) {
        cart(ops.operationId("clearCart")
                .summary("Removes every line; a guest's token stays valid"));
    }

    static void add(Builder ops) {
        cart(ops.operationId("addCartItem")
                .summary("Adds units of a variant (to its line if there is one); the first item starts a guest cart")
                .requestBody(jsonBody(AddItemRequest.class,
                        "{\"variantId\": \"0190f3c4-7a1e-7c3b-9d2a-4b5e6f708192\", \"quantity\": 2}"))
                .response(problem(400, "Invalid body (validation_failed, malformed_json, body_required)"))
                .response(problem(404, "Unknown variant (variant_not_found)"))
                .response(problem(409, "insufficient_stock, quantity_limit_exceeded, cart_full, "
                        + "currency_mismatch, variant_unavailable")));
    }

    static void update(Builder ops) {
        cart(ops.operationId("updateCartItem")
                .summary("Sets a line's quantity (0 removes it); raising it must fit the available units")
                .parameter(path("variantId", "The line's variant id"))
                .requestBody(jsonBody(UpdateItemRequest.class))
                .response(problem(400, "Invalid body (validation_failed, malformed_json, body_required)"))
                .response(problem(404, "No such line (cart_item_not_found) or variant (variant_not_found)"))
                .response(problem(409, "insufficient_stock, variant_unavailable")));
    }

    static void remove(Builder ops) {
        cart(ops.operationId("removeCartItem")
                .summary("Removes a line; removing one that is not there answers the cart as it is")
                .parameter(path("variantId", "The line's variant id")));
    }

    static void merge(Builder ops) {
        cart(ops.operationId("mergeGuestCart")
                .summary("After sign-in: moves the guest cart named by the cart token into the user's cart "
                        + "(quantities summed, capped by availability and limits); the guest cart is gone")
                .response(problem(401, "No valid bearer token"))
                .response(problem(409, "The carts are in different currencies (currency_mismatch)")));
    }

    static void applyCoupon(Builder ops) {
        cart(ops.operationId("applyCartCoupon")
                .summary("Enters a coupon code (any case) on the cart; the answer shows the discount, or in coupon.reason "
                        + "why the code does not apply (unknown, not_started, expired, minimum_not_met, used_up, "
                        + "not_applicable, superseded). Rate-limited per address and account")
                .requestBody(jsonBody(CartRequests.CouponRequest.class))
                .response(problem(400, "Invalid body (validation_failed, malformed_json, body_required)"))
                .response(problem(429, "Too many codes tried (rate_limited), with Retry-After")));
    }

    static void removeCoupon(Builder ops) {
        cart(ops.operationId("removeCartCoupon").summary("Takes the coupon code off the cart"));
    }

    private static void cart(Builder ops) {
        ops.tag(TAG)
                .parameter(parameterBuilder().name(CartCallers.TOKEN_HEADER).in(ParameterIn.HEADER)
                        .description("Guest cart token (or the surge_cart cookie); answered in the same header "
                                + "while the guest cart exists")
                        .implementation(String.class))
                .response(ok(Cart.class, "The cart after the operation, priced now"))
                .response(problem(401, "A bearer token was sent but is not valid"));
    }
}
