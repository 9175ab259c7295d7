package dev.surge.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.platform.security.AccessTokens;
import dev.surge.reviews.ReviewFixtures.Product;
import dev.surge.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Reviews under real concurrency: one review per buyer and product however many requests race, and the product's
 * running rating equal to its published reviews after hundreds of simultaneous publishes, rejects and edits.
 */
class ReviewConcurrencyIntegrationTests extends IntegrationTest {

    @Autowired
    DatabaseClient db;
    @Autowired
    AccessTokens accessTokens;

    @Test
    void racingReviewsOfOneBuyerMakeOne() throws Exception {
        ReviewFixtures fixtures = new ReviewFixtures(db, accessTokens);
        Product product = fixtures.product();
        String token = fixtures.customerToken(fixtures.buyerOf(product));
        List<Integer> statuses = race(20, i -> http.post().uri("/api/v1/products/{id}/reviews", product.id())
                .header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("rating", 1 + i % 5, "title", "Attempt " + i)).exchange()
                .returnResult(String.class).getStatus().value());
        assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
        assertThat(fixtures.count("SELECT count(*) FROM reviews WHERE product_id = :id", product.id())).isEqualTo(1);
    }

    @Test
    void theRatingEqualsThePublishedReviewsAfterConcurrentModeration() throws Exception {
        ReviewFixtures fixtures = new ReviewFixtures(db, accessTokens);
        Product product = fixtures.product();
        List<UUID> reviews = new ArrayList<>();
        List<String> authors = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String token = fixtures.customerToken(fixtures.buyerOf(product));
            byte[] body = http.post().uri("/api/v1/products/{id}/reviews", product.id())
                    .header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("rating", 1 + i % 5, "title", "Review " + i)).exchange()
                    .expectStatus().isCreated().expectBody().returnResult().getResponseBodyContent();
            reviews.add(UUID.fromString(new String(body, StandardCharsets.UTF_8)
                    .replaceAll(".*\"id\":\"([0-9a-f-]{36})\".*", "$1")));
            authors.add(token);
        }
        String admin = fixtures.adminToken();
        String seller = fixtures.sellerToken(product.merchantId());
        List<Integer> statuses = race(240, i -> {
            int which = i % reviews.size();
            UUID review = reviews.get(which);
            switch (i % 4) {
                case 0, 1 -> {
                    return http.post().uri("/api/v1/reviews/{id}/publish", review)
                            .header("Authorization", "Bearer " + (i % 2 == 0 ? admin : seller)).exchange()
                            .returnResult(String.class).getStatus().value();
                }
                case 2 -> {
                    return http.post().uri("/api/v1/reviews/{id}/reject", review)
                            .header("Authorization", "Bearer " + admin).exchange()
                            .returnResult(String.class).getStatus().value();
                }
                default -> {
                    return http.patch().uri("/api/v1/reviews/{id}", review)
                            .header("Authorization", "Bearer " + authors.get(which))
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of("rating", 1 + (i / 4) % 5, "title", "Edited " + i)).exchange()
                            .returnResult(String.class).getStatus().value();
                }
            }
        });
        assertThat(statuses).containsOnly(200);

        long[] truth = db.sql("SELECT count(*) AS n, coalesce(sum(rating), 0) AS s FROM reviews "
                        + "WHERE product_id = :id AND status = 'PUBLISHED'").bind("id", product.id())
                .map(row -> new long[] {row.get("n", Long.class), row.get("s", Long.class)}).one().block();
        long[] kept = db.sql("SELECT rating_count, rating_sum FROM products WHERE id = :id").bind("id", product.id())
                .map(row -> new long[] {row.get("rating_count", Integer.class), row.get("rating_sum", Long.class)})
                .one().block();
        assertThat(kept).containsExactly(truth);
    }

    private interface Call {
        int status(int i);
    }

    /** Runs {@code n} calls at once from 32 threads; their HTTP statuses. */
    private static List<Integer> race(int n, Call call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(32);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                results.add(threads.submit(() -> call.status(index)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            return statuses;
        } finally {
            threads.shutdownNow();
        }
    }
}
