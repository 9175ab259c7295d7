package dev.surge.reviews.web;

import dev.surge.platform.paging.Page;
import dev.surge.reviews.domain.Review;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the review endpoints answer. Title and body are plain text in JSON strings, never HTML. */
final class ReviewResponses {

    private ReviewResponses() {
    }

    /** A review; who wrote it is not shown (every review is by a buyer who received the product). */
    record ReviewResponse(UUID id, UUID productId, int rating, String title, String body, String status,
            boolean verifiedBuyer, Instant createdAt, Instant updatedAt, Instant moderatedAt) {

        static ReviewResponse of(Review review) {
            return new ReviewResponse(review.id(), review.productId(), review.rating(), review.title(), review.body(),
                    review.status().name(), true, review.createdAt(), review.updatedAt(), review.moderatedAt());
        }
    }

    /** One page of reviews, newest first; {@code nextCursor} is null on the last page. */
    record ReviewPage(List<ReviewResponse> items, String nextCursor) {

        static ReviewPage of(Page<Review> page) {
            return new ReviewPage(page.items().stream().map(ReviewResponse::of).toList(), page.nextCursor());
        }
    }
}
