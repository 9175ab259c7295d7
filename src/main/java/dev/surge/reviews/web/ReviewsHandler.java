package dev.surge.reviews.web;

import dev.surge.platform.security.Principals;
import dev.surge.platform.web.PathIds;
import dev.surge.platform.web.QueryParams;
import dev.surge.platform.web.RequestBodies;
import dev.surge.reviews.domain.ReviewErrors.ProductNotFound;
import dev.surge.reviews.domain.ReviewErrors.ReviewNotFound;
import dev.surge.reviews.domain.ReviewModeration;
import dev.surge.reviews.domain.ReviewStatus;
import dev.surge.reviews.domain.ReviewWriting;
import dev.surge.reviews.web.ReviewRequests.ReviewRequest;
import dev.surge.reviews.web.ReviewResponses.ReviewPage;
import dev.surge.reviews.web.ReviewResponses.ReviewResponse;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Parses review requests, calls one domain method, maps the answer. */
@Component
class ReviewsHandler {

    private final ReviewWriting writing;
    private final ReviewModeration moderation;
    private final RequestBodies bodies;
    private final ReviewJson json;

    ReviewsHandler(ReviewWriting writing, ReviewModeration moderation, RequestBodies bodies, ReviewJson json) {
        this.writing = writing;
        this.moderation = moderation;
        this.bodies = bodies;
        this.json = json;
    }

    Mono<ServerResponse> published(ServerRequest request) {
        return Mono.defer(() -> {
            UUID productId = PathIds.required(request, "productId", ProductNotFound::new);
            QueryParams params = QueryParams.of(request);
            int limit = params.integer("limit", 20, 1, 100);
            String cursor = params.text("cursor").orElse(null);
            params.validate();
            return moderation.published(productId, limit, cursor);
        }).flatMap(page -> json.answer(HttpStatus.OK, ReviewPage.of(page)));
    }

    Mono<ServerResponse> write(ServerRequest request) {
        return Mono.defer(() -> {
            UUID productId = PathIds.required(request, "productId", ProductNotFound::new);
            return Principals.current().flatMap(caller -> bodies.read(request, ReviewRequest.class)
                    .flatMap(body -> writing.write(caller, productId, draft(body))));
        }).flatMap(review -> json.answer(HttpStatus.CREATED, ReviewResponse.of(review)));
    }

    Mono<ServerResponse> edit(ServerRequest request) {
        return Mono.defer(() -> {
            UUID reviewId = PathIds.required(request, "reviewId", ReviewNotFound::new);
            return Principals.current().flatMap(caller -> bodies.read(request, ReviewRequest.class)
                    .flatMap(body -> writing.edit(caller, reviewId, draft(body))));
        }).flatMap(review -> json.answer(HttpStatus.OK, ReviewResponse.of(review)));
    }

    Mono<ServerResponse> delete(ServerRequest request) {
        return Mono.defer(() -> {
            UUID reviewId = PathIds.required(request, "reviewId", ReviewNotFound::new);
            return Principals.current().flatMap(caller -> writing.delete(caller, reviewId));
        }).then(ServerResponse.noContent().build());
    }

    Mono<ServerResponse> publish(ServerRequest request) {
        return Mono.defer(() -> {
            UUID reviewId = PathIds.required(request, "reviewId", ReviewNotFound::new);
            return Principals.current().flatMap(caller -> moderation.publish(caller, reviewId));
        }).flatMap(review -> json.answer(HttpStatus.OK, ReviewResponse.of(review)));
    }

    Mono<ServerResponse> reject(ServerRequest request) {
        return Mono.defer(() -> {
            UUID reviewId = PathIds.required(request, "reviewId", ReviewNotFound::new);
            return Principals.current().flatMap(caller -> moderation.reject(caller, reviewId));
        }).flatMap(review -> json.answer(HttpStatus.OK, ReviewResponse.of(review)));
    }

    /** A merchant's queue ({@code /merchants/{merchantId}/reviews}) or every merchant's ({@code /admin/reviews}). */
    Mono<ServerResponse> queue(ServerRequest request) {
        return Mono.defer(() -> {
            UUID merchantId = request.pathVariables().containsKey("merchantId")
                    ? PathIds.required(request, "merchantId", ReviewNotFound::new) : null;
            QueryParams params = QueryParams.of(request);
            ReviewStatus status = params.choice("status", ReviewStatus.class, ReviewStatus.PENDING);
            int limit = params.integer("limit", 50, 1, 200);
            String cursor = params.text("cursor").orElse(null);
            params.validate();
            return Principals.current().flatMap(caller -> moderation.queue(caller, merchantId, status, limit, cursor));
        }).flatMap(page -> json.answer(HttpStatus.OK, ReviewPage.of(page)));
    }

    private static ReviewWriting.Draft draft(ReviewRequest body) {
        return new ReviewWriting.Draft(body.rating(), body.title(), body.body());
    }
}
