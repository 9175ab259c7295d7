package dev.surge.catalog;

import static dev.surge.catalog.CatalogIntegrationTests.ids;
import static dev.surge.catalog.CatalogIntegrationTests.items;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.catalog.CatalogFixtures.Merchant;
import dev.surge.catalog.CatalogFixtures.Product;
import dev.surge.support.IntegrationTest;
import dev.surge.catalog.data.ListingCache;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/** Attribute filters, facet counts, and sorts with cursors under every filter, over HTTP. */
class SearchIntegrationTests extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    DatabaseClient db;

    @Autowired
    ListingCache listingCache;

    CatalogFixtures fixtures;
    Merchant merchant;
    String rootSlug;
    String childSlug;
    String otherSlug;
    Product redMediumSoldOutBlueLarge;
    Product redLarge;
    Product greenMedium;

    /**
     * Three products of one merchant (each also has the fixture's default variant {"color": "black"}):
     * A: Red/M (no stock) and Blue/L (stock), price 1500, in child; B: Red/L, 3000, in child; C: Green/M, 12000, in other.
     */
    @BeforeEach
    void setUp() {
        fixtures = new CatalogFixtures(db, listingCache);
        merchant = fixtures.merchant();
        rootSlug = CatalogFixtures.unique("root");
        childSlug = CatalogFixtures.unique("child");
        otherSlug = CatalogFixtures.unique("other");
        UUID root = fixtures.category(null, rootSlug);
        UUID child = fixtures.category(root, childSlug);
        UUID other = fixtures.category(null, otherSlug);
        redMediumSoldOutBlueLarge = fixtures.product(merchant, child, "Facet Shirt", 1_500, 0, false);
        fixtures.variant(redMediumSoldOutBlueLarge, "{\"colour\": \"Red\", \"size\": \"M\"}", 1_500, 0);
        fixtures.variant(redMediumSoldOutBlueLarge, "{\"colour\": \"Blue\", \"size\": \"L\"}", 1_500, 5);
        redLarge = fixtures.product(merchant, child, "Facet Jumper", 3_000, 0, false);
        fixtures.variant(redLarge, "{\"colour\": \"Red\", \"size\": \"L\"}", 3_000, 3);
        greenMedium = fixtures.product(merchant, other, "Facet Coat", 12_000, 0, false);
        fixtures.variant(greenMedium, "{\"colour\": \"Green\", \"size\": \"M\"}", 12_000, 2);
    }

    @Test
    void oneVariantMustMatchEveryAttribute() {
        assertThat(ids(list("attr.colour=Red"))).containsExactlyInAnyOrder(redMediumSoldOutBlueLarge.id(), redLarge.id());
        assertThat(ids(list("attr.colour=Red&attr.size=M"))).containsExactly(redMediumSoldOutBlueLarge.id());
        // A has a red variant and a large one, but no red large one
        assertThat(ids(list("attr.colour=Red&attr.size=L"))).containsExactly(redLarge.id());
        assertThat(ids(list("attr.size=M,L&attr.colour=Green,Blue")))
                .containsExactlyInAnyOrder(redMediumSoldOutBlueLarge.id(), greenMedium.id());
        assertThat(ids(list("attr.colour=red"))).as("values are exact").isEmpty();
        assertThat(ids(list("attr.colour=Red&category=" + otherSlug))).isEmpty();
        assertThat(ids(list("attr.color=black&minPrice=2000&maxPrice=20000")))
                .containsExactlyInAnyOrder(redLarge.id(), greenMedium.id());
    }

    @Test
    void inStockWithAttributesMeansAMatchingVariantInStock() {
        // A's red variant is sold out; its blue one is not
        assertThat(ids(list("attr.colour=Red&inStock=true"))).containsExactly(redLarge.id());
        assertThat(ids(list("attr.colour=Red&inStock=false"))).containsExactly(redMediumSoldOutBlueLarge.id());
        assertThat(ids(list("attr.colour=Red&attr.size=M&inStock=true"))).isEmpty();
        assertThat(ids(list("attr.colour=Blue&inStock=true"))).containsExactly(redMediumSoldOutBlueLarge.id());
        assertThat(ids(list("inStock=true"))).hasSize(3);
    }

    @Test
    void attributeChangesReachTheFilterAtOnce() {
        db.sql("UPDATE product_variants SET attributes = '{\"colour\": \"Purple\"}' WHERE product_id = :id AND attributes ? 'colour'")
                .bind("id", greenMedium.id()).then().block();
        behindTheApi();
        assertThat(ids(list("attr.colour=Purple"))).containsExactly(greenMedium.id());
        assertThat(ids(list("attr.colour=Green"))).isEmpty();
        db.sql("DELETE FROM product_variants WHERE product_id = :id AND attributes ? 'colour'")
                .bind("id", greenMedium.id()).then().block();
        behindTheApi();
        assertThat(ids(list("attr.colour=Purple"))).isEmpty();
        // stock updates do not touch the derived columns, and filters still see stock
        db.sql("UPDATE product_variants SET stock_on_hand = 9 WHERE product_id = :id")
                .bind("id", redLarge.id()).then().block();
        behindTheApi();
        assertThat(ids(list("attr.colour=Red&attr.size=L&inStock=true"))).containsExactly(redLarge.id());
    }

    @Test
    void facetsCountTheWholeResult() {
        Map<String, Object> page = list("facets=true&limit=1");
        assertThat(items(page)).hasSize(1);
        Map<String, Object> facets = facets(page);

        assertThat(categoryCounts(facets)).isEqualTo(Map.of(rootSlug, 2L, childSlug, 2L, otherSlug, 1L));
        assertThat(priceCounts(facets)).isEqualTo(Map.of(0L, 0L, 1_000L, 1L, 2_500L, 1L, 5_000L, 0L, 10_000L, 1L,
                25_000L, 0L, 50_000L, 0L, 100_000L, 0L));
        assertThat(((Map<?, ?>) facets.get("price")).get("currency")).isEqualTo("USD");
        assertThat(attributeCounts(facets)).isEqualTo(Map.of(
                "colour", Map.of("Red", 2L, "Blue", 1L, "Green", 1L),
                "size", Map.of("M", 2L, "L", 2L),
                "color", Map.of("black", 3L)));
    }

    @Test
    void eachAttributeFacetIgnoresItsOwnFilterAndMatchesOtherFiltersOnTheSameVariant() {
        Map<String, Object> red = facets(list("facets=true&attr.colour=Red"));
        assertThat(attributeCounts(red)).isEqualTo(Map.of(
                "colour", Map.of("Red", 2L, "Blue", 1L, "Green", 1L),   // as if colour were not filtered
                "size", Map.of("M", 1L, "L", 1L)));                      // red M (A), red L (B)
        // no variant is both black and red: choosing color=black would find nothing, so it is not offered
        assertThat(categoryCounts(red)).isEqualTo(Map.of(rootSlug, 2L, childSlug, 2L));
        assertThat(priceCounts(red)).containsEntry(1_000L, 1L).containsEntry(2_500L, 1L).containsEntry(10_000L, 0L);

        Map<String, Object> redMedium = facets(list("facets=true&attr.colour=Red&attr.size=M"));
        assertThat(attributeCounts(redMedium)).isEqualTo(Map.of(
                "colour", Map.of("Red", 1L, "Green", 1L),   // the medium ones: A red, C green
                "size", Map.of("M", 1L, "L", 1L)));         // the red ones: A medium, B large
        assertThat(categoryCounts(redMedium)).isEqualTo(Map.of(rootSlug, 1L, childSlug, 1L));
    }

    @Test
    void priceFacetIgnoresThePriceRangeAndOtherFacetsKeepIt() {
        Map<String, Object> facets = facets(list("facets=true&minPrice=2000"));
        assertThat(priceCounts(facets)).containsEntry(1_000L, 1L).containsEntry(2_500L, 1L).containsEntry(10_000L, 1L);
        assertThat(categoryCounts(facets)).isEqualTo(Map.of(rootSlug, 1L, childSlug, 1L, otherSlug, 1L));
        assertThat(attributeCounts(facets).get("colour")).isEqualTo(Map.of("Red", 1L, "Green", 1L));
    }

    @Test
    void facetsFollowTextSearchCategoryAndStock() {
        assertThat(categoryCounts(facets(list("facets=true&q=jumper")))).isEqualTo(Map.of(rootSlug, 1L, childSlug, 1L));
        assertThat(categoryCounts(facets(list("facets=true&category=" + otherSlug)))).isEqualTo(Map.of(otherSlug, 1L));
        Map<String, Object> inStockRed = facets(list("facets=true&inStock=true&attr.colour=Red"));
        assertThat(categoryCounts(inStockRed)).isEqualTo(Map.of(rootSlug, 1L, childSlug, 1L));
        Map<String, Object> search = facets(get("/api/v1/search?q=facet&merchant=" + merchant.slug() + "&facets=true"));
        assertThat(categoryCounts(search)).containsEntry(rootSlug, 2L).containsEntry(otherSlug, 1L);
    }

    @Test
    void facetsOnlyOnAFirstPageThatAsksForThem() {
        Map<String, Object> first = list("facets=true&limit=2");
        assertThat(first).containsKey("facets");
        assertThat(list("limit=2")).doesNotContainKey("facets");
        Map<String, Object> second = list("facets=true&limit=2&cursor=" + first.get("nextCursor"));
        assertThat(second).doesNotContainKey("facets");
        assertThat(items(second)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"newest", "price_asc", "price_desc", "relevance"})
    void everySortPagesThroughFilteredResultsOnce(String sort) {
        UUID category = fixtures.category(null, CatalogFixtures.unique("paged"));
        String word = "pagewise" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[^a-z]", "q");
        List<UUID> expected = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            // equal prices and ranks, so the id tie-breaker is exercised; every third one is filtered out
            Product product = fixtures.product(merchant, category, (i % 2 == 0 ? word + " " : "") + "Paged " + word + " " + i,
                    "Paged product.", 1_000 + (i % 4) * 250, "USD", 0, false);
            boolean matches = i % 3 != 0;
            fixtures.variant(product, matches ? "{\"fit\": \"slim\", \"size\": \"S\"}" : "{\"fit\": \"wide\", \"size\": \"S\"}",
                    1_000, matches || i % 2 == 0 ? 4 : 0);
            if (matches) {
                expected.add(product.id());
            }
        }
        String filters = "q=" + word + "&category=" + category + "&attr.fit=slim&attr.size=S,M&inStock=true&minPrice=900"
                + "&sort=" + sort + "&limit=3";

        List<Map<String, Object>> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> page = list(filters + (cursor == null ? "&facets=true" : "&cursor=" + cursor));
            seen.addAll(items(page));
            cursor = (String) page.get("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).extracting(p -> UUID.fromString((String) p.get("id"))).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(pages).isEqualTo((expected.size() + 2) / 3);
        // the matches whose title starts with the word (2, 4, 8, 10) rank first
        List<Long> prices = seen.stream().map(SearchIntegrationTests::price).toList();
        switch (sort) {
            case "newest" -> assertThat(seen).extracting(p -> UUID.fromString((String) p.get("id")))
                    .isSortedAccordingTo(Comparator.reverseOrder());
            case "price_asc" -> assertThat(prices).isSorted();
            case "price_desc" -> assertThat(prices).isSortedAccordingTo(Comparator.reverseOrder());
            default -> assertThat(seen.subList(0, 4)).allSatisfy(p -> assertThat((String) p.get("title")).startsWith(word));
        }
    }

    @Test
    void aCursorIsBoundToItsAttributeFilters() {
        String cursor = (String) list("attr.size=M,L&limit=1").get("nextCursor");
        assertThat(cursor).isNotNull();
        assertThat(items(list("attr.size=L,M&limit=1&cursor=" + cursor))).hasSize(1);
        problem("/api/v1/products?merchant=" + merchant.slug() + "&attr.size=M&limit=1&cursor=" + cursor, 400, "invalid_cursor");
        problem("/api/v1/products?merchant=" + merchant.slug() + "&limit=1&cursor=" + cursor, 400, "invalid_cursor");
    }

    @Test
    void badAttributeAndFacetParametersAreProblemsNamingTheField() {
        badField("attr.=Red", "attr.", "malformed");
        badField("attr.col$our=Red", "attr.col$our", "malformed");
        badField("attr.colour=", "attr.colour", "required");
        badField("attr.colour=,,", "attr.colour", "required");
        badField("attr.colour=Red&attr.colour=Blue", "attr.colour", "repeated");
        badField("attr.colour=" + "x".repeat(101), "attr.colour", "malformed");
        badField("attr.colour=1,2,3,4,5,6,7,8,9,10,11", "attr.colour", "too_many");
        badField("attr.a=1&attr.b=1&attr.c=1&attr.d=1&attr.e=1&attr.f=1", "attr", "too_many");
        badField("facets=maybe", "facets", "not_a_boolean");
        badField("sort=cheapest", "sort", "not_allowed");
        badField("minPrice=ten", "minPrice", "not_a_number");
        // quotes, backslashes and jsonpath syntax are only ever values
        assertThat(ids(list("attr.colour=" + java.net.URLEncoder.encode("Red\" || @.size == \"M\\", java.nio.charset.StandardCharsets.UTF_8))))
                .isEmpty();
        assertThat(ids(list("attr.col_our-x=Red&facets=true"))).isEmpty();
        problem("/api/v1/search?q=facet&facets=true&category=no-such-category", 404, "category_not_found");
    }

    private void badField(String query, String field, String code) {
        http.get().uri("/api/v1/products?merchant=" + merchant.slug() + "&" + query).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("validation_failed")
                .jsonPath("$.errors[?(@.field == '" + field + "')].code").isEqualTo(code);
    }

    /** This test writes rows directly, so it drops the cached first pages the way a catalog writer does. */
    private void behindTheApi() {
        listingCache.invalidate(ListingCache.Scope.LISTINGS).block();
    }

    private Map<String, Object> list(String query) {
        return get("/api/v1/products?merchant=" + merchant.slug() + "&" + query);
    }

    private Map<String, Object> get(String uri) {
        return http.get().uri(uri).accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
    }

    private void problem(String uri, int status, String code) {
        http.get().uri(uri).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo(code);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> facets(Map<String, Object> page) {
        assertThat(page).containsKey("facets");
        return (Map<String, Object>) page.get("facets");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> categoryCounts(Map<String, Object> facets) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map<String, Object> category : (List<Map<String, Object>>) facets.get("categories")) {
            counts.put((String) category.get("slug"), ((Number) category.get("count")).longValue());
        }
        return counts;
    }

    @SuppressWarnings("unchecked")
    private static Map<Long, Long> priceCounts(Map<String, Object> facets) {
        Map<Long, Long> counts = new LinkedHashMap<>();
        for (Map<String, Object> bucket : (List<Map<String, Object>>) ((Map<String, Object>) facets.get("price")).get("buckets")) {
            counts.put(((Number) bucket.get("min")).longValue(), ((Number) bucket.get("count")).longValue());
        }
        return counts;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Long>> attributeCounts(Map<String, Object> facets) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        for (Map<String, Object> attribute : (List<Map<String, Object>>) facets.get("attributes")) {
            Map<String, Long> values = new LinkedHashMap<>();
            for (Map<String, Object> value : (List<Map<String, Object>>) attribute.get("values")) {
                values.put((String) value.get("value"), ((Number) value.get("count")).longValue());
            }
            counts.put((String) attribute.get("key"), values);
        }
        return counts;
    }

    @SuppressWarnings("unchecked")
    private static long price(Map<String, Object> product) {
        return ((Number) ((Map<String, Object>) product.get("price")).get("amountMinor")).longValue();
    }
}
