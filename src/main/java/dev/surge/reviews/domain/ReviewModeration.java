package dev.surge.reviews.domain;

import dev.surge.catalog.CatalogRatings;
import dev.surge.platform.paging.Cursors;
import dev.surge.platform.paging.Page;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.MerchantAccess;
import dev.surge.platform.security.Principals;
import dev.surge.reviews.data.ReviewQueries;
import dev.surge.reviews.domain.ReviewErrors.ReviewNotFound;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Moderation: administrators for every review, a merchant's sellers for reviews of its products; a seller of
 * another merchant hears that the review does not exist, anyone else is refused (403). Publishing adds the review
 * to its product's rating, rejecting a published one takes it out, in the transaction that moves its status.
 */
@Service
public class ReviewModeration {

    private final ReviewQueries reviews;
    private final CatalogRatings ratings;
    private final Cursors cursors;
    private final TransactionalOperator tx;

    ReviewModeration(ReviewQueries reviews, CatalogRatings ratings, Cursors cursors, TransactionalOperator tx) {
        this.reviews = reviews;
        this.ratings = ratings;
        this.cursors = cursors;
        this.tx = tx;
    }

    public Mono<Review> publish(Principals caller, UUID reviewId) {
        return moderate(caller, reviewId, ReviewStatus.PUBLISHED);
    }

    public Mono<Review> reject(Principals caller, UUID reviewId) {
        return moderate(caller, reviewId, ReviewStatus.REJECTED);
    }

    private Mono<Review> moderate(Principals caller, UUID reviewId, ReviewStatus status) {
        return reviews.find(reviewId)
                .switchIfEmpty(Mono.error(ReviewNotFound::new))
                .flatMap(review -> check(caller, review.merchantId()))
                .then(Mono.defer(() -> reviews.moderate(reviewId, status, caller.userId())
                        .switchIfEmpty(Mono.error(ReviewNotFound::new))
                        .flatMap(change -> ratings.adjust(change.after().productId(),
                                        change.after().publishedCount() - change.before().publishedCount(),
                                        change.after().publishedStars() - change.before().publishedStars())
                                .thenReturn(change.after()))
                        .as(tx::transactional)));
    }

    /** Reviews in {@code status} of a merchant's products, or of every merchant's ({@code merchantId} null, staff). */
    public Mono<Page<Review>> queue(Principals caller, UUID merchantId, ReviewStatus status, int limit, String cursor) {
        Mono<Void> allowed = merchantId == null
                ? (caller.hasAnyRole("ADMIN", "SUPER_ADMIN") ? Mono.empty()
                        : Mono.error(new AccessDeniedException("Only admins see every merchant's reviews")))
                : check(caller, merchantId);
        String scope = "reviews:" + merchantId + ":" + status;
        UUID after = cursor == null ? null : afterId(cursors.decode(cursor, scope));
        return allowed.then(reviews.queue(merchantId, status, after, limit + 1).collectList())
                .map(rows -> page(rows, limit, scope));
    }

    /** A product's published reviews, newest first. */
    public Mono<Page<Review>> published(UUID productId, int limit, String cursor) {
        String scope = "reviews:" + productId;
        UUID after = cursor == null ? null : afterId(cursors.decode(cursor, scope));
        return reviews.published(productId, after, limit + 1).collectList().map(rows -> page(rows, limit, scope));
    }

    private Page<Review> page(List<Review> rows, int limit, String scope) {
        return rows.size() <= limit ? new Page<>(rows, null)
                : new Page<>(rows.subList(0, limit), cursors.encode(scope, List.of(rows.get(limit - 1).id().toString())));
    }

    private static UUID afterId(List<String> keys) {
        UUID id = keys.size() == 1 ? Ids.parseOrNull(keys.get(0)) : null;
        if (id == null) {
            throw new ReviewErrors.InvalidCursor();
        }
        return id;
    }

    private static Mono<Void> check(Principals caller, UUID merchantId) {
        return switch (MerchantAccess.of(caller, merchantId)) {
            case STAFF, OWN -> Mono.empty();
            case OTHER_MERCHANT -> Mono.error(new ReviewNotFound());
            case NOT_A_SELLER -> Mono.error(new AccessDeniedException("Only admins and the merchant's sellers moderate"));
        };
    }
}
