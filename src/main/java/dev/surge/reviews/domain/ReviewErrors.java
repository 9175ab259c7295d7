package dev.surge.reviews.domain;

import dev.surge.platform.errors.ConflictException;
import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.InvalidInputException;
import dev.surge.platform.errors.NotFoundException;
import java.util.List;

/** What reviews can run into. A refusal to someone who is not a buyer is Spring's AccessDeniedException (403). */
public final class ReviewErrors {

    static final String REVIEW_NOT_FOUND = "review_not_found";
    static final String PRODUCT_NOT_FOUND = "product_not_found";
    static final String ALREADY_REVIEWED = "already_reviewed";
    static final String VALIDATION_FAILED = "validation_failed";

    private ReviewErrors() {
    }

    /** No such review, or none the caller may act on (the same answer, so ids are not probed). */
    public static final class ReviewNotFound extends NotFoundException {
        public ReviewNotFound() {
            super(REVIEW_NOT_FOUND, "No such review");
        }
    }

    public static final class ProductNotFound extends NotFoundException {
        public ProductNotFound() {
            super(PRODUCT_NOT_FOUND, "No such product");
        }
    }

    /** The buyer has reviewed this product already: edit that review instead. */
    public static final class AlreadyReviewed extends ConflictException {
        AlreadyReviewed() {
            super(ALREADY_REVIEWED, "You have reviewed this product already; edit your review instead");
        }
    }

    /** A cursor whose keys are not a review id. */
    public static final class InvalidCursor extends InvalidInputException {
        InvalidCursor() {
            super("invalid_cursor", "The cursor is not one this server issued");
        }
    }

    /** A title that is empty once control characters are removed. */
    public static final class InvalidReview extends InvalidInputException {
        InvalidReview(String field, String message) {
            super(VALIDATION_FAILED, "The review is not valid", List.of(new FieldViolation(field, "blank", message)));
        }
    }
}
