package dev.surge.wishlists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.surge.catalog.ProductChanged;
import dev.surge.inventory.StockLevelChanged;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.Outbox;
import dev.surge.platform.security.AccessTokens;
import dev.surge.support.CatalogRows;
import dev.surge.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Wishlists over HTTP, and their alerts: once per change, only to customers who asked, through notifications. */
class WishlistsIntegrationTests extends IntegrationTest {

    /**
     * Alerts follow the catalog's and inventory's topics, which earlier tests of the suite fill with thousands of
     * events (the 1,000-row CSV import, the demo seeder): a new consumer group works through that backlog first.
     * In the full suite the first alert took longer than 30 s (it arrives in a couple of seconds when run alone).
     */
    private static final Duration EVENTUALLY = Duration.ofSeconds(120);

    @Autowired
    DatabaseClient db;
    @Autowired
    AccessTokens accessTokens;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionalOperator tx;
    @Autowired
    List<dev.surge.platform.privacy.PersonalDataSection> sections;
    @Autowired
    @Qualifier("wishlistStockWatch")
    EventHandler<StockLevelChanged> stockWatch;

    CatalogRows rows;

    @BeforeEach
    void setUp() {
        rows = new CatalogRows(db);
    }

    @Test
    void customersAddListAndRemoveVariantsPricedNow() {
        CatalogRows.Variant variant = rows.variant(3, 2_500, "USD", null);
        UUID customer = rows.user("CUSTOMER", null, "wisher");
        String token = token(customer);

        http.get().uri("/api/v1/wishlist").exchange().expectStatus().isUnauthorized();
        put(token, UUID.randomUUID(), null).expectStatus().isNotFound();
        http.put().uri("/api/v1/wishlist/items/not-a-uuid").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isNotFound();
        http.put().uri("/api/v1/wishlist/items/{v}", variant.id()).header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"alerts\":").exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        put(token, variant.id(), Map.of("alerts", List.of())).expectStatus().isBadRequest();
        assertThat(items(token)).isEmpty();

