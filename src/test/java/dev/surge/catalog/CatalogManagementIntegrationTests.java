package dev.surge.catalog;

import dev.surge.catalog.data.ListingCache;
import static dev.surge.catalog.ManagementClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;

/** Sellers and admins manage products over HTTP: writes, versions (ETag/If-Match), rules, tenants. */
class CatalogManagementIntegrationTests extends IntegrationTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    ListingCache listingCache;

    CatalogFixtures fixtures;
    ManagementClient client;
    CatalogFixtures.Merchant merchant;
    UUID category;
    String seller;
    String base;

    @BeforeEach
    void setUp() {
        fixtures = new CatalogFixtures(db, listingCache);
        client = new ManagementClient(http, db);
        merchant = fixtures.merchant();
        category = fixtures.category(null, CatalogFixtures.unique("mgmt"));
        seller = client.seller(merchant.id());
        base = "/api/v1/merchants/" + merchant.id() + "/products";
    }

    Map<String, Object> product(String title, String... skus) {
        List<Map<String, Object>> variants = new java.util.ArrayList<>();
        for (int i = 0; i < skus.length; i++) {
            variants.add(Map.of("sku", skus[i], "title", "Size " + i, "price", Map.of("amountMinor", 2_000 + i * 500, "currency", "USD"),
                    "compareAtPrice", Map.of("amountMinor", 5_000, "currency", "USD"), "weightGrams", 300,
                    "attributes", Map.of("size", "S" + i, "colour", "Blue"), "stock", 5));
        }
        return Map.of("title", title, "description", "Warm and soft.", "categoryId", category.toString(), "variants", variants);
    }

    Map<String, Object> create(Map<String, Object> body) {
        return client.call(HttpMethod.POST, base, seller, null, body).expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody(JSON).returnResult().getResponseBody();
    }

    @Test
    void sellerCreatesUpdatesArchivesAndDeletesTheirProduct() {
        String sku = ManagementClient.unique("WOOL");
        Map<String, Object> created = create(product("Wool Jumper Deluxe", sku + "-S", sku + "-M"));
        String id = (String) created.get("id");
        String slug = (String) created.get("slug");
        assertThat(slug).startsWith("wool-jumper-deluxe");
        assertThat(created).containsEntry("status", "ACTIVE").containsEntry("version", 1);
        assertThat(((Map<?, ?>) created.get("price")).get("amountMinor")).isEqualTo(2_000);
        List<Map<String, Object>> variants = variants(created);
        assertThat(variants).hasSize(2);
        assertThat(variants.get(0)).containsEntry("stockOnHand", 5).containsEntry("weightGrams", 300);

        // The same title again gets a suffixed slug.
        Map<String, Object> twin = create(product("Wool Jumper Deluxe", ManagementClient.unique("TWIN")));
        assertThat((String) twin.get("slug")).isNotEqualTo(slug).startsWith(slug.replaceAll("-\\d+$", ""));

        // The public page shows it.
        http.get().uri("/api/v1/products/" + slug).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.title").isEqualTo("Wool Jumper Deluxe");
        client.call(HttpMethod.GET, base + "/" + id, seller, null, null).expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"");

        // PATCH: title changes, slug stays; the ETag moves on; stale and missing If-Match are refused.
        Map<String, Object> patched = client.call(HttpMethod.PATCH, base + "/" + id, seller, "\"1\"",
                        Map.of("title", "Wool Jumper Supreme", "featured", true, "featuredPosition", 3))
                .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(patched).containsEntry("title", "Wool Jumper Supreme").containsEntry("slug", slug)
                .containsEntry("featured", true).containsEntry("featuredPosition", 3);
        client.call(HttpMethod.PATCH, base + "/" + id, seller, "\"1\"", Map.of("title", "Lost update"))
                .expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.code").isEqualTo("precondition_failed");
        client.call(HttpMethod.PATCH, base + "/" + id, seller, null, Map.of("title", "No condition"))
                .expectStatus().isEqualTo(HttpStatus.PRECONDITION_REQUIRED)
                .expectBody().jsonPath("$.code").isEqualTo("precondition_required");
        client.call(HttpMethod.PATCH, base + "/" + id, seller, "\"2\"", Map.of("variants", List.of()))
                .expectStatus().isBadRequest();
        client.call(HttpMethod.PATCH, base + "/" + id, seller, "\"2\"", Map.of("titel", "typo"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("titel");

        // PUT: every variant listed by id is updated in place; ids survive; the lowest price follows.
        Map<String, Object> first = variants.get(0);
        Map<String, Object> second = variants.get(1);
        Map<String, Object> replaced = client.call(HttpMethod.PUT, base + "/" + id, seller, "\"2\"", Map.of(
                        "title", "Wool Jumper Supreme", "categoryId", category.toString(), "status", "ACTIVE",
                        "variants", List.of(
                                Map.of("id", first.get("id"), "sku", first.get("sku"), "price", Map.of("amountMinor", 1_500, "currency", "USD")),
                                Map.of("id", second.get("id"), "sku", second.get("sku"), "price", Map.of("amountMinor", 2_500, "currency", "USD")),
                                Map.of("sku", sku + "-L", "price", Map.of("amountMinor", 3_000, "currency", "USD"), "stock", 2))))
                .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"3\"")
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(variants(replaced)).extracting(v -> v.get("id")).startsWith(first.get("id"), second.get("id")).hasSize(3);
        assertThat(variants(replaced).get(0)).containsEntry("stockOnHand", 5);
        assertThat(((Map<?, ?>) replaced.get("price")).get("amountMinor")).isEqualTo(1_500);
        assertThat(db.sql("SELECT price_minor FROM products WHERE id = :id").bind("id", UUID.fromString(id))
                .map(r -> r.get("price_minor", Long.class)).one().block()).isEqualTo(1_500L);
        // A PUT that leaves a variant out, or sets stock of an existing one, is refused.
        client.call(HttpMethod.PUT, base + "/" + id, seller, "\"3\"", Map.of("title", "T", "categoryId", category.toString(),
                        "variants", List.of(Map.of("id", first.get("id"), "sku", first.get("sku"),
                                "price", Map.of("amountMinor", 1_500, "currency", "USD")))))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].code").isEqualTo("missing");

        // Variants one by one.
        String third = (String) variants(replaced).get(2).get("id");
        Map<String, Object> withPatchedVariant = client.call(HttpMethod.PATCH, base + "/" + id + "/variants/" + third, seller, "\"3\"",
                        Map.of("price", Map.of("amountMinor", 999, "currency", "USD"), "compareAtPrice", Map.of("amountMinor", 1_999, "currency", "USD"),
                                "attributes", Map.of("size", "L")))
                .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"4\"").expectBody(JSON).returnResult().getResponseBody();
        assertThat(((Map<?, ?>) withPatchedVariant.get("price")).get("amountMinor")).isEqualTo(999);
        client.call(HttpMethod.PATCH, base + "/" + id + "/variants/" + third, seller, "\"4\"", Map.of("stock", 50))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].code").isEqualTo("not_writable");
        client.call(HttpMethod.POST, base + "/" + id + "/variants", seller, "\"4\"",
                        Map.of("sku", (String) second.get("sku"), "price", Map.of("amountMinor", 100, "currency", "USD")))
                .expectStatus().isEqualTo(HttpStatus.CONFLICT).expectBody().jsonPath("$.code").isEqualTo("sku_taken");
        client.call(HttpMethod.POST, base + "/" + id + "/variants", seller, "\"4\"",
                        Map.of("sku", sku + "-XL", "price", Map.of("amountMinor", 100, "currency", "EUR")))
                .expectStatus().isBadRequest();
        client.call(HttpMethod.POST, base + "/" + id + "/variants", seller, "\"4\"",
                        Map.of("sku", sku + "-XL", "price", Map.of("amountMinor", 4_000, "currency", "USD"), "stock", 7))
                .expectStatus().isCreated().expectHeader().valueEquals("ETag", "\"5\"");
        client.call(HttpMethod.DELETE, base + "/" + id + "/variants/" + third, seller, "\"5\"", null)
                .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"6\"");
        assertThat(db.sql("SELECT price_minor FROM products WHERE id = :id").bind("id", UUID.fromString(id))
                .map(r -> r.get("price_minor", Long.class)).one().block()).isEqualTo(1_500L);

        // Archive takes it off the storefront; restore brings it back.
        client.call(HttpMethod.POST, base + "/" + id + "/archive", seller, "\"6\"", null).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ARCHIVED");
        http.get().uri("/api/v1/products/" + id).exchange().expectStatus().isNotFound();
        client.call(HttpMethod.POST, base + "/" + id + "/restore", seller, "\"7\"", null).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ACTIVE");
        http.get().uri("/api/v1/products/" + id).exchange().expectStatus().isOk();

        // The list shows both products; delete removes one.
        client.call(HttpMethod.GET, base + "?limit=1", seller, null, null).expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(1).jsonPath("$.nextCursor").isNotEmpty();
        client.call(HttpMethod.DELETE, base + "/" + id, seller, "\"7\"", null).expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED);
        client.call(HttpMethod.DELETE, base + "/" + id, seller, "\"8\"", null).expectStatus().isNoContent();
        client.call(HttpMethod.GET, base + "/" + id, seller, null, null).expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("product_not_found");

        // Every write is audited and published.
        assertThat(db.sql("SELECT count(*) AS n FROM audit_log WHERE subject_id = :id AND action LIKE 'product.%'")
                .bind("id", UUID.fromString(id)).map(r -> r.get("n", Long.class)).one().block()).isEqualTo(9L);
        assertThat(db.sql("SELECT count(*) AS n FROM outbox_events WHERE event_type = 'ProductChanged' AND event_key = :id")
                .bind("id", id).map(r -> r.get("n", Long.class)).one().block()).isEqualTo(9L);
    }

    @Test
    void theLastVariantStays() {
        Map<String, Object> created = create(product("Single Scarf", ManagementClient.unique("ONE")));
        client.call(HttpMethod.DELETE, base + "/" + created.get("id") + "/variants/" + variants(created).get(0).get("id"),
                        seller, "\"1\"", null)
                .expectStatus().isEqualTo(HttpStatus.CONFLICT).expectBody().jsonPath("$.code").isEqualTo("last_variant");
    }

    @Test
    void invalidProductsAreRefusedWithFieldErrorsAndNothingIsWritten() {
        String sku = ManagementClient.unique("BAD");
        Map<String, Object> price = Map.of("amountMinor", 1_000, "currency", "USD");
        expectInvalid(Map.of("categoryId", category.toString(), "variants", List.of(Map.of("sku", sku, "price", price))), "title");
        expectInvalid(Map.of("title", "Yen", "categoryId", category.toString(),
                "variants", List.of(Map.of("sku", sku, "price", Map.of("amountMinor", 19.99, "currency", "JPY")))),
                "variants[0].price.amountMinor");
        expectInvalid(Map.of("title", "Gold", "categoryId", category.toString(),
                "variants", List.of(Map.of("sku", sku, "price", Map.of("amountMinor", 100, "currency", "XAU")))),
                "variants[0].price.currency");
        expectInvalid(Map.of("title", "Nope", "categoryId", category.toString(),
                "variants", List.of(Map.of("sku", sku, "price", Map.of("amountMinor", 100, "currency", "ZZZ")))),
                "variants[0].price.currency");
        expectInvalid(Map.of("title", "Cheap was", "categoryId", category.toString(),
                "variants", List.of(Map.of("sku", sku, "price", price, "compareAtPrice", Map.of("amountMinor", 999, "currency", "USD")))),
                "variants[0].compareAtPrice");
        expectInvalid(Map.of("title", "Twice", "categoryId", category.toString(),
                "variants", List.of(Map.of("sku", sku, "price", price), Map.of("sku", sku, "price", price))), "variants[1].sku");
        expectInvalid(Map.of("title", "Mixed", "categoryId", category.toString(),
                "variants", List.of(Map.of("sku", sku, "price", price),
                        Map.of("sku", sku + "b", "price", Map.of("amountMinor", 1, "currency", "EUR")))), "variants[1].price.currency");
        expectInvalid(Map.of("title", "Nowhere", "categoryId", UUID.randomUUID().toString(),
                "variants", List.of(Map.of("sku", sku, "price", price))), "categoryId");
        expectInvalid(Map.of("title", "Bad slug", "slug", "Not A Slug", "categoryId", category.toString(),
                "variants", List.of(Map.of("sku", sku, "price", price))), "slug");
        expectInvalid(Map.of("title", "No variants", "categoryId", category.toString(), "variants", List.of()), "variants");
        client.call(HttpMethod.POST, base, seller, null, "{not json").expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json");
        // JPY has no minor unit: 1999 is ¥1,999 and fine.
        create(Map.of("title", "Yen ok", "categoryId", category.toString(),
                "variants", List.of(Map.of("sku", sku, "price", Map.of("amountMinor", 1999, "currency", "JPY")))));

        // SKU and explicit slug collisions are conflicts.
        client.call(HttpMethod.POST, base, seller, null, Map.of("title", "Dup", "categoryId", category.toString(),
                        "variants", List.of(Map.of("sku", sku, "price", price))))
                .expectStatus().isEqualTo(HttpStatus.CONFLICT).expectBody().jsonPath("$.code").isEqualTo("sku_taken");
        String slug = CatalogFixtures.unique("taken");
        create(Map.of("title", "First", "slug", slug, "categoryId", category.toString(),
                "variants", List.of(Map.of("sku", sku + "-2", "price", price))));
        client.call(HttpMethod.POST, base, seller, null, Map.of("title", "Second", "slug", slug, "categoryId", category.toString(),
                        "variants", List.of(Map.of("sku", sku + "-3", "price", price))))
                .expectStatus().isEqualTo(HttpStatus.CONFLICT).expectBody().jsonPath("$.code").isEqualTo("slug_taken");
        assertThat(db.sql("SELECT count(*) AS n FROM products WHERE merchant_id = :m").bind("m", merchant.id())
                .map(r -> r.get("n", Long.class)).one().block()).isEqualTo(2L);
    }

    private void expectInvalid(Map<String, Object> body, String field) {
        client.call(HttpMethod.POST, base, seller, null, body).expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.code").isEqualTo("validation_failed")
                .jsonPath("$.errors[?(@.field == '" + field + "')]").exists();
    }

    @Test
    void customersAreForbiddenOtherMerchantsAreNotFoundAndAdminsReachAny() {
        Map<String, Object> ours = create(product("Tenant Hat", ManagementClient.unique("HAT")));
        String productUri = base + "/" + ours.get("id");
        CatalogFixtures.Merchant other = fixtures.merchant();
        String otherSeller = client.seller(other.id());
        String customer = client.signedInAs("CUSTOMER", null);
        String admin = client.signedInAs("ADMIN", null);

        client.call(HttpMethod.POST, base, customer, null, product("Nope", "X-" + UUID.randomUUID()))
                .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("forbidden");
        client.call(HttpMethod.PATCH, productUri, customer, "\"1\"", Map.of("title", "Mine")).expectStatus().isForbidden();
        client.call(HttpMethod.POST, "/api/v1/admin/categories", seller, null, Map.of("name", "Nope")).expectStatus().isForbidden();
        client.call(HttpMethod.GET, base, null, null, null).expectStatus().isUnauthorized();

        // Another merchant's seller: the merchant, and the product through their own merchant, do not exist.
        client.call(HttpMethod.GET, productUri, otherSeller, null, null).expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("merchant_not_found");
        client.call(HttpMethod.PATCH, productUri, otherSeller, "\"1\"", Map.of("title", "Stolen")).expectStatus().isNotFound();
        client.call(HttpMethod.PATCH, "/api/v1/merchants/" + other.id() + "/products/" + ours.get("id"), otherSeller, "\"1\"",
                        Map.of("title", "Stolen")).expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("product_not_found");
        client.call(HttpMethod.DELETE, "/api/v1/merchants/" + other.id() + "/products/" + ours.get("id"), otherSeller, "\"1\"", null)
                .expectStatus().isNotFound();

        // Admins manage any merchant.
        client.call(HttpMethod.PATCH, productUri, admin, "\"1\"", Map.of("description", "Checked by an admin"))
                .expectStatus().isOk().expectBody().jsonPath("$.description").isEqualTo("Checked by an admin");
        client.call(HttpMethod.GET, "/api/v1/merchants/" + UUID.randomUUID() + "/products", admin, null, null)
                .expectStatus().isNotFound();
        assertThat(db.sql("SELECT title FROM products WHERE id = :id").bind("id", UUID.fromString((String) ours.get("id")))
                .map(r -> r.get("title", String.class)).one().block()).isEqualTo("Tenant Hat");
    }

    @Test
    void adminsShapeTheCategoryTreeWithoutCycles() {
        String admin = client.signedInAs("ADMIN", null);
        String name = CatalogFixtures.unique("Outdoor");
        Map<String, Object> root = client.call(HttpMethod.POST, "/api/v1/admin/categories", admin, null, Map.of("name", name))
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
        assertThat((String) root.get("slug")).isEqualTo(name.toLowerCase());
        Map<String, Object> child = client.call(HttpMethod.POST, "/api/v1/admin/categories", admin, null,
                Map.of("name", "Tents", "parentId", root.get("id"))).expectStatus().isCreated()
                .expectBody(JSON).returnResult().getResponseBody();
        Map<String, Object> grandchild = client.call(HttpMethod.POST, "/api/v1/admin/categories", admin, null,
                Map.of("name", "Tents", "parentId", child.get("id"))).expectStatus().isCreated()
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(grandchild.get("slug")).isNotEqualTo(child.get("slug"));

        client.call(HttpMethod.PATCH, "/api/v1/admin/categories/" + root.get("id"), admin, null, Map.of("parentId", grandchild.get("id")))
                .expectStatus().isEqualTo(HttpStatus.CONFLICT).expectBody().jsonPath("$.code").isEqualTo("category_cycle");
        client.call(HttpMethod.PATCH, "/api/v1/admin/categories/" + root.get("id"), admin, null, Map.of("parentId", root.get("id")))
                .expectStatus().isEqualTo(HttpStatus.CONFLICT);
        client.call(HttpMethod.PATCH, "/api/v1/admin/categories/" + grandchild.get("id"), admin, null,
                        java.util.Collections.singletonMap("parentId", null))
                .expectStatus().isOk();
        client.call(HttpMethod.PATCH, "/api/v1/admin/categories/" + child.get("id"), admin, null, Map.of("name", "Shelters"))
                .expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("Shelters").jsonPath("$.slug").isEqualTo(child.get("slug"));
        client.call(HttpMethod.PATCH, "/api/v1/admin/categories/" + child.get("id"), admin, null, Map.of("name", ""))
                .expectStatus().isBadRequest();

        // Only empty categories go.
        client.call(HttpMethod.DELETE, "/api/v1/admin/categories/" + root.get("id"), admin, null, null)
                .expectStatus().isEqualTo(HttpStatus.CONFLICT).expectBody().jsonPath("$.code").isEqualTo("category_not_empty");
        client.call(HttpMethod.DELETE, "/api/v1/admin/categories/" + child.get("id"), admin, null, null).expectStatus().isNoContent();
        client.call(HttpMethod.DELETE, "/api/v1/admin/categories/" + child.get("id"), admin, null, null).expectStatus().isNotFound();
        client.call(HttpMethod.DELETE, "/api/v1/admin/categories/" + category, admin, null, null).expectStatus().isNoContent();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> variants(Map<String, Object> product) {
        return (List<Map<String, Object>>) product.get("variants");
    }
}
