package dev.surge.reviews.domain;

import dev.surge.catalog.CatalogRatings;
import dev.surge.orders.OrdersApi;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.Principals;
import dev.surge.reviews.data.ReviewQueries;
import dev.surge.reviews.domain.ReviewErrors.AlreadyReviewed;
import dev.surge.reviews.domain.ReviewErrors.InvalidReview;
import dev.surge.reviews.domain.ReviewErrors.ProductNotFound;
import dev.surge.reviews.domain.ReviewErrors.ReviewNotFound;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * What a buyer does with their review: write it (only after an order line of the product was delivered to them,
 * once per product), change it (it waits for moderation again, so it leaves the rating until re-published), or
 * delete it. Someone else's review answers as one that does not exist.
 */
@Service
public class ReviewWriting {

    /** What a buyer writes; {@code title} and {@code body} as sent (checked for size by the web layer). */
    public record Draft(int rating, String title, String body) {
    }

    private final ReviewQueries reviews;
    private final CatalogRatings ratings;
    private final OrdersApi orders;
    private final TransactionalOperator tx;

    ReviewWriting(ReviewQueries reviews, CatalogRatings ratings, OrdersApi orders, TransactionalOperator tx) {
        this.reviews = reviews;
        this.ratings = ratings;
        this.orders = orders;
        this.tx = tx;
    }

    public Mono<Review> write(Principals caller, UUID productId, Draft draft) {
        Draft clean = clean(draft);
        return ratings.product(productId)
                .switchIfEmpty(Mono.error(ProductNotFound::new))
                .filterWhen(product -> orders.deliveredTo(caller.userId(), productId))
                .switchIfEmpty(Mono.error(() -> new AccessDeniedException(
                        "Only buyers who received this product may review it")))
                .flatMap(product -> reviews.insert(new Review(Ids.newId(), productId, product.merchantId(),
                        caller.userId(), clean.rating(), clean.title(), clean.body(), ReviewStatus.PENDING, null, null,
                        null)))
                .switchIfEmpty(Mono.error(AlreadyReviewed::new));
    }

    public Mono<Review> edit(Principals caller, UUID reviewId, Draft draft) {
        Draft clean = clean(draft);
        return reviews.edit(reviewId, caller.userId(), clean.rating(), clean.title(), clean.body())
                .switchIfEmpty(Mono.error(ReviewNotFound::new))
                .flatMap(change -> ratings.adjust(change.before().productId(), -change.before().publishedCount(),
                        -change.before().publishedStars()).thenReturn(change.after()))
                .as(tx::transactional);
    }

    public Mono<Void> delete(Principals caller, UUID reviewId) {
        return reviews.delete(reviewId, caller.userId())
                .switchIfEmpty(Mono.error(ReviewNotFound::new))
                .flatMap(gone -> ratings.adjust(gone.productId(), -gone.publishedCount(), -gone.publishedStars()))
                .as(tx::transactional);
    }

    private static Draft clean(Draft draft) {
        String title = ReviewText.title(draft.title());
        if (title.isEmpty()) {
            throw new InvalidReview("title", "must contain text");
        }
        return new Draft(draft.rating(), title, ReviewText.body(draft.body()));
    }
}
