package dev.surge.reviews.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A review as stored. {@code authorId} is null once its author's account was erased (the review is kept,
 * anonymous). {@code title} and {@code body} are plain text.
 */
public record Review(UUID id, UUID productId, UUID merchantId, UUID authorId, int rating, String title, String body,
        ReviewStatus status, Instant createdAt, Instant updatedAt, Instant moderatedAt) {

    /** What this review adds to its product's published count (1 or 0). */
    int publishedCount() {
        return status == ReviewStatus.PUBLISHED ? 1 : 0;
    }

    /** What this review adds to its product's published sum of stars. */
    int publishedStars() {
        return status == ReviewStatus.PUBLISHED ? rating : 0;
    }
}