        put(token, variant.id(), null).expectStatus().isOk().expectBody()
                .jsonPath("$.variantId").isEqualTo(variant.id().toString())
                .jsonPath("$.price.amountMinor").isEqualTo(2500)
                .jsonPath("$.available").isEqualTo(true)
                .jsonPath("$.alerts").isEqualTo(false);
        put(token, variant.id(), Map.of("alerts", true)).expectStatus().isOk().expectBody()
                .jsonPath("$.alerts").isEqualTo(true);
        List<Map<String, Object>> listed = items(token);
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0)).containsEntry("variantId", variant.id().toString()).containsEntry("alerts", true)
                .containsEntry("available", true).containsEntry("productTitle", "Desk lamp");
        assertThat(items(token(rows.user("CUSTOMER", null, "other")))).isEmpty();

        http.delete().uri("/api/v1/wishlist/items/{v}", variant.id()).header("Authorization", "Bearer " + token(
                rows.user("CUSTOMER", null, "other"))).exchange().expectStatus().isNotFound();
        http.delete().uri("/api/v1/wishlist/items/{v}", variant.id()).header("Authorization", "Bearer " + token)
                .exchange().expectStatus().isNoContent();
        http.delete().uri("/api/v1/wishlist/items/{v}", variant.id()).header("Authorization", "Bearer " + token)
                .exchange().expectStatus().isNotFound();
        assertThat(items(token)).isEmpty();
    }

    @Test
    void customersWhoAskedAreEmailedOncePerChange() {
        CatalogRows.Variant variant = rows.variant(0, 4_000, "USD", null);
        UUID watcher = rows.user("CUSTOMER", null, "watcher");
        UUID quiet = rows.user("CUSTOMER", null, "quiet");
        put(token(watcher), variant.id(), Map.of("alerts", true)).expectStatus().isOk()
                .expectBody().jsonPath("$.available").isEqualTo(false);
        put(token(quiet), variant.id(), null).expectStatus().isOk();

        // back in stock: one email to the customer who asked
        restock(variant.id(), 5);
        await().atMost(EVENTUALLY).untilAsserted(() ->
                assertThat(emails(watcher, "wishlist-back-in-stock")).isEqualTo(1));
        // more units of a variant already in stock are not news
        restock(variant.id(), 9);

        // a price drop: one email; a change that is not a drop (or no change at all): none
        changePrice(variant.id(), 3_000);
        await().atMost(EVENTUALLY).untilAsserted(() ->
                assertThat(emails(watcher, "wishlist-price-drop")).isEqualTo(1));
        changePrice(variant.id(), 3_000);
        changePrice(variant.id(), 3_500);
        // the rise is applied (what the customer saw moves up), so a drop from there is a new change
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(seenPrice(watcher, variant.id())).isEqualTo(3_500));
        changePrice(variant.id(), 3_200);
        await().atMost(EVENTUALLY).untilAsserted(() ->
                assertThat(emails(watcher, "wishlist-price-drop")).isEqualTo(2));

        assertThat(emails(watcher, "wishlist-back-in-stock")).isEqualTo(1);
        assertThat(emails(quiet, "wishlist-back-in-stock") + emails(quiet, "wishlist-price-drop")).isZero();
        assertThat(db.sql("SELECT subject FROM notifications WHERE template = 'wishlist-price-drop' "
                        + "AND recipient = (SELECT email FROM users WHERE id = :id) ORDER BY created_at")
                .bind("id", watcher).map(row -> row.get("subject", String.class)).all().collectList().block())
                .containsExactly("Desk lamp is now 30.00 USD", "Desk lamp is now 32.00 USD");
    }

    @Test
    void anErasedAccountsWishlistIsDeletedOnceAndExportedBefore() {
        CatalogRows.Variant first = rows.variant(2, 1_000, "USD", null);
        CatalogRows.Variant second = rows.variant(2, 1_000, "USD", null);
        UUID customer = rows.user("CUSTOMER", null, "erased");
        UUID other = rows.user("CUSTOMER", null, "kept");
        put(token(customer), first.id(), Map.of("alerts", true)).expectStatus().isOk();
        put(token(customer), second.id(), null).expectStatus().isOk();
        put(token(other), first.id(), null).expectStatus().isOk();

        Object exported = sections.stream().filter(section -> section.name().equals("wishlists")).findFirst()
                .orElseThrow().export(customer).block();
        assertThat((List<?>) exported).hasSize(2);

        erase(customer);
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(items(token(customer))).isEmpty());
        // the event again (redelivered, or a second erasure request): nothing more to do, nothing fails
        erase(customer);
        assertThat(items(token(other))).hasSize(1);
        assertThat((List<?>) sections.stream().filter(section -> section.name().equals("wishlists")).findFirst()
                .orElseThrow().export(customer).block()).isEmpty();
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(db.sql(
                        "SELECT count(*) FROM processed_events WHERE handler = 'wishlists.account-erased' AND event_id IN "
                                + "(SELECT id FROM outbox_events WHERE event_type = 'AccountErased' AND event_key = :key)")
                .bind("key", customer.toString()).map(row -> row.get(0, Long.class)).one().block()).isEqualTo(2));
    }

    /**
     * Stock events that arrive together: a run that says the same thing moves the item once, to its newest version; a
     * sell-out and restock inside the batch still moves it out and back in, so its watcher hears of it (once).
     */
    @Test
    void aBatchThatSellsOutAndRestocksAlertsOnce() {
        CatalogRows.Variant variant = rows.variant(4, 4_000, "USD", null);
        UUID watcher = rows.user("CUSTOMER", null, "batch-watcher");
        put(token(watcher), variant.id(), Map.of("alerts", true)).expectStatus().isOk()
                .expectBody().jsonPath("$.available").isEqualTo(true);
        long v = 1_000_000_000L; // above any version inventory gave this variant's row
        List<StockLevelChanged> batch = List.of(new StockLevelChanged(variant.id(), 4, 1, v + 1),
                new StockLevelChanged(variant.id(), 4, 4, v + 2), new StockLevelChanged(variant.id(), 6, 4, v + 3),
                new StockLevelChanged(variant.id(), 9, 4, v + 4));
        stockWatch.handleAll(batch, List.of()).as(tx::transactional).block();
        assertThat(backInStockAlerts(watcher, variant.id())).isEqualTo(1);
        assertThat(db.sql("SELECT stock_version FROM wishlist_items WHERE user_id = :u AND variant_id = :v")
                .bind("u", watcher).bind("v", variant.id()).map(row -> row.get(0, Long.class)).one().block())
                .isEqualTo(v + 4);

        stockWatch.handleAll(List.of(new StockLevelChanged(variant.id(), 9, 5, v + 5),
                new StockLevelChanged(variant.id(), 9, 6, v + 6)), List.of()).as(tx::transactional).block();
        assertThat(backInStockAlerts(watcher, variant.id())).isEqualTo(1);
    }

    private long backInStockAlerts(UUID user, UUID variant) {
        return db.sql("SELECT count(*) FROM outbox_events WHERE event_type = 'WishedVariantBackInStock' "
                        + "AND payload->>'userId' = :u AND payload->>'variantId' = :v")
                .bind("u", user.toString()).bind("v", variant.toString()).map(row -> row.get(0, Long.class)).one()
                .block();
    }

    private void erase(UUID account) {
        outbox.append(new dev.surge.identity.AccountErased(account, java.time.Instant.now())).as(tx::transactional).block();
    }

    private void restock(UUID variant, int onHand) {
        http.put().uri("/api/v1/admin/inventory/{v}", variant)
                .header("Authorization", "Bearer " + accessTokens.issue(UUID.randomUUID(), UUID.randomUUID(), "ADMIN", null)
                        .block().value())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("onHand", onHand, "reason", "delivery"))
                .exchange().expectStatus().isOk();
    }

    private void changePrice(UUID variant, long price) {
        db.sql("UPDATE product_variants SET price_minor = :price WHERE id = :id RETURNING product_id")
                .bind("price", price).bind("id", variant).map(row -> row.get("product_id", UUID.class)).one()
                .flatMap(product -> outbox.append(new ProductChanged(product, List.of())))
                .as(tx::transactional).block();
    }

    private long emails(UUID user, String template) {
        return db.sql("SELECT count(*) FROM notifications WHERE template = :t "
                        + "AND recipient = (SELECT email FROM users WHERE id = :id)")
                .bind("t", template).bind("id", user).map(row -> row.get(0, Long.class)).one().block();
    }

    private long seenPrice(UUID user, UUID variant) {
        return db.sql("SELECT seen_price_minor FROM wishlist_items WHERE user_id = :u AND variant_id = :v")
                .bind("u", user).bind("v", variant).map(row -> row.get(0, Long.class)).one().block();
    }

    private WebTestClient.ResponseSpec put(String token, UUID variant, Object body) {
        WebTestClient.RequestBodySpec request = http.put().uri("/api/v1/wishlist/items/{v}", variant)
                .header("Authorization", "Bearer " + token);
        return body == null ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> items(String token) {
        return (List<Map<String, Object>>) http.get().uri("/api/v1/wishlist").header("Authorization", "Bearer " + token)
                .exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody().get("items");
    }

    private String token(UUID customer) {
        return accessTokens.issue(customer, UUID.randomUUID(), "CUSTOMER", null).block().value();
    }
}
