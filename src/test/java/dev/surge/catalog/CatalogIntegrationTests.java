package dev.surge.catalog;

import dev.surge.catalog.data.ListingCache;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.catalog.CatalogFixtures.Merchant;
import dev.surge.catalog.CatalogFixtures.Product;
import dev.surge.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

class CatalogIntegrationTests extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    DatabaseClient db;

    @Autowired
    ListingCache listingCache;

    CatalogFixtures fixtures;
    Merchant merchant;

    @BeforeEach
    void setUp() {
        fixtures = new CatalogFixtures(db, listingCache);
        merchant = fixtures.merchant();
    }

    @ParameterizedTest
    @ValueSource(strings = {"newest", "price_asc", "price_desc"})
    void pagesThroughEveryProductOnceInOrder(String sort) {
        UUID category = fixtures.category(null, CatalogFixtures.unique("cat"));
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // a few equal prices, so the id tie-breaker is exercised
            created.add(fixtures.product(merchant, category, "Item " + i, 1_000 + (i % 7) * 100, 5, false).id());
        }

        List<Map<String, Object>> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> page = get("/api/v1/products?merchant=" + merchant.slug() + "&sort=" + sort + "&limit=5"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            seen.addAll(items(page));
            cursor = (String) page.get("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(5);
        assertThat(seen).extracting(p -> UUID.fromString((String) p.get("id"))).containsExactlyInAnyOrderElementsOf(created);
        List<Long> prices = seen.stream().map(CatalogIntegrationTests::price).toList();
        List<UUID> ids = seen.stream().map(p -> UUID.fromString((String) p.get("id"))).toList();
        switch (sort) {
            case "newest" -> assertThat(ids).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            case "price_asc" -> assertThat(prices).isSorted();
            default -> assertThat(prices).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        }
    }

    @Test
    void filtersByCategoryIncludingDescendantsPriceAndStock() {
        String rootSlug = CatalogFixtures.unique("root");
        UUID root = fixtures.category(null, rootSlug);
        UUID child = fixtures.category(root, CatalogFixtures.unique("child"));
        UUID grandChild = fixtures.category(child, CatalogFixtures.unique("grandchild"));
        UUID other = fixtures.category(null, CatalogFixtures.unique("other"));
        Product inRoot = fixtures.product(merchant, root, "Root Thing", 500, 3, false);
        Product inGrandChild = fixtures.product(merchant, grandChild, "Deep Thing", 2_500, 0, false);
        fixtures.product(merchant, other, "Elsewhere Thing", 1_500, 3, false);

        assertThat(ids(get("/api/v1/products?category=" + rootSlug))).containsExactlyInAnyOrder(inRoot.id(), inGrandChild.id());
        assertThat(ids(get("/api/v1/products?category=" + root + "&inStock=true"))).containsExactly(inRoot.id());
        assertThat(ids(get("/api/v1/products?category=" + rootSlug + "&inStock=false"))).containsExactly(inGrandChild.id());
        assertThat(ids(get("/api/v1/products?merchant=" + merchant.id() + "&minPrice=1000&maxPrice=3000")))
                .containsExactlyInAnyOrder(inGrandChild.id(), fixturesProductId("Elsewhere Thing"));
        assertThat(ids(get("/api/v1/products?merchant=" + merchant.slug() + "&minPrice=1000&currency=EUR"))).isEmpty();
    }

    @Test
    void priceSortsCompareOneCurrencyOnly() {
        UUID category = fixtures.category(null, CatalogFixtures.unique("cat"));
        Product dollars = fixtures.product(merchant, category, "Dollar Thing", "Priced in USD.", 1_000, "USD", 1, false);
        Product euros = fixtures.product(merchant, category, "Euro Thing", "Priced in EUR.", 500, "EUR", 1, false);

        assertThat(ids(get("/api/v1/products?merchant=" + merchant.slug() + "&sort=price_asc"))).containsExactly(dollars.id());
        assertThat(ids(get("/api/v1/products?merchant=" + merchant.slug() + "&sort=price_asc&currency=eur"))).containsExactly(euros.id());
        assertThat(ids(get("/api/v1/products?merchant=" + merchant.slug()))).containsExactlyInAnyOrder(dollars.id(), euros.id());
    }

    @Test
    void unknownCategoryOrMerchantIsA404Problem() {
        problem("/api/v1/products?category=no-such-category", 404, "category_not_found");
        problem("/api/v1/products?merchant=" + UUID.randomUUID(), 404, "merchant_not_found");
    }

    @Test
    void productDetailByIdOrSlugWithVariantsImagesAndEtag() {
        UUID category = fixtures.category(null, CatalogFixtures.unique("cat"));
        Product product = fixtures.product(merchant, category, "Detail Lamp", 4_200, 7, false);

        Map<String, Object> byId = get("/api/v1/products/" + product.id());
        Map<String, Object> bySlug = get("/api/v1/products/" + product.slug());
        assertThat(bySlug).isEqualTo(byId);
        assertThat(byId.get("slug")).isEqualTo(product.slug());
        assertThat((List<?>) byId.get("variants")).hasSize(1);
        assertThat((List<?>) byId.get("images")).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> variant = ((List<Map<String, Object>>) byId.get("variants")).get(0);
        assertThat(variant.get("attributes")).isEqualTo(Map.of("color", "black"));
        assertThat(variant.get("inStock")).isEqualTo(true);
        assertThat(variant).doesNotContainKey("stockOnHand");

        String etag = http.get().uri("/api/v1/products/" + product.id()).exchange()
                .expectStatus().isOk()
                .expectHeader().exists(HttpHeaders.ETAG)
                .expectHeader().valueMatches(HttpHeaders.CACHE_CONTROL, ".*max-age=\\d+.*")
                .returnResult(String.class).getResponseHeaders().getETag();
        http.get().uri("/api/v1/products/" + product.id()).header(HttpHeaders.IF_NONE_MATCH, etag).exchange()
                .expectStatus().isNotModified()
                .expectBody().isEmpty();
    }

    @Test
    void unknownOrMalformedProductIsA404Problem() {
        problem("/api/v1/products/" + UUID.randomUUID(), 404, "product_not_found");
        problem("/api/v1/products/no-such-product-slug", 404, "product_not_found");
        problemFor(http.get().uri("/api/v1/products/{id}", "<script>"), 404, "product_not_found");
        problemFor(http.get().uri("/api/v1/products/{id}", "../../etc/passwd"), 400, "rejected_request");
    }

    @Test
    void searchRanksPrefixesAndToleratesOneTypo() {
        UUID category = fixtures.category(null, CatalogFixtures.unique("cat"));
        String word = "zorblat" + letters(4);
        Product strong = fixtures.product(merchant, category, "Crimson " + word + " Kettle",
                "A kettle.", 2_000, "USD", 3, false);
        Product weak = fixtures.product(merchant, category, "Plain Teapot",
                "Pairs well with any " + word + " kettle.", 1_000, "USD", 3, false);

        assertThat(ids(get("/api/v1/search?q=" + word))).containsExactly(strong.id(), weak.id());
        assertThat(ids(get("/api/v1/search?q=" + word.substring(0, 6)))).contains(strong.id(), weak.id());
        String typo = word.substring(0, 3) + word.substring(4); // one letter dropped
        assertThat(ids(get("/api/v1/search?q=" + typo))).contains(strong.id());
        assertThat(ids(get("/api/v1/products?q=crimson+" + word + "&merchant=" + merchant.slug()))).containsExactly(strong.id());

        Map<String, Object> first = get("/api/v1/search?q=" + word + "&limit=1");
        assertThat(ids(first)).containsExactly(strong.id());
        Map<String, Object> second = get("/api/v1/search?q=" + word + "&limit=1&cursor=" + first.get("nextCursor"));
        assertThat(ids(second)).containsExactly(weak.id());
        assertThat(second.get("nextCursor")).isNull();
    }

    @Test
    void searchNeedsAQuery() {
        problem("/api/v1/search", 400, "validation_failed");
        problemFor(http.get().uri("/api/v1/search?q={q}", "   "), 400, "validation_failed");
        problem("/api/v1/products?sort=relevance", 400, "validation_failed");
        problem("/api/v1/search?q=" + "x".repeat(201), 400, "validation_failed");
        problemFor(http.get().uri("/api/v1/search?q={q}", "!!! ---"), 400, "validation_failed");
        problemFor(http.get().uri("/api/v1/products?q={q}&limit=1", "?"), 400, "validation_failed");
    }

    @Test
    void featuredListsOnlyFeaturedProducts() {
        UUID category = fixtures.category(null, CatalogFixtures.unique("cat"));
        Product featured = fixtures.product(merchant, category, "Star Product", 999, 1, true);
        Product plain = fixtures.product(merchant, category, "Plain Product", 999, 1, false);

        List<UUID> ids = ids(get("/api/v1/products/featured?limit=48"));
        assertThat(ids).contains(featured.id()).doesNotContain(plain.id());
        problem("/api/v1/products/featured?limit=49", 400, "validation_failed");
    }

    @Test
    void featuredProductsFollowTheMerchandisersOrderThenNewest() {
        UUID category = fixtures.category(null, CatalogFixtures.unique("cat"));
        Product first = fixtures.product(merchant, category, "Hero Product", 999, 1, true);
        Product second = fixtures.product(merchant, category, "Sidekick Product", 999, 1, true);
        Product unordered = fixtures.product(merchant, category, "Newest Product", 999, 1, true);
        db.sql("UPDATE products SET featured_position = CASE id WHEN :first THEN 0 ELSE 1 END WHERE id IN (:first, :second)")
                .bind("first", first.id()).bind("second", second.id()).then().block();

        // limit=47: a URL no other test reads, so no cached first page is in the way.
        List<UUID> ids = ids(get("/api/v1/products/featured?limit=47"));
        assertThat(ids).contains(first.id(), second.id(), unordered.id());
        assertThat(ids.indexOf(first.id())).isLessThan(ids.indexOf(second.id()));
        assertThat(ids.indexOf(second.id())).isLessThan(ids.indexOf(unordered.id()));
    }

    @Test
    void categoriesComeAsATree() {
        String rootSlug = CatalogFixtures.unique("tree-root");
        UUID root = fixtures.category(null, rootSlug);
        String childSlug = CatalogFixtures.unique("tree-child");
        fixtures.category(root, childSlug);

        Map<String, Object> tree = get("/api/v1/categories");
        Map<String, Object> rootNode = items(tree).stream().filter(n -> rootSlug.equals(n.get("slug"))).findFirst().orElseThrow();
        assertThat((List<?>) rootNode.get("children")).singleElement()
                .satisfies(child -> assertThat(((Map<?, ?>) child).get("slug")).isEqualTo(childSlug));
    }

    @Test
    void cursorsAreTamperEvidentAndBoundToTheirFilters() {
        UUID category = fixtures.category(null, CatalogFixtures.unique("cat"));
        for (int i = 0; i < 3; i++) {
            fixtures.product(merchant, category, "Cursor Item " + i, 100 + i, 1, false);
        }
        String cursor = (String) get("/api/v1/products?merchant=" + merchant.slug() + "&limit=1").get("nextCursor");
        assertThat(cursor).isNotNull();

        String[] parts = cursor.split("\\.");
        String forgedSignature = parts[0] + "." + (parts[1].charAt(0) == 'A' ? 'B' : 'A') + parts[1].substring(1);
        problem("/api/v1/products?merchant=" + merchant.slug() + "&limit=1&cursor=" + forgedSignature, 400, "invalid_cursor");
        problem("/api/v1/products?merchant=" + merchant.slug() + "&limit=1&cursor=not-a-cursor", 400, "invalid_cursor");
        problem("/api/v1/products?merchant=" + merchant.slug() + "&sort=price_asc&limit=1&cursor=" + cursor, 400, "invalid_cursor");
        problem("/api/v1/products?limit=1&cursor=" + cursor, 400, "invalid_cursor");
    }

    private static String letters(int count) {
        StringBuilder letters = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < count; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        return letters.toString();
    }

    private UUID fixturesProductId(String title) {
        return db.sql("SELECT id FROM products WHERE merchant_id = :m AND title = :t")
                .bind("m", merchant.id()).bind("t", title)
                .map(row -> row.get("id", UUID.class)).one().block();
    }

    private Map<String, Object> get(String uri) {
        return http.get().uri(uri).accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
    }

    private void problem(String uri, int status, String code) {
        problemFor(http.get().uri(uri), status, code);
    }

    private void problemFor(org.springframework.test.web.reactive.server.WebTestClient.RequestHeadersSpec<?> request,
            int status, String code) {
        request.exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo(code)
                .jsonPath("$.requestId").isNotEmpty()
                .jsonPath("$.status").isEqualTo(status);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    static List<UUID> ids(Map<String, Object> page) {
        return items(page).stream().map(p -> UUID.fromString((String) p.get("id"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static long price(Map<String, Object> product) {
        return ((Number) ((Map<String, Object>) product.get("price")).get("amountMinor")).longValue();
    }
}
