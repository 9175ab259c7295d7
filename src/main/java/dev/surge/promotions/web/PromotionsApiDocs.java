package dev.surge.promotions.web;

import static dev.surge.platform.web.ApiDocs.created;
import static dev.surge.platform.web.ApiDocs.jsonBody;
import static dev.surge.platform.web.ApiDocs.ok;
import static dev.surge.platform.web.ApiDocs.path;
import static dev.surge.platform.web.ApiDocs.problem;

import dev.surge.promotions.web.PromotionRequests.PromotionRequest;
import dev.surge.promotions.web.PromotionResponses.PromotionPage;
import dev.surge.promotions.web.PromotionResponses.PromotionResponse;
import org.springdoc.core.fn.builders.operation.Builder;

/** The OpenAPI description of the promotion routes ({@link PromotionsRouter}), one method per operation. */
final class PromotionsApiDocs {

    private static final String ADMIN = "Promotions (admin)";
    private static final String SELLER = "Promotions (merchants)";

    private PromotionsApiDocs() {
    }

    static void createPromotion(Builder ops) {
        create(ops.operationId("createPromotion").tag(ADMIN)
                .summary("A platform promotion: a coupon code (with code) or an automatic one"));
    }

    static void createMerchantPromotion(Builder ops) {
        create(ops.operationId("createMerchantPromotion").tag(SELLER).parameter(path("merchantId", "Merchant id"))
                .summary("A merchant's promotion; it only ever discounts that merchant's lines (no free shipping)"));
    }

    private static void create(Builder ops) {
        ops.requestBody(jsonBody(PromotionRequest.class))
                .response(created(PromotionResponse.class, "The promotion"))
                .response(problem(400, "Invalid body (validation_failed with every broken field, malformed_json)"))
                .response(problem(401, "Not signed in"))
                .response(problem(403, "Not an administrator or seller"))
                .response(problem(404, "Not the caller's merchant (merchant_not_found)"))
                .response(problem(409, "Another live promotion has the code (coupon_code_taken)"));
    }

    static void listPromotions(Builder ops) {
        list(ops.operationId("listPromotions").tag(ADMIN).summary("Every promotion, newest first"));
    }

    static void listMerchantPromotions(Builder ops) {
        list(ops.operationId("listMerchantPromotions").tag(SELLER).parameter(path("merchantId", "Merchant id"))
                .summary("The merchant's promotions, newest first"));
    }

    private static void list(Builder ops) {
        ops.parameter(dev.surge.platform.web.ApiDocs.query("cursor", String.class, "nextCursor of the previous page"))
                .parameter(dev.surge.platform.web.ApiDocs.query("limit", Integer.class, "1 to 200, default 50"))
                .response(ok(PromotionPage.class, "A page"))
                .response(problem(400, "Bad cursor or limit (validation_failed)"))
                .response(problem(401, "Not signed in"))
                .response(problem(403, "Not an administrator or seller"))
                .response(problem(404, "Not the caller's merchant (merchant_not_found)"));
    }

    static void getPromotion(Builder ops) {
        one(ops.operationId("getPromotion").tag(ADMIN).summary("Any promotion, with its redemptions so far"));
    }

    static void getMerchantPromotion(Builder ops) {
        one(ops.operationId("getMerchantPromotion").tag(SELLER).parameter(path("merchantId", "Merchant id"))
                .summary("One of the merchant's promotions, with its redemptions so far"));
    }

    static void updatePromotion(Builder ops) {
        update(ops.operationId("updatePromotion").tag(ADMIN));
    }

    static void updateMerchantPromotion(Builder ops) {
        update(ops.operationId("updateMerchantPromotion").tag(SELLER).parameter(path("merchantId", "Merchant id")));
    }

    private static void update(Builder ops) {
        one(ops.summary("Changes name, amounts, minimum, window, limits or combinability (code, kind and scope stay)")
                .requestBody(jsonBody(PromotionRequest.class))
                .response(problem(400, "Invalid body (validation_failed)"))
                .response(problem(409, "Deactivated, or changed meanwhile (promotion_changed)"))
                .response(problem(422, "A cap below the redemptions made (cap_below_redeemed)")));
    }

    static void deactivatePromotion(Builder ops) {
        one(ops.operationId("deactivatePromotion").tag(ADMIN)
                .summary("Ends the promotion now; orders that redeemed it keep their discount"));
    }

    static void deactivateMerchantPromotion(Builder ops) {
        one(ops.operationId("deactivateMerchantPromotion").tag(SELLER).parameter(path("merchantId", "Merchant id"))
                .summary("Ends the merchant's promotion now; orders that redeemed it keep their discount"));
    }

    private static Builder one(Builder ops) {
        return ops.parameter(path("promotionId", "Promotion id"))
                .response(ok(PromotionResponse.class, "The promotion"))
                .response(problem(401, "Not signed in"))
                .response(problem(403, "Not an administrator or seller"))
                .response(problem(404, "No such promotion of this owner (promotion_not_found, merchant_not_found)"));
    }
}
