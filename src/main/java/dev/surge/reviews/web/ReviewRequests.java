package dev.surge.reviews.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the review endpoints. */
final class ReviewRequests {

    private ReviewRequests() {
    }

    /** A review as written or rewritten: 1-5 stars, a title of up to 120 characters, a text of up to 4,000. */
    record ReviewRequest(@NotNull @Min(1) @Max(5) Integer rating, @NotBlank @Size(max = 120) String title,
            @Size(max = 4000) String body) {
    }
}
