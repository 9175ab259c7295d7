package dev.surge.reviews.domain;

/** Where a review stands: waiting for moderation, shown, or turned down. Only PUBLISHED counts in the rating. */
public enum ReviewStatus {
    PENDING, PUBLISHED, REJECTED
}
