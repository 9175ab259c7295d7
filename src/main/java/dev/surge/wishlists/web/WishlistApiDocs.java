package dev.surge.wishlists.web;

import static dev.surge.platform.web.ApiDocs.ok;
import static dev.surge.platform.web.ApiDocs.path;
import static dev.surge.platform.web.ApiDocs.problem;
import static dev.surge.platform.web.ApiDocs.status;

import dev.surge.wishlists.domain.WishlistItem;
import org.springdoc.core.fn.builders.operation.Builder;

/** The OpenAPI description of each route of {@link WishlistRouter}. */
final class WishlistApiDocs {

    private static final String TAG = "Wishlist";

    private WishlistApiDocs() {
    }

    static void list(Builder ops) {
        ops.operationId("wishlist").tag(TAG)
                .summary("Your wishlist, newest first, each variant with its current price and whether it can be bought")
                .response(ok(WishlistHandler.WishlistResponse.class, "{items}"))
                .response(problem(401, "Not signed in"));
    }

    static void put(Builder ops) {
        ops.operationId("putWishlistItem").tag(TAG)
                .summary("Add a variant (at most 100), or change its alerts: with {\"alerts\": true} you are emailed "
                        + "once when it comes back in stock or its price drops; the body is optional (alerts off)")
                .parameter(path("variantId", "Variant id"))
                .requestBody(org.springdoc.core.fn.builders.requestbody.Builder.requestBodyBuilder().required(false)
                        .content(org.springdoc.core.fn.builders.content.Builder.contentBuilder()
                                .mediaType("application/json")
                                .schema(org.springdoc.core.fn.builders.schema.Builder.schemaBuilder()
                                        .implementation(WishlistRequests.PutItemRequest.class))))
                .response(ok(WishlistItem.class, "The item as listed"))
                .response(problem(400, "Malformed body"))
                .response(problem(401, "Not signed in"))
                .response(problem(404, "Unknown variant (variant_not_found)"))
                .response(problem(409, "The wishlist is full (wishlist_full)"));
    }

    static void remove(Builder ops) {
        ops.operationId("removeWishlistItem").tag(TAG)
                .summary("Remove a variant from your wishlist")
                .parameter(path("variantId", "Variant id"))
                .response(status(204, "Removed"))
                .response(problem(401, "Not signed in"))
                .response(problem(404, "Not on your wishlist (wishlist_item_not_found)"));
    }
}
