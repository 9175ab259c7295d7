package dev.surge.reviews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.platform.security.AccessTokens;
import dev.surge.reviews.ReviewFixtures.Product;
import dev.surge.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Reviews over HTTP: who may write one, once, moderation, the rating on product pages and in search, hostile text. */
class ReviewsIntegrationTests extends IntegrationTest {

    /** Ratings reach product pages and search through the catalog's topic, behind the suite's earlier events. */
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);

    @Autowired
    DatabaseClient db;
    @Autowired
    AccessTokens accessTokens;
    @Autowired
    dev.surge.platform.events.Outbox outbox;
    @Autowired
    org.springframework.transaction.reactive.TransactionalOperator tx;
    @Autowired
    List<dev.surge.platform.privacy.PersonalDataSection> sections;

    ReviewFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new ReviewFixtures(db, accessTokens);
    }

    @Test
    void onlyBuyersOfDeliveredLinesReviewAndOnlyOnce() {
        Product product = fixtures.product();
        UUID buyer = fixtures.buyerOf(product);
        UUID paidNotDelivered = fixtures.customer();
        fixtures.order(paidNotDelivered, product, "PAID");
        UUID stranger = fixtures.customer();
        UUID buyerOfAnother = fixtures.buyerOf(fixtures.product());

        write(null, product.id(), review(5, "Great")).expectStatus().isUnauthorized();
        write(fixtures.customerToken(paidNotDelivered), product.id(), review(5, "Great")).expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        write(fixtures.customerToken(stranger), product.id(), review(5, "Great")).expectStatus().isForbidden();
        write(fixtures.customerToken(buyerOfAnother), product.id(), review(5, "Great")).expectStatus().isForbidden();
        write(fixtures.sellerToken(product.merchantId()), product.id(), review(5, "Mine")).expectStatus().isForbidden();
        assertThat(reviewsOf(product)).isZero();

        String token = fixtures.customerToken(buyer);
        // bad input writes nothing
        write(token, UUID.randomUUID(), review(5, "Great")).expectStatus().isNotFound();
        write(token, "not-a-uuid", review(5, "Great")).expectStatus().isNotFound();
        write(token, product.id(), review(6, "Too many stars")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("validation_failed");
        write(token, product.id(), review(0, "Too few")).expectStatus().isBadRequest();
        write(token, product.id(), review(4, "x".repeat(121))).expectStatus().isBadRequest();
        write(token, product.id(), Map.of("rating", 4, "title", "Long", "body", "y".repeat(4001))).expectStatus().isBadRequest();
        write(token, product.id(), Map.of("rating", 4, "title", "\u0007\u0001 ")).expectStatus().isBadRequest();
        write(token, product.id(), Map.of("rating", "five", "title", "Typed")).expectStatus().isBadRequest();
        http.post().uri("/api/v1/products/{id}/reviews", product.id()).header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"rating\": 4,").exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(reviewsOf(product)).isZero();

        write(token, product.id(), review(4, "Bright and sturdy")).expectStatus().isCreated()
                .expectBody().jsonPath("$.status").isEqualTo("PENDING")
                .jsonPath("$.rating").isEqualTo(4)
                .jsonPath("$.title").isEqualTo("Bright and sturdy");
        write(token, product.id(), review(2, "Changed my mind")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("already_reviewed");
        assertThat(reviewsOf(product)).isEqualTo(1);
    }

    @Test
    void moderationMovesTheRatingOnProductPagesAndSearch() {
        UUID merchant = fixtures.product().merchantId();
        Product rated = fixtures.productOf(merchant);
        Product lower = fixtures.productOf(merchant);
        Product unrated = fixtures.productOf(merchant);
        UUID five = review(rated, 5, "Perfect");
        UUID two = review(rated, 2, "Flickers");
        UUID three = review(lower, 3, "Fine");
        assertThat(rating(rated)).isEqualTo(unrated());

        // waiting reviews are not shown; moderators are admins and the merchant's own sellers only
        assertThat(published(rated)).isEmpty();
        UUID buyer = fixtures.buyerOf(rated);
        moderate(fixtures.customerToken(buyer), five, "publish").expectStatus().isForbidden();
        moderate(fixtures.sellerToken(fixtures.product().merchantId()), five, "publish").expectStatus().isNotFound();
        moderate(fixtures.adminToken(), UUID.randomUUID(), "publish").expectStatus().isNotFound();
        http.get().uri("/api/v1/merchants/{m}/reviews", merchant).header("Authorization", "Bearer "
                        + fixtures.sellerToken(merchant)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(3);
        http.get().uri("/api/v1/admin/reviews?status=nonsense").header("Authorization", "Bearer "
                + fixtures.adminToken()).exchange().expectStatus().isBadRequest();

        moderate(fixtures.sellerToken(merchant), five, "publish").expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("PUBLISHED");
        moderate(fixtures.adminToken(), two, "publish").expectStatus().isOk();
        moderate(fixtures.adminToken(), three, "publish").expectStatus().isOk();
        // publishing twice counts once
        moderate(fixtures.adminToken(), two, "publish").expectStatus().isOk();
        await().atMost(EVENTUALLY).untilAsserted(() ->
                assertThat(rating(rated)).isEqualTo(Map.of("average", 3.5, "count", 2)));
        assertThat(published(rated)).hasSize(2);

        // search and lists carry the rating, sort by it and filter on it
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(listed("/api/v1/products?merchant=" + merchant
                + "&sort=rating")).extracting(p -> p.get("id")).startsWith(rated.id().toString(), lower.id().toString()));
        List<Map<String, Object>> byRating = listed("/api/v1/products?merchant=" + merchant + "&sort=rating");
        assertThat(byRating.get(0).get("rating")).isEqualTo(Map.of("average", 3.5, "count", 2));
        assertThat(listed("/api/v1/products?merchant=" + merchant + "&minRating=3")).extracting(p -> p.get("id"))
                .containsExactlyInAnyOrder(rated.id().toString(), lower.id().toString());
        assertThat(listed("/api/v1/search?q=desk+lamp&merchant=" + merchant + "&minRating=3&sort=rating"))
                .extracting(p -> p.get("id")).containsExactly(rated.id().toString(), lower.id().toString());
        assertThat(listed("/api/v1/products?merchant=" + merchant + "&sort=rating&limit=1&minRating=1"))
                .extracting(p -> p.get("id")).containsExactly(rated.id().toString());
        http.get().uri("/api/v1/products?minRating=6").exchange().expectStatus().isBadRequest();
        http.get().uri("/api/v1/products?minRating=x").exchange().expectStatus().isBadRequest();
        assertThat(listed("/api/v1/products?merchant=" + merchant)).extracting(p -> p.get("id"))
                .contains(unrated.id().toString());

        // rejecting a published review takes it out; its author's edit waits for moderation again; deleting leaves
        moderate(fixtures.adminToken(), five, "reject").expectStatus().isOk();
        await().atMost(EVENTUALLY).untilAsserted(() ->
                assertThat(rating(rated)).isEqualTo(Map.of("average", 2.0, "count", 1)));
        String twoAuthor = fixtures.customerToken(author(two));
        http.patch().uri("/api/v1/reviews/{id}", two).header("Authorization", "Bearer " + fixtures.customerToken(buyer))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(review(1, "Not mine")).exchange()
                .expectStatus().isNotFound();
        http.patch().uri("/api/v1/reviews/{id}", two).header("Authorization", "Bearer " + twoAuthor)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(review(4, "Fixed by an update")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("PENDING");
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(rating(rated)).isEqualTo(unrated()));
        moderate(fixtures.adminToken(), two, "publish").expectStatus().isOk();
        await().atMost(EVENTUALLY).untilAsserted(() ->
                assertThat(rating(rated)).isEqualTo(Map.of("average", 4.0, "count", 1)));
        http.delete().uri("/api/v1/reviews/{id}", two).header("Authorization", "Bearer " + fixtures.customerToken(buyer))
                .exchange().expectStatus().isNotFound();
        http.delete().uri("/api/v1/reviews/{id}", two).header("Authorization", "Bearer " + twoAuthor)
                .exchange().expectStatus().isNoContent();
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(rating(rated)).isEqualTo(unrated()));
        assertThat(fixtures.count("SELECT rating_sum FROM products WHERE id = :id", rated.id())).isZero();
    }

    @Test
    void hostileTextIsStoredAsTextAndNeverSentAsMarkup() {
        Product product = fixtures.product();
        UUID buyer = fixtures.buyerOf(product);
        String title = "<script>alert(1)</script>\u202Egnp.exe";
        String body = "<img src=x onerror=alert(document.cookie)>\u0000\u001b[31m & 'quotes' \"double\"\r\nline two";
        byte[] raw = write(fixtures.customerToken(buyer), product.id(), Map.of("rating", 1, "title", title, "body", body))
                .expectStatus().isCreated()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueMatches("Content-Security-Policy", "default-src 'none'.*")
                .expectBody().returnResult().getResponseBodyContent();
        String json = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
        // no tag, no angle bracket in the bytes: HTML-significant characters are JSON escapes
        assertThat(json).doesNotContain("<").doesNotContain(">").doesNotContain("&").contains("\\u003Cscript\\u003E");
        UUID id = UUID.fromString(json.replaceAll(".*\"id\":\"([0-9a-f-]{36})\".*", "$1"));
        moderate(fixtures.adminToken(), id, "publish").expectStatus().isOk();

        // any JSON reader gets the text back as written, minus control and direction-override characters
        Map<String, Object> shown = published(product).get(0);
        assertThat(shown.get("title")).isEqualTo("<script>alert(1)</script>gnp.exe");
        assertThat(shown.get("body")).isEqualTo("<img src=x onerror=alert(document.cookie)>[31m & 'quotes' \"double\"\nline two");
        assertThat(db.sql("SELECT title FROM reviews WHERE id = :id").bind("id", id)
                .map(row -> row.get("title", String.class)).one().block()).isEqualTo("<script>alert(1)</script>gnp.exe");
    }

    @Test
    void anErasedAuthorsReviewsStayAnonymousWithTheRating() {
        Product product = fixtures.product();
        UUID author = fixtures.buyerOf(product);
        UUID published = review(product, author, 4, "Keeps its shine");
        moderate(fixtures.adminToken(), published, "publish").expectStatus().isOk();
        Product other = fixtures.product();
        UUID pending = review(other, author(other, author), 2, "Dim");
        await().atMost(EVENTUALLY).untilAsserted(() ->
                assertThat(rating(product)).isEqualTo(Map.of("average", 4.0, "count", 1)));

        assertThat((List<?>) reviewsSection().export(author).block()).hasSize(2);
        erase(author);
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(author(published)).isNull());
        assertThat(author(pending)).isNull();
        // kept, shown and counted as before; the author can no longer be found through them
        assertThat(published(product)).extracting(r -> r.get("title")).containsExactly("Keeps its shine");
        assertThat(rating(product)).isEqualTo(Map.of("average", 4.0, "count", 1));
        assertThat((List<?>) reviewsSection().export(author).block()).isEmpty();
        // the event again: nothing left to change, nothing fails
        erase(author);
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(db.sql(
                        "SELECT count(*) FROM processed_events WHERE handler = 'reviews.account-erased' AND event_id IN "
                                + "(SELECT id FROM outbox_events WHERE event_type = 'AccountErased' AND event_key = :key)")
                .bind("key", author.toString()).map(row -> row.get(0, Long.class)).one().block()).isEqualTo(2));
        assertThat(fixtures.count("SELECT count(*) FROM reviews WHERE product_id = :id", product.id())).isEqualTo(1);
    }

    /** The same customer also received {@code product}. */
    private UUID author(Product product, UUID customer) {
        fixtures.order(customer, product, "DELIVERED");
        return customer;
    }

    private UUID review(Product product, UUID buyer, int stars, String title) {
        byte[] body = write(fixtures.customerToken(buyer), product.id(), review(stars, title)).expectStatus().isCreated()
                .expectBody().returnResult().getResponseBodyContent();
        return UUID.fromString(new String(body, java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll(".*\"id\":\"([0-9a-f-]{36})\".*", "$1"));
    }

    private void erase(UUID account) {
        outbox.append(new dev.surge.identity.AccountErased(account, java.time.Instant.now())).as(tx::transactional).block();
    }

    private dev.surge.platform.privacy.PersonalDataSection reviewsSection() {
        return sections.stream().filter(section -> section.name().equals("reviews")).findFirst().orElseThrow();
    }

    private UUID review(Product product, int stars, String title) {
        UUID buyer = fixtures.buyerOf(product);
        byte[] body = write(fixtures.customerToken(buyer), product.id(), review(stars, title)).expectStatus().isCreated()
                .expectBody().returnResult().getResponseBodyContent();
        return UUID.fromString(new String(body, java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll(".*\"id\":\"([0-9a-f-]{36})\".*", "$1"));
    }

    /** The rating of a product without published reviews: no average. */
    private static Map<String, Object> unrated() {
        Map<String, Object> rating = new java.util.HashMap<>();
        rating.put("average", null);
        rating.put("count", 0);
        return rating;
    }

    /** The review's author; null once anonymised. */
    private UUID author(UUID review) {
        return db.sql("SELECT author_id FROM reviews WHERE id = :id").bind("id", review)
                .map(row -> java.util.Optional.ofNullable(row.get("author_id", UUID.class))).one().block().orElse(null);
    }

    private static Map<String, Object> review(int stars, String title) {
        return Map.of("rating", stars, "title", title, "body", "Written by a test");
    }

    private WebTestClient.ResponseSpec write(String token, Object productId, Object body) {
        WebTestClient.RequestBodySpec request = http.post().uri("/api/v1/products/{id}/reviews", productId)
                .contentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec moderate(String token, UUID review, String action) {
        return http.post().uri("/api/v1/reviews/{id}/" + action, review).header("Authorization", "Bearer " + token)
                .exchange();
    }

    private long reviewsOf(Product product) {
        return fixtures.count("SELECT count(*) FROM reviews WHERE product_id = :id", product.id());
    }

    private Object rating(Product product) {
        return http.get().uri("/api/v1/products/{id}", product.id()).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody().get("rating");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> published(Product product) {
        return (List<Map<String, Object>>) http.get().uri("/api/v1/products/{id}/reviews", product.id()).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody().get("items");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> listed(String uri) {
        return (List<Map<String, Object>>) http.get().uri(uri).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody().get("items");
    }
}
