package dev.surge.reviews.web;

import static dev.surge.platform.web.ApiDocs.created;
import static dev.surge.platform.web.ApiDocs.jsonBody;
import static dev.surge.platform.web.ApiDocs.ok;
import static dev.surge.platform.web.ApiDocs.path;
import static dev.surge.platform.web.ApiDocs.problem;
import static dev.surge.platform.web.ApiDocs.query;
import static dev.surge.platform.web.ApiDocs.status;

import org.springdoc.core.fn.builders.operation.Builder;

/** The OpenAPI description of each route of {@link ReviewsRouter}. */
final class ReviewsApiDocs {

    private static final String TAG = "Reviews";

    private ReviewsApiDocs() {
    }

    static void published(Builder ops) {
        ops.operationId("productReviews").tag(TAG)
                .summary("A product's published reviews, newest first (plain text in JSON strings)")
                .parameter(path("productId", "Product id"))
                .parameter(query("limit", Integer.class, "1-100, default 20"))
                .parameter(query("cursor", String.class, "nextCursor of the previous page"))
                .response(ok(ReviewResponses.ReviewPage.class, "A page of reviews"))
                .response(problem(400, "Invalid limit or cursor"))
                .response(problem(404, "Malformed product id"));
    }

    static void write(Builder ops) {
        ops.operationId("writeReview").tag(TAG)
                .summary("Review a product you received (an order line of it was delivered to you); once per "
                        + "product; waits for moderation")
                .parameter(path("productId", "Product id"))
                .requestBody(jsonBody(ReviewRequests.ReviewRequest.class))
                .response(created(ReviewResponses.ReviewResponse.class, "The review, PENDING"))
                .response(problem(400, "Invalid body (validation_failed, malformed_json, body_required)"))
                .response(problem(401, "Not signed in"))
                .response(problem(403, "No delivered order line of this product"))
                .response(problem(404, "Unknown product"))
                .response(problem(409, "Already reviewed (already_reviewed): edit that review"));
    }

    static void edit(Builder ops) {
        ops.operationId("editReview").tag(TAG)
                .summary("Rewrite your review: it leaves the rating and waits for moderation again")
                .parameter(path("reviewId", "Review id"))
                .requestBody(jsonBody(ReviewRequests.ReviewRequest.class))
                .response(ok(ReviewResponses.ReviewResponse.class, "The review, PENDING"))
                .response(problem(400, "Invalid body"))
                .response(problem(401, "Not signed in"))
                .response(problem(404, "No such review of yours"));
    }

    static void delete(Builder ops) {
        ops.operationId("deleteReview").tag(TAG)
                .summary("Delete your review (it leaves the rating if it was published)")
                .parameter(path("reviewId", "Review id"))
                .response(status(204, "Deleted"))
                .response(problem(401, "Not signed in"))
                .response(problem(404, "No such review of yours"));
    }

    static void publish(Builder ops) {
        moderation(ops.operationId("publishReview").summary("Publish a review: it shows and counts in the rating"));
    }

    static void reject(Builder ops) {
        moderation(ops.operationId("rejectReview").summary("Reject a review: hidden, and out of the rating"));
    }

    private static void moderation(Builder ops) {
        ops.tag(TAG)
                .parameter(path("reviewId", "Review id"))
                .response(ok(ReviewResponses.ReviewResponse.class, "The review"))
                .response(problem(401, "Not signed in"))
                .response(problem(403, "Neither an admin nor a seller of the product's merchant"))
                .response(problem(404, "Unknown review, or another merchant's"));
    }

    static void merchantQueue(Builder ops) {
        queue(ops.operationId("merchantReviews").summary("Reviews of the merchant's products by status, newest first")
                .parameter(path("merchantId", "Merchant id")));
    }

    static void adminQueue(Builder ops) {
        queue(ops.operationId("allReviews").summary("Reviews of every merchant's products by status, newest first"));
    }

    private static void queue(Builder ops) {
        ops.tag(TAG)
                .parameter(query("status", String.class, "PENDING (default), PUBLISHED or REJECTED"))
                .parameter(query("limit", Integer.class, "1-200, default 50"))
                .parameter(query("cursor", String.class, "nextCursor of the previous page (same status)"))
                .response(ok(ReviewResponses.ReviewPage.class, "A page of reviews"))
                .response(problem(400, "Invalid filter or cursor"))
                .response(problem(401, "Not signed in"))
                .response(problem(403, "Not allowed"))
                .response(problem(404, "Another merchant"));
    }
}
