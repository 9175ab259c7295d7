package dev.surge.catalog;

import dev.surge.catalog.data.ListingCache;
import static dev.surge.catalog.ManagementClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Product pages, first list pages and the category tree are served from Redis, and a change made through
 * the management API is visible on the very next read of each (no waiting for the event).
 */
class CatalogCacheFreshnessIntegrationTests extends IntegrationTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    ListingCache listingCache;
    @Autowired
    ReactiveStringRedisTemplate redis;

    @Test
    void anUpdateIsVisibleOnTheNextReadOfDetailListAndTree() {
        CatalogFixtures fixtures = new CatalogFixtures(db, listingCache);
        ManagementClient client = new ManagementClient(http, db);
        CatalogFixtures.Merchant merchant = fixtures.merchant();
        String seller = client.seller(merchant.id());
        String admin = client.signedInAs("ADMIN", null);
        Map<String, Object> category = client.call(HttpMethod.POST, "/api/v1/admin/categories", admin, null,
                Map.of("name", CatalogFixtures.unique("Lamps"))).expectStatus().isCreated()
                .expectBody(JSON).returnResult().getResponseBody();
        Map<String, Object> created = client.call(HttpMethod.POST, "/api/v1/merchants/" + merchant.id() + "/products", seller, null,
                        Map.of("title", "Desk Lamp", "categoryId", category.get("id"), "variants", List.of(Map.of(
                                "sku", ManagementClient.unique("LAMP"), "price", Map.of("amountMinor", 4_500, "currency", "USD")))))
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
        String id = (String) created.get("id");
        String slug = (String) created.get("slug");
        String variant = (String) CatalogManagementIntegrationTests.variants(created).get(0).get("id");
        String list = "/api/v1/products?merchant=" + merchant.slug();

        // Warm every cache, and check the reads are served from Redis.
        assertThat(detailTitle(slug)).isEqualTo("Desk Lamp");
        assertThat(listFirst(list)).containsEntry("title", "Desk Lamp");
        assertThat(treeNames()).contains((String) category.get("name"));
        assertThat(redis.hasKey("surge:catalog:page:" + id).block()).isTrue();
        assertThat(redis.keys("surge:catalog:cache:listings:*").collectList().block()).isNotEmpty();
        assertThat(redis.keys("surge:catalog:cache:categories:*").collectList().block()).isNotEmpty();
        String etag = http.get().uri(list).exchange().expectStatus().isOk().returnResult(String.class)
                .getResponseHeaders().getETag();
        http.get().uri(list).ifNoneMatch(etag).exchange().expectStatus().isNotModified()
                .expectHeader().valueEquals("Cache-Control", "max-age=30, public");

        // Change title and price; the very next reads show them.
        client.call(HttpMethod.PATCH, "/api/v1/merchants/" + merchant.id() + "/products/" + id, seller, "\"1\"",
                Map.of("title", "Desk Lamp Pro")).expectStatus().isOk();
        client.call(HttpMethod.PATCH, "/api/v1/merchants/" + merchant.id() + "/products/" + id + "/variants/" + variant,
                seller, "\"2\"", Map.of("price", Map.of("amountMinor", 3_900, "currency", "USD"))).expectStatus().isOk();
        Map<String, Object> detail = http.get().uri("/api/v1/products/" + slug).exchange().expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(detail).containsEntry("title", "Desk Lamp Pro");
        assertThat(((Map<?, ?>) detail.get("price")).get("amountMinor")).isEqualTo(3_900);
        Map<String, Object> item = listFirst(list);
        assertThat(item).containsEntry("title", "Desk Lamp Pro");
        assertThat(((Map<?, ?>) item.get("price")).get("amountMinor")).isEqualTo(3_900);
        http.get().uri(list).ifNoneMatch(etag).exchange().expectStatus().isOk();

        // A category rename shows in the tree at once.
        client.call(HttpMethod.PATCH, "/api/v1/admin/categories/" + category.get("id"), admin, null,
                Map.of("name", "Reading Lamps " + UUID.randomUUID().toString().substring(0, 4))).expectStatus().isOk();
        assertThat(treeNames()).noneMatch(name -> name.equals(category.get("name")))
                .anyMatch(name -> name.startsWith("Reading Lamps"));
    }

    private String detailTitle(String slug) {
        return (String) http.get().uri("/api/v1/products/" + slug).exchange().expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody().get("title");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> listFirst(String uri) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) http.get().uri(uri).exchange().expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody().get("items");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    @SuppressWarnings("unchecked")
    private List<String> treeNames() {
        List<Map<String, Object>> roots = (List<Map<String, Object>>) http.get().uri("/api/v1/categories").exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody().get("items");
        return roots.stream().map(root -> (String) root.get("name")).toList();
    }
}
