package dev.surge.reviews.data;

import dev.surge.reviews.domain.Review;
import dev.surge.reviews.domain.ReviewStatus;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The reviews' SQL. Every change of a review's status or rating reads the row as it was under its lock
 * ({@code FOR UPDATE} in the same statement) and answers it beside the row as it is now, so the caller moves the
 * product's rating by exactly the difference.
 */
@Repository
public class ReviewQueries {

    private static final String COLUMNS = "id, product_id, merchant_id, author_id, rating, title, body, status, "
            + "created_at, updated_at, moderated_at";
    private static final String NEW_COLUMNS = "r.id, r.product_id, r.merchant_id, r.author_id, r.rating, r.title, "
            + "r.body, r.status, r.created_at, r.updated_at, r.moderated_at";

    private final DatabaseClient db;

    ReviewQueries(DatabaseClient db) {
        this.db = db;
    }

    /** A review before and after one change. */
    public record Change(Review before, Review after) {
    }

    /** The new review; empty when the author has reviewed the product already. */
    public Mono<Review> insert(Review review) {
        return db.sql("INSERT INTO reviews (id, product_id, merchant_id, author_id, rating, title, body) "
                        + "VALUES (:id, :product, :merchant, :author, :rating, :title, :body) "
                        + "ON CONFLICT (product_id, author_id) DO NOTHING RETURNING " + COLUMNS)
                .bind("id", review.id()).bind("product", review.productId()).bind("merchant", review.merchantId())
                .bind("author", review.authorId()).bind("rating", (short) review.rating())
                .bind("title", review.title()).bind("body", review.body())
                .map(ReviewQueries::review)
                .one();
    }

    public Mono<Review> find(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM reviews WHERE id = :id").bind("id", id)
                .map(ReviewQueries::review).one();
    }

    /** Sets the status as moderated by {@code moderator}; empty when there is no such review. */
    public Mono<Change> moderate(UUID id, ReviewStatus status, UUID moderator) {
        return db.sql("UPDATE reviews r SET status = :status, moderated_by = :by, moderated_at = now(), updated_at = now() "
                        + "FROM (SELECT " + COLUMNS + " FROM reviews WHERE id = :id FOR UPDATE) old "
                        + "WHERE r.id = old.id RETURNING " + oldColumns() + ", " + NEW_COLUMNS)
                .bind("id", id).bind("status", status.name()).bind("by", moderator)
                .map(row -> new Change(prefixed(row, "old_"), review(row)))
                .one();
    }

    /** The author's new rating and text, waiting for moderation again; empty unless it is the author's review. */
    public Mono<Change> edit(UUID id, UUID author, int rating, String title, String body) {
        return db.sql("UPDATE reviews r SET rating = :rating, title = :title, body = :body, status = 'PENDING', "
                        + "moderated_by = NULL, moderated_at = NULL, updated_at = now() "
                        + "FROM (SELECT " + COLUMNS + " FROM reviews WHERE id = :id AND author_id = :author FOR UPDATE) old "
                        + "WHERE r.id = old.id RETURNING " + oldColumns() + ", " + NEW_COLUMNS)
                .bind("id", id).bind("author", author).bind("rating", (short) rating)
                .bind("title", title).bind("body", body)
                .map(row -> new Change(prefixed(row, "old_"), review(row)))
                .one();
    }

    /** The deleted review as it was; empty unless it is the author's review. */
    public Mono<Review> delete(UUID id, UUID author) {
        return db.sql("DELETE FROM reviews WHERE id = :id AND author_id = :author RETURNING " + COLUMNS)
                .bind("id", id).bind("author", author)
                .map(ReviewQueries::review).one();
    }

    /** Published reviews of a product, newest first, after {@code afterId} (null: from the newest). */
    public Flux<Review> published(UUID productId, UUID afterId, int limit) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT " + COLUMNS + " FROM reviews "
                        + "WHERE product_id = :product AND status = 'PUBLISHED'"
                        + (afterId == null ? "" : " AND id < :after") + " ORDER BY id DESC LIMIT :limit")
                .bind("product", productId).bind("limit", limit);
        return (afterId == null ? spec : spec.bind("after", afterId)).map(ReviewQueries::review).all();
    }

    /** Reviews in {@code status} of one merchant's products (null: every merchant), newest first. */
    public Flux<Review> queue(UUID merchantId, ReviewStatus status, UUID afterId, int limit) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT " + COLUMNS + " FROM reviews WHERE status = :status"
                        + (merchantId == null ? "" : " AND merchant_id = :merchant")
                        + (afterId == null ? "" : " AND id < :after") + " ORDER BY id DESC LIMIT :limit")
                .bind("status", status.name()).bind("limit", limit);
        if (merchantId != null) {
            spec = spec.bind("merchant", merchantId);
        }
        return (afterId == null ? spec : spec.bind("after", afterId)).map(ReviewQueries::review).all();
    }

    /** Every review the account wrote, oldest first (for a personal-data export). */
    public Flux<Review> byAuthor(UUID authorId) {
        return db.sql("SELECT " + COLUMNS + " FROM reviews WHERE author_id = :author ORDER BY id")
                .bind("author", authorId).map(ReviewQueries::review).all();
    }

    /** Removes the author from every review they wrote (the reviews stay); answers how many. */
    public Mono<Long> anonymise(UUID authorId) {
        return db.sql("UPDATE reviews SET author_id = NULL, updated_at = now() WHERE author_id = :author")
                .bind("author", authorId).fetch().rowsUpdated();
    }

    private static String oldColumns() {
        StringBuilder columns = new StringBuilder();
        for (String column : COLUMNS.split(", ")) {
            columns.append(columns.isEmpty() ? "" : ", ").append("old.").append(column).append(" AS old_").append(column);
        }
        return columns.toString();
    }

    private static Review review(Readable row) {
        return prefixed(row, "");
    }

    private static Review prefixed(Readable row, String prefix) {
        return new Review(row.get(prefix + "id", UUID.class), row.get(prefix + "product_id", UUID.class),
                row.get(prefix + "merchant_id", UUID.class), row.get(prefix + "author_id", UUID.class),
                row.get(prefix + "rating", Short.class), row.get(prefix + "title", String.class),
                row.get(prefix + "body", String.class), ReviewStatus.valueOf(row.get(prefix + "status", String.class)),
                instant(row, prefix + "created_at"), instant(row, prefix + "updated_at"),
                instant(row, prefix + "moderated_at"));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
